import { z } from 'zod';
import { defineRoute, IdParams, IsoDateTime, Uuid } from './common';
import { CustomerTier, LifecycleStage } from './customers.contract';

/**
 * Keeping customers (DOMAIN.md §7): RFM grading into tiers, lifecycle stages with their recommended actions,
 * the health score with its warnings, and churn with win-back. A nightly job (and a recompute on demand)
 * computes them for every customer from won deals, contracts and payments, and activities, by the company's
 * rules below. RFM reads a customer's contracts and payments once it has a contract signed by both sides, and
 * its won deals until then.
 */

/** Four ascending cut-offs: a value past the n-th scores n + 1 (1–5). */
const Cutoffs = (max: number) =>
  z
    .array(z.number().int().min(0).max(max))
    .length(4)
    .refine((a) => a.every((v, i) => i === 0 || v > (a[i - 1] ?? 0)), { message: 'cutoffs_not_ascending' });

const Days = z.number().int().min(1).max(3650);
const Weight = z.number().int().min(0).max(100);

export const HEALTH_SIGNALS = [
  'noNewNeed',
  'noActivity',
  'activityFalling',
  'overdueTasks',
  'recentLoss',
  /** An instalment overdue past the company's warning days (receivables; 15 days by default). */
  'paymentOverdue',
  /** A complaint not resolved yet (after-sales). */
  'openComplaints',
  /** Reported product usage fell by the rule's percentage, last window against the one before (after-sales). */
  'usageFalling',
] as const;
export const HealthSignal = z.enum(HEALTH_SIGNALS);
export type HealthSignal = z.infer<typeof HealthSignal>;

/** The company's rules; every threshold of the issue is here. Money in the company currency's minor units. */
export const RetentionRules = z.strictObject({
  rfm: z.strictObject({
    /**
     * Within this many days count for frequency and monetary value: contracts signed and payments received (in
     * the company currency at each payment day's rate) for a customer with a signed contract, else won deals.
     */
    windowDays: Days,
    /** Days since the last payment or signing (else won deal): within the 1st cut-off scores 5, … past the 4th 1. */
    recencyDays: Cutoffs(3650),
    /** Contracts signed (else won deals) in the window: at least the 4th cut-off scores 5, … below the 1st 1. */
    frequency: Cutoffs(100_000),
    /** Payments received (else won amount) in the window, company currency minor units, scored like frequency. */
    monetaryMinor: Cutoffs(1e15),
  }),
  tiers: z.strictObject({
    /** R + F + M (3–15) at least this: strategic; then growth; then potential; below: dormant. */
    strategicMin: z.number().int().min(3).max(15),
    growthMin: z.number().int().min(3).max(15),
    potentialMin: z.number().int().min(3).max(15),
    /** A customer with no won deal is potential while active within this many days, dormant after. */
    dormantAfterDays: Days,
  }),
  /** A task for the owner when a customer of this tier had no follow-up for this many days (null: none). */
  followUpDays: z.strictObject({
    strategic: Days.nullable(),
    growth: Days.nullable(),
    potential: Days.nullable(),
    dormant: Days.nullable(),
  }),
  lifecycle: z.strictObject({
    /** Mature from this many won deals… */
    matureDeals: z.number().int().min(2).max(1000),
    /** …or once the first won deal is this many months old and another was won since. */
    matureMonths: z.number().int().min(1).max(120),
    /** Decline: no won deal for this many months… */
    declineMonths: z.number().int().min(1).max(120),
    /** …or activities in the last `activityWindowDays` below this percentage of the window before. */
    activityDropPercent: z.number().int().min(1).max(100),
    activityWindowDays: Days,
  }),
  health: z.strictObject({
    /** A score below this puts the customer on the at-risk list and alerts the owner and their manager. */
    threshold: z.number().int().min(1).max(100),
    /** No new deal (need) for this many days: `noNewNeed`. */
    needDays: Days,
    /** No logged activity for this many days: `noActivity`. */
    activityDays: Days,
    /** A deal lost within this many days: `recentLoss`. */
    lossDays: Days,
    /** Usage over the last this many days against the same span before it: `usageFalling`. */
    usageWindowDays: Days,
    /** A fall of at least this many percent is `usageFalling` (a customer with no earlier usage never is). */
    usageDropPercent: z.number().int().min(1).max(100),
    /** Points each signal takes off 100. */
    weights: z.strictObject(
      Object.fromEntries(HEALTH_SIGNALS.map((s) => [s, Weight])) as Record<HealthSignal, typeof Weight>,
    ),
  }),
});
export type RetentionRules = z.infer<typeof RetentionRules>;

export const RetentionSettings = z.object({ rules: RetentionRules, version: z.number().int() });
export type RetentionSettings = z.infer<typeof RetentionSettings>;

/** Recommended actions per lifecycle stage (DOMAIN.md §6–7), shown as a checklist. */
export const LIFECYCLE_ACTIONS = {
  potential: ['qualifyNeeds', 'mapDecisionChain', 'offerTrial', 'scheduleDemo'],
  growth: ['onboardingRevisit', 'feedbackSurvey', 'mineRepeatNeeds', 'introduceServiceTeam'],
  mature: ['quarterlyReview', 'crossSell', 'askReferral', 'executiveContact'],
  decline: ['askChangedNeeds', 'offerLighterPlan', 'escalateToManager', 'serviceReview'],
  churned: ['churnSurvey', 'winBackPlan', 'keepIndustryNews'],
} as const satisfies Record<LifecycleStage, readonly string[]>;
export type LifecycleAction = (typeof LIFECYCLE_ACTIONS)[LifecycleStage][number];

/** Why the computed lifecycle stage is what it is (translated by the client). */
export const LIFECYCLE_REASONS = [
  'noWonDeal',
  'firstWonDeal',
  'repeatDeals',
  'longRelationship',
  'noRecentWin',
  'activityDropped',
  'churnedByUser',
] as const;
export const LifecycleReason = z.enum(LIFECYCLE_REASONS);

export const CHURN_REASONS = ['competitor', 'cost', 'needChanged', 'service', 'other'] as const;
export const ChurnReason = z.enum(CHURN_REASONS);
export type ChurnReason = z.infer<typeof ChurnReason>;

export const CustomerRetention = z.object({
  customerId: Uuid,
  /** Null until the rules first ran for this customer. */
  computedAt: IsoDateTime.nullable(),
  tier: CustomerTier.nullable(),
  rfm: z.object({
    recency: z.number().int(),
    frequency: z.number().int(),
    monetary: z.number().int(),
    /** R + F + M, 0 with no won deal and no signed contract. */
    score: z.number().int(),
    /**
     * What the scores were computed from: `cash` (the customer had a contract signed by both sides: contracts
     * signed, payments received, the last payment or signing) or `wonDeals` (won deals, their amount, the last
     * win). The three inputs below are that source's.
     */
    source: z.enum(['cash', 'wonDeals']),
    /** Contracts signed (cash) or deals won in the window. */
    wonDeals: z.number().int(),
    /** Payments received (cash) or the won amount in the window, in `currency`. */
    wonAmountMinor: z.number().int(),
    currency: z.string(),
    /** The last payment or signing (cash) or the last win. */
    lastWonAt: IsoDateTime.nullable(),
  }),
  lifecycle: z.object({
    /** The override when set, else the computed stage. */
    stage: LifecycleStage.nullable(),
    computed: LifecycleStage.nullable(),
    reasons: z.array(LifecycleReason),
    override: z
      .object({ stage: LifecycleStage, reason: z.string(), by: Uuid.nullable(), at: IsoDateTime })
      .nullable(),
    /** Since when the customer is in this stage. */
    since: IsoDateTime.nullable(),
    checklist: z.array(z.object({ action: z.string(), done: z.boolean() })),
  }),
  health: z.object({
    score: z.number().int().nullable(),
    atRisk: z.boolean(),
    threshold: z.number().int(),
    signals: z.array(
      z.object({ signal: HealthSignal, points: z.number().int(), value: z.number().nullable() }),
    ),
  }),
  churn: z
    .object({
      reason: ChurnReason,
      competitor: z.string().nullable(),
      note: z.string(),
      at: IsoDateTime,
      by: Uuid.nullable(),
      winBackTasks: z.number().int(),
      surveySentTo: z.string().nullable(),
    })
    .nullable(),
});
export type CustomerRetention = z.infer<typeof CustomerRetention>;

export const getRetentionSettings = defineRoute({
  method: 'GET',
  path: '/api/v1/retention-settings',
  summary: 'Tier, lifecycle and health rules of the company (defaults until changed)',
  tags: ['customers'],
  access: 'session',
  scope: 'read',
  response: { 200: RetentionSettings },
});

export const updateRetentionSettings = defineRoute({
  method: 'PUT',
  path: '/api/v1/retention-settings',
  summary:
    'Replace the tier, lifecycle and health rules (send the version you read); recomputes in the background',
  tags: ['customers'],
  access: 'session',
  permission: 'customers.configure',
  scope: 'admin',
  body: z.strictObject({ version: z.number().int(), rules: RetentionRules }),
  response: { 200: RetentionSettings },
});

export const recomputeRetention = defineRoute({
  method: 'POST',
  path: '/api/v1/retention-settings/recompute',
  summary: 'Recompute tiers, lifecycle stages and health of every customer now (a background job)',
  tags: ['customers'],
  access: 'session',
  permission: 'customers.configure',
  scope: 'admin',
  response: { 202: z.object({ queued: z.literal(true) }) },
});

export const getCustomerRetention = defineRoute({
  method: 'GET',
  path: '/api/v1/customers/:id/retention',
  summary: "A customer's tier, lifecycle stage and health with the reasons behind each",
  tags: ['customers'],
  access: 'session',
  scope: 'read',
  params: IdParams,
  response: { 200: CustomerRetention },
});

export const refreshCustomerRetention = defineRoute({
  method: 'POST',
  path: '/api/v1/customers/:id/retention/refresh',
  summary: "Recompute one customer's tier, lifecycle stage and health now",
  tags: ['customers'],
  access: 'session',
  scope: 'write',
  params: IdParams,
  response: { 200: CustomerRetention },
});

export const overrideLifecycle = defineRoute({
  method: 'PUT',
  path: '/api/v1/customers/:id/lifecycle',
  summary: 'Set the lifecycle stage by hand with a reason, or clear the override (stage null)',
  tags: ['customers'],
  access: 'session',
  scope: 'write',
  params: IdParams,
  body: z.strictObject({
    stage: LifecycleStage.exclude(['churned']).nullable(),
    reason: z.string().trim().max(500),
  }),
  response: { 200: CustomerRetention },
});

export const checkLifecycleAction = defineRoute({
  method: 'PUT',
  path: '/api/v1/customers/:id/lifecycle/checklist',
  summary: "Tick or untick one recommended action of the customer's current stage",
  tags: ['customers'],
  access: 'session',
  scope: 'write',
  params: IdParams,
  body: z.strictObject({ action: z.string().max(50), done: z.boolean() }),
  response: { 200: CustomerRetention },
});

export const churnCustomer = defineRoute({
  method: 'POST',
  path: '/api/v1/customers/:id/churn',
  summary: 'Mark a customer churned with the reason; plans win-back tasks unless lost to a competitor',
  tags: ['customers'],
  access: 'session',
  scope: 'write',
  params: IdParams,
  body: z.strictObject({
    reason: ChurnReason,
    /** Required when the reason is `competitor`. */
    competitor: z.string().trim().max(200).nullable().optional(),
    note: z.string().trim().max(2000).default(''),
    /** A contact of the customer to send the churn-reason survey to (by e-mail). */
    surveyContactId: Uuid.nullable().optional(),
    /** Plan win-back tasks (default: yes, unless the reason is `competitor`). */
    winBack: z.boolean().optional(),
  }),
  response: { 200: CustomerRetention },
});

export const reactivateCustomer = defineRoute({
  method: 'POST',
  path: '/api/v1/customers/:id/reactivate',
  summary: 'Take a churned customer back (won back): the computed stage applies again',
  tags: ['customers'],
  access: 'session',
  scope: 'write',
  params: IdParams,
  body: z.strictObject({ reason: z.string().trim().min(1).max(500) }),
  response: { 200: CustomerRetention },
});
