import { z } from 'zod';
import { defineRoute, IdParams, IsoDateTime, Uuid } from './common';
import { COMPANY_SIZES, LEAD_GRADES, LEAD_SOURCES, LeadEventKind } from './leads.contract';

/**
 * Lead scoring: rules that give points for attributes and behaviour (with decay and caps), the MQL
 * threshold, and the per-tenant predictive model with its measured quality.
 */

/** Lead attributes a rule can test. `qualification.*` are the MAN/BANT checklist items (met = true). */
export const SCORE_ATTRIBUTE_FIELDS = [
  'companySize',
  'industry',
  'title',
  'region',
  'source',
  'grade',
  'campaignId',
  'email',
  'phone',
  'qualification.man.money',
  'qualification.man.authority',
  'qualification.man.need',
  'qualification.bant.budget',
  'qualification.bant.authority',
  'qualification.bant.need',
  'qualification.bant.timeline',
] as const;
export const ScoreAttributeField = z.enum(SCORE_ATTRIBUTE_FIELDS);
export type ScoreAttributeField = z.infer<typeof ScoreAttributeField>;

/**
 * eq / in: the value equals (one of) the given; contains: case-insensitive substring of the value or of any
 * value in a list (e.g. title contains "总监" or "director"); present: the field is filled; met: a checklist
 * item is met.
 */
export const SCORE_OPERATORS = ['eq', 'in', 'contains', 'present', 'met'] as const;
export const ScoreOperator = z.enum(SCORE_OPERATORS);
export type ScoreOperator = z.infer<typeof ScoreOperator>;

/** Which conditions each field takes: free text can be matched, codes only compared, contact details only present. */
export const SCORE_FIELD_OPERATORS: Record<ScoreAttributeField, readonly ScoreOperator[]> = {
  companySize: ['eq', 'in', 'present'],
  industry: ['eq', 'in', 'contains', 'present'],
  title: ['eq', 'in', 'contains', 'present'],
  region: ['eq', 'in', 'contains', 'present'],
  source: ['eq', 'in'],
  grade: ['eq', 'in', 'present'],
  campaignId: ['present'],
  email: ['present'],
  phone: ['present'],
  'qualification.man.money': ['met'],
  'qualification.man.authority': ['met'],
  'qualification.man.need': ['met'],
  'qualification.bant.budget': ['met'],
  'qualification.bant.authority': ['met'],
  'qualification.bant.need': ['met'],
  'qualification.bant.timeline': ['met'],
};

/** Fields whose values are codes: a rule's value must be one of them. */
export const SCORE_FIELD_VALUES: Partial<Record<ScoreAttributeField, readonly string[]>> = {
  companySize: COMPANY_SIZES,
  source: LEAD_SOURCES,
  grade: LEAD_GRADES,
};

/** Operators that compare with a value; `in` takes a list, `eq` one value, `contains` either. */
export const VALUE_OPERATORS: readonly ScoreOperator[] = ['eq', 'in', 'contains'];

const Points = z.number().int().min(-1000).max(1000);
const RuleName = z.string().trim().min(1).max(100);
const RuleValue = z
  .union([z.string().trim().min(1).max(200), z.array(z.string().trim().min(1).max(200)).min(1).max(50)])
  .nullable()
  .default(null);

const AttributeRuleFields = {
  kind: z.literal('attribute'),
  name: RuleName,
  field: ScoreAttributeField,
  operator: ScoreOperator,
  /** A string for eq, a list for in, either for contains, nothing (null) for present/met. */
  value: RuleValue,
  points: Points,
  active: z.boolean().default(true),
};

const BehaviourRuleFields = {
  kind: z.literal('behaviour'),
  name: RuleName,
  /** The event kind each occurrence of which earns `points`. */
  field: LeadEventKind,
  points: Points,
  /** Most points this rule may give in total. */
  cap: z.number().int().min(1).max(10_000).nullable().default(null),
  /** An event's points halve every this many days. */
  halfLifeDays: z.number().int().min(1).max(3650).nullable().default(null),
  active: z.boolean().default(true),
};

export const ScoreRuleBody = z.discriminatedUnion('kind', [
  z.strictObject(AttributeRuleFields),
  z.strictObject(BehaviourRuleFields),
]);
export type ScoreRuleBody = z.infer<typeof ScoreRuleBody>;

const Version = z.number().int();

/** The whole rule again plus the version it was read at (a stale version is 412). */
export const ReplaceScoreRuleBody = z.discriminatedUnion('kind', [
  z.strictObject({ ...AttributeRuleFields, version: Version }),
  z.strictObject({ ...BehaviourRuleFields, version: Version }),
]);
export type ReplaceScoreRuleBody = z.infer<typeof ReplaceScoreRuleBody>;

export const ScoreRule = z.object({
  id: Uuid,
  kind: z.enum(['attribute', 'behaviour']),
  name: z.string(),
  field: z.string(),
  /** Attribute rules' condition; `eq` for behaviour rules (events whose kind equals `field`). */
  operator: z.string(),
  value: z.union([z.string(), z.array(z.string())]).nullable(),
  points: z.number().int(),
  cap: z.number().int().nullable(),
  halfLifeDays: z.number().int().nullable(),
  position: z.number().int(),
  active: z.boolean(),
  version: z.number().int(),
});
export type ScoreRule = z.infer<typeof ScoreRule>;

/**
 * Title levels the model reads from a title in Chinese or English (总经理 / CEO → executive, 总监 / director →
 * director …); `other` is a title that names none of them.
 */
export const TITLE_LEVELS = [
  'executive',
  'vp',
  'director',
  'manager',
  'supervisor',
  'engineer',
  'other',
] as const;
export type TitleLevel = (typeof TITLE_LEVELS)[number];

/**
 * Model features, as codes: `source=event`, `companySize=100-499`, `grade=A`, `region=华东` / `region_other`,
 * `industry=制造业` / `industry_other`, `title=director`, `has_email`, `has_phone`, `has_campaign`,
 * `qualification_met` (MAN/BANT items met), `few_decision_makers` (three or fewer), `events.webinar`
 * (log of the count of each behaviour). On a lead's factors, `not:` before a yes/no feature means the lead
 * lacks it and that absence is what moves its probability.
 */
export const ModelWeight = z.object({ feature: z.string(), weight: z.number() });
export type ModelWeight = z.infer<typeof ModelWeight>;

export const ScoringModel = z.object({
  id: Uuid,
  trainedAt: IsoDateTime,
  status: z.enum(['ready', 'insufficient']),
  /** Converted leads the run learnt from. */
  positives: z.number().int(),
  /** Disqualified leads the run learnt from. */
  negatives: z.number().int(),
  /** Area under the ROC curve on the held-out quarter: 0.5 is guessing, 1 is perfect. */
  auc: z.number().nullable(),
  active: z.boolean(),
});
export type ScoringModel = z.infer<typeof ScoringModel>;

export const ActiveScoringModel = ScoringModel.extend({
  /** Leads held out to measure the AUC. */
  testSize: z.number().int(),
  /** Strongest features by standardised weight (positive raises the probability). */
  topWeights: z.array(ModelWeight),
});
export type ActiveScoringModel = z.infer<typeof ActiveScoringModel>;

export const ScoringModelOverview = z.object({
  /** Null while there are too few outcomes: rule scores stand alone. */
  active: ActiveScoringModel.nullable(),
  /** Latest training runs, newest first. */
  runs: z.array(ScoringModel),
  /** Outcomes available now, and how many training needs (the lead setting `predictiveMinOutcomes`). */
  outcomes: z.object({
    converted: z.number().int(),
    disqualified: z.number().int(),
    needed: z.number().int(),
    neededPerClass: z.number().int(),
  }),
});
export type ScoringModelOverview = z.infer<typeof ScoringModelOverview>;

export const listScoreRules = defineRoute({
  method: 'GET',
  path: '/api/v1/lead-scoring/rules',
  summary: 'Scoring rules in evaluation order',
  tags: ['lead-scoring'],
  access: 'session',
  scope: 'read',
  response: { 200: z.object({ items: z.array(ScoreRule) }) },
});

export const createScoreRule = defineRoute({
  method: 'POST',
  path: '/api/v1/lead-scoring/rules',
  summary: 'Add a scoring rule (leads are rescored in the background)',
  tags: ['lead-scoring'],
  access: 'session',
  permission: 'leads.configure',
  scope: 'admin',
  body: ScoreRuleBody,
  response: { 201: ScoreRule },
});

export const reorderScoreRules = defineRoute({
  method: 'PUT',
  path: '/api/v1/lead-scoring/rules/order',
  summary: 'Put the scoring rules in this order (every rule id, once)',
  tags: ['lead-scoring'],
  access: 'session',
  permission: 'leads.configure',
  scope: 'admin',
  body: z.strictObject({ ids: z.array(Uuid).max(500) }),
  response: { 200: z.object({ items: z.array(ScoreRule) }) },
});

export const replaceScoreRule = defineRoute({
  method: 'PUT',
  path: '/api/v1/lead-scoring/rules/:id',
  summary: 'Replace a scoring rule (send the version you read; leads are rescored in the background)',
  tags: ['lead-scoring'],
  access: 'session',
  permission: 'leads.configure',
  scope: 'admin',
  params: IdParams,
  body: ReplaceScoreRuleBody,
  response: { 200: ScoreRule },
});

export const deleteScoreRule = defineRoute({
  method: 'DELETE',
  path: '/api/v1/lead-scoring/rules/:id',
  summary: 'Remove a scoring rule (leads are rescored in the background)',
  tags: ['lead-scoring'],
  access: 'session',
  permission: 'leads.configure',
  scope: 'admin',
  params: IdParams,
  response: { 204: z.null() },
});

export const getScoringModel = defineRoute({
  method: 'GET',
  path: '/api/v1/lead-scoring/model',
  summary: 'The active predictive model, its recent training runs and the outcomes available',
  tags: ['lead-scoring'],
  access: 'session',
  scope: 'read',
  response: { 200: ScoringModelOverview },
});

export const trainScoringModel = defineRoute({
  method: 'POST',
  path: '/api/v1/lead-scoring/model/train',
  summary: 'Train the predictive model now (in the background); leads get new probabilities after it',
  tags: ['lead-scoring'],
  access: 'session',
  permission: 'leads.configure',
  scope: 'admin',
  response: { 202: z.object({ queued: z.literal(true) }) },
});
