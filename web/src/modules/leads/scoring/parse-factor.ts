import { TITLE_LEVELS, type TitleLevel } from '@contracts/lead-scoring.contract';
import {
  COMPANY_SIZES,
  type CompanySize,
  LEAD_EVENT_KINDS,
  LEAD_SOURCES,
  type LeadEventKind,
  type LeadSource,
} from '@contracts/leads.contract';

/**
 * A model feature code (`source=event`, `not:has_email`, `events.webinar` …, see `ModelWeight` in
 * contracts/lead-scoring.contract.ts) taken apart for wording. Codes this client does not know come back
 * as `unknown` and are shown as they are.
 */
export type ParsedFactor = { negated: boolean } & (
  | { kind: 'source'; value: LeadSource }
  | { kind: 'companySize'; value: CompanySize }
  | { kind: 'grade' | 'region' | 'industry'; value: string }
  | { kind: 'title'; value: TitleLevel }
  | { kind: 'events'; value: LeadEventKind }
  | {
      kind:
        | 'regionOther'
        | 'industryOther'
        | 'hasEmail'
        | 'hasPhone'
        | 'hasCampaign'
        | 'qualificationMet'
        | 'fewDecisionMakers';
    }
  | { kind: 'unknown'; code: string }
);

const FLAGS = {
  region_other: 'regionOther',
  industry_other: 'industryOther',
  has_email: 'hasEmail',
  has_phone: 'hasPhone',
  has_campaign: 'hasCampaign',
  qualification_met: 'qualificationMet',
  few_decision_makers: 'fewDecisionMakers',
} as const;

const isOneOf = <T extends string>(list: readonly T[], value: string): value is T =>
  (list as readonly string[]).includes(value);

export function parseFactor(code: string): ParsedFactor {
  const negated = code.startsWith('not:');
  const feature = negated ? code.slice(4) : code;
  if (feature in FLAGS) return { negated, kind: FLAGS[feature as keyof typeof FLAGS] };
  if (feature.startsWith('events.')) {
    const kind = feature.slice(7);
    return isOneOf(LEAD_EVENT_KINDS, kind)
      ? { negated, kind: 'events', value: kind }
      : { negated, kind: 'unknown', code };
  }
  const eq = feature.indexOf('=');
  if (eq <= 0) return { negated, kind: 'unknown', code };
  const name = feature.slice(0, eq);
  const value = feature.slice(eq + 1);
  switch (name) {
    case 'source':
      return isOneOf(LEAD_SOURCES, value)
        ? { negated, kind: 'source', value }
        : { negated, kind: 'unknown', code };
    case 'companySize':
      return isOneOf(COMPANY_SIZES, value)
        ? { negated, kind: 'companySize', value }
        : { negated, kind: 'unknown', code };
    case 'title':
      return isOneOf(TITLE_LEVELS, value)
        ? { negated, kind: 'title', value }
        : { negated, kind: 'unknown', code };
    case 'grade':
    case 'region':
    case 'industry':
      return { negated, kind: name, value };
    default:
      return { negated, kind: 'unknown', code };
  }
}
