import { TITLE_LEVELS, type TitleLevel } from '@contracts/lead-scoring.contract';
import { COMPANY_SIZES, LEAD_EVENT_KINDS, LEAD_GRADES, LEAD_SOURCES } from '@contracts/leads.contract';
import type { ScorableLead, ScoredEvent } from '../rule-score';

/**
 * What the predictive model sees of a lead, as named numeric features (codes documented on `ModelWeight` in
 * contracts/lead-scoring.contract.ts): one-hot attributes, a title level, contact details present, the
 * MAN/BANT checklist, and the log of each behaviour's count. Pure.
 */

/** Free-text attributes keep their own feature only for the tenant's most frequent values. */
export type Vocabulary = { regions: string[]; industries: string[] };

const TOP_VALUES = 10;
const MIN_VALUE_COUNT = 5;

/** First match wins, so 副总经理 is a VP before it is a general manager and "Engineering Manager" a manager. */
const TITLE_PATTERNS: readonly [TitleLevel, RegExp][] = [
  ['vp', /副总|\b(vp|svp|evp)\b|vice[\s-]*president/i],
  [
    'executive',
    /总经理|总裁|董事长|董事|首席|创始人|合伙人|老板|厂长|\b(ceo|cto|cfo|coo|cio|cmo|chief|founder|co-founder|president|owner|general manager|managing director)\b/i,
  ],
  ['director', /总监|部长|\b(director|head of)\b/i],
  ['manager', /经理|\bmanager\b/i],
  ['supervisor', /主管|组长|\b(supervisor|team lead)\b/i],
  ['engineer', /工程师|开发|技术员|架构师|\b(engineer|developer|architect|technician)\b/i],
];

/** The level a title names; `other` for a title naming none, null for no title. */
export function titleLevel(title: string | null): TitleLevel | null {
  const text = title?.trim();
  if (!text) return null;
  for (const [level, pattern] of TITLE_PATTERNS) if (pattern.test(text)) return level;
  return 'other';
}

const CHECKLIST: readonly (readonly [string, string])[] = [
  ['man', 'money'],
  ['man', 'authority'],
  ['man', 'need'],
  ['bant', 'budget'],
  ['bant', 'authority'],
  ['bant', 'need'],
  ['bant', 'timeline'],
];

/** MAN and BANT items marked met. */
export function qualificationMet(qualification: Record<string, unknown>): number {
  let met = 0;
  for (const [list, item] of CHECKLIST) {
    const group = qualification[list] as Record<string, { met?: unknown } | undefined> | undefined;
    if (group?.[item]?.met === true) met += 1;
  }
  return met;
}

function decisionMakers(qualification: Record<string, unknown>): number | null {
  const n = qualification.decisionMakers;
  return typeof n === 'number' ? n : null;
}

const key = (value: string | null) => value?.trim().toLowerCase() ?? '';

function topValues(values: readonly (string | null)[]): string[] {
  const counts = new Map<string, { spelling: string; n: number }>();
  for (const value of values) {
    const k = key(value);
    if (!k) continue;
    const entry = counts.get(k);
    if (entry) entry.n += 1;
    else counts.set(k, { spelling: (value ?? '').trim(), n: 1 });
  }
  return [...counts.values()]
    .filter((e) => e.n >= MIN_VALUE_COUNT)
    .sort((a, b) => b.n - a.n || a.spelling.localeCompare(b.spelling))
    .slice(0, TOP_VALUES)
    .map((e) => e.spelling);
}

export function buildVocabulary(leads: readonly ScorableLead[]): Vocabulary {
  return {
    regions: topValues(leads.map((l) => l.region)),
    industries: topValues(leads.map((l) => l.industry)),
  };
}

/** Every feature a vocabulary can produce, in a fixed order (the model keeps those that vary). */
export function candidateFeatures(vocabulary: Vocabulary): string[] {
  return [
    ...LEAD_SOURCES.map((v) => `source=${v}`),
    ...COMPANY_SIZES.map((v) => `companySize=${v}`),
    ...LEAD_GRADES.map((v) => `grade=${v}`),
    ...vocabulary.regions.map((v) => `region=${v}`),
    'region_other',
    ...vocabulary.industries.map((v) => `industry=${v}`),
    'industry_other',
    ...TITLE_LEVELS.map((v) => `title=${v}`),
    'has_email',
    'has_phone',
    'has_campaign',
    'qualification_met',
    'few_decision_makers',
    ...LEAD_EVENT_KINDS.map((k) => `events.${k}`),
  ];
}

/** Yes/no features (0 or 1); the others are counts. */
export function isBinaryFeature(feature: string): boolean {
  return !feature.startsWith('events.') && feature !== 'qualification_met';
}

function oneOf(prefix: string, value: string | null, known: readonly string[]): string | null {
  const k = key(value);
  if (!k) return null;
  const match = known.find((v) => key(v) === k);
  return match ? `${prefix}=${match}` : `${prefix}_other`;
}

/** The lead's non-zero features. Events are the lead's behaviour so far (or up to its outcome, for training). */
export function featureValues(
  lead: ScorableLead,
  events: readonly ScoredEvent[],
  vocabulary: Vocabulary,
): Map<string, number> {
  const out = new Map<string, number>();
  const flag = (feature: string | null) => {
    if (feature) out.set(feature, 1);
  };
  flag(`source=${lead.source}`);
  flag(lead.companySize ? `companySize=${lead.companySize}` : null);
  flag(lead.grade ? `grade=${lead.grade}` : null);
  flag(oneOf('region', lead.region, vocabulary.regions));
  flag(oneOf('industry', lead.industry, vocabulary.industries));
  const level = titleLevel(lead.title);
  flag(level ? `title=${level}` : null);
  flag(lead.email?.trim() ? 'has_email' : null);
  flag(lead.phone?.trim() ? 'has_phone' : null);
  flag(lead.campaignId ? 'has_campaign' : null);
  const met = qualificationMet(lead.qualification);
  if (met > 0) out.set('qualification_met', met);
  const deciders = decisionMakers(lead.qualification);
  flag(deciders !== null && deciders <= 3 ? 'few_decision_makers' : null);
  const counts = new Map<string, number>();
  for (const e of events) counts.set(e.kind, (counts.get(e.kind) ?? 0) + 1);
  for (const [kind, n] of counts) out.set(`events.${kind}`, Math.log1p(n));
  return out;
}
