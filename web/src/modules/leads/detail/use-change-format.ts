import {
  COMPANY_SIZES,
  type CompanySize,
  LEAD_SOURCES,
  LEAD_STATUSES,
  type LeadSource,
  type LeadStatus,
} from '@contracts/leads.contract';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useAllTeams } from '../../../shared/use-all-teams';
import { useFormatDateTime } from '../../../shared/use-format-date-time';
import { metCount } from './qualification-values';

/** Audit fields a lead's history shows; anything else in a change (whole records, score details) is left out. */
const FIELDS = [
  'companyName',
  'contactName',
  'title',
  'phone',
  'email',
  'region',
  'industry',
  'companySize',
  'source',
  'campaignId',
  'utm',
  'referrer',
  'grade',
  'status',
  'statusReason',
  'score',
  'notes',
  'qualification',
  'consent',
  'ownerId',
  'teamId',
  'sharedWith',
  'firstContactAt',
  'slaBreachedAt',
  'customerId',
  'contactId',
  'dealId',
  'merged',
  'mergedInto',
] as const;
export type ChangeField = (typeof FIELDS)[number];

export const isShownField = (field: string): field is ChangeField =>
  (FIELDS as readonly string[]).includes(field);

const ACTIONS = [
  'create',
  'update',
  'status_change',
  'assign',
  'delete',
  'merge',
  'merged_into',
  'convert',
  'rescore',
  'sla_breach',
  'sla_escalate',
  'nurture_enrol',
  'nurture_stop',
  'nurture_touch',
  'revisit_due',
] as const;
const isKnownAction = (action: string): action is (typeof ACTIONS)[number] =>
  (ACTIONS as readonly string[]).includes(action);

const isStatus = (v: unknown): v is LeadStatus => (LEAD_STATUSES as readonly unknown[]).includes(v);
const isSource = (v: unknown): v is LeadSource => (LEAD_SOURCES as readonly unknown[]).includes(v);
const isSize = (v: unknown): v is CompanySize => (COMPANY_SIZES as readonly unknown[]).includes(v);
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

type Checklist = Record<string, { met: boolean | null }>;
const isChecklist = (v: unknown): v is Checklist =>
  typeof v === 'object' &&
  v !== null &&
  Object.values(v).every((i) => typeof i === 'object' && i !== null && 'met' in i);

export type ChangeFormat = {
  action: (action: string) => string;
  field: (field: ChangeField) => string;
  value: (field: ChangeField, value: unknown) => string;
};

/** Puts a lead's recorded changes into words: action and field names, and values as the screens show them. */
export function useChangeFormat(
  userNames: ReadonlyMap<string, string>,
  campaignNames: ReadonlyMap<string, string>,
): ChangeFormat {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  const teams = useAllTeams();
  const teamNames = useMemo(
    () => new Map((teams.data ?? []).map((team) => [team.id, team.name])),
    [teams.data],
  );

  const action = useCallback(
    (a: string) => (isKnownAction(a) ? t(`leadScreens.timeline.action.${a}`) : a),
    [t],
  );

  const field = useCallback(
    (f: ChangeField) => {
      switch (f) {
        case 'ownerId':
          return t('leads.fields.owner');
        case 'teamId':
          return t('leads.fields.team');
        case 'campaignId':
          return t('leads.fields.campaign');
        case 'consent':
          return t('leadScreens.form.consent');
        case 'qualification':
        case 'sharedWith':
        case 'firstContactAt':
        case 'slaBreachedAt':
        case 'customerId':
        case 'contactId':
        case 'dealId':
        case 'merged':
        case 'mergedInto':
          return t(`leadScreens.timeline.field.${f}`);
        default:
          return t(`leads.fields.${f}`);
      }
    },
    [t],
  );

  const value = useCallback(
    (f: ChangeField, v: unknown): string => {
      const empty = t('common.empty');
      if (v === null || v === undefined || v === '') return empty;
      if (Array.isArray(v)) {
        if (v.length === 0) return empty;
        return v
          .map((item) => (typeof item === 'string' ? (userNames.get(item) ?? item) : JSON.stringify(item)))
          .join(', ');
      }
      if (f === 'status' && isStatus(v)) return t(`leads.status.${v}`);
      if (f === 'source' && isSource(v)) return t(`leads.source.${v}`);
      if (f === 'companySize' && isSize(v)) return t(`leads.companySize.${v}`);
      if (f === 'ownerId' && typeof v === 'string') return userNames.get(v) ?? v;
      if (f === 'teamId' && typeof v === 'string') return teamNames.get(v) ?? v;
      if (f === 'campaignId' && typeof v === 'string') return campaignNames.get(v) ?? v;
      if (typeof v === 'boolean') return t(v ? 'leadScreens.timeline.yes' : 'leadScreens.timeline.no');
      if (f === 'qualification' && typeof v === 'object') {
        const q = v as { man?: unknown; bant?: unknown };
        const man = isChecklist(q.man) ? metCount(q.man) : { met: 0, of: 3 };
        const bant = isChecklist(q.bant) ? metCount(q.bant) : { met: 0, of: 4 };
        return t('leadScreens.timeline.qualificationValue', { man: man.met, bant: bant.met });
      }
      if (f === 'utm' && typeof v === 'object') {
        const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x);
        return entries.length > 0 ? entries.map(([k, x]) => `utm_${k}=${String(x)}`).join(', ') : empty;
      }
      if (typeof v === 'string') return ISO.test(v) ? formatDateTime(v) : v;
      if (typeof v === 'number') return String(v);
      return JSON.stringify(v);
    },
    [t, userNames, campaignNames, teamNames, formatDateTime],
  );

  return useMemo(() => ({ action, field, value }), [action, field, value]);
}
