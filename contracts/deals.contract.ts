import { z } from 'zod';
import { Currency, defineRoute, IdParams, IsoDateTime, pageOf, Uuid } from './common';
import { Attitude, DecisionRole } from './customers.contract';
import { LEAD_SOURCES } from './leads.contract';
import { ForecastCategory, UnmetGate } from './pipelines.contract';

/**
 * Deals (opportunities, DOMAIN.md §2–4): where they stand in their pipeline, what they are worth, who decides,
 * and how they end. Moving a deal forward checks the gates of every stage it leaves; a blocked move answers
 * 409 `gate_blocked` with the unmet criteria (`unmet`, in the caller's language).
 */

export const DEAL_STATUSES = ['open', 'won', 'lost'] as const;
export const DealStatus = z.enum(DEAL_STATUSES);
export type DealStatus = z.infer<typeof DealStatus>;

const money = z.number().int().min(0).max(1e15);
const day = z.iso.date();

export const DealContact = z.object({
  contactId: Uuid,
  name: z.string(),
  title: z.string().nullable(),
  role: DecisionRole.nullable(),
  attitude: Attitude,
  isPrimary: z.boolean(),
  note: z.string(),
});
export type DealContact = z.infer<typeof DealContact>;

export const DealContactInput = z.strictObject({
  contactId: Uuid,
  role: DecisionRole.nullable().default(null),
  attitude: Attitude.default('unknown'),
  isPrimary: z.boolean().default(false),
  note: z.string().max(500).default(''),
});

/** A card on the board and a row of the list. */
export const DealSummary = z.object({
  id: Uuid,
  name: z.string(),
  customerId: Uuid,
  customerName: z.string(),
  pipelineId: Uuid.nullable(),
  stageId: Uuid.nullable(),
  stageName: z.string().nullable(),
  status: DealStatus,
  amountMinor: z.number().int().nullable(),
  currency: z.string(),
  probability: z.number().int().nullable(),
  /** amount × probability, rounded to the minor unit. */
  weightedMinor: z.number().int().nullable(),
  forecastCategory: ForecastCategory,
  expectedCloseOn: day.nullable(),
  nextStep: z.string().nullable(),
  nextStepOn: day.nullable(),
  ownerId: Uuid.nullable(),
  ownerName: z.string().nullable(),
  teamId: Uuid.nullable(),
  stageEnteredAt: IsoDateTime.nullable(),
  /** Past the stage's aging limit (open deals only). */
  stale: z.boolean(),
  closedAt: IsoDateTime.nullable(),
  createdAt: IsoDateTime,
  version: z.number().int(),
});
export type DealSummary = z.infer<typeof DealSummary>;

export const Deal = DealSummary.extend({
  pipelineName: z.string().nullable(),
  contactId: Uuid.nullable(),
  /** The probability differs from the stage's default: the reason says why. */
  probabilityOverridden: z.boolean(),
  probabilityReason: z.string().nullable(),
  proposalDueOn: day.nullable(),
  source: z.string().nullable(),
  campaignId: Uuid.nullable(),
  teamName: z.string().nullable(),
  notes: z.string(),
  lossReasonId: Uuid.nullable(),
  lossReasonName: z.string().nullable(),
  competitorId: Uuid.nullable(),
  competitorName: z.string().nullable(),
  closeNote: z.string().nullable(),
  /** Days in the current stage and the stage's limit. */
  daysInStage: z.number().int().nullable(),
  agingDays: z.number().int().nullable(),
  contacts: z.array(DealContact),
  /** Decision-chain roles nobody on the deal holds yet (a decision maker first). */
  missingRoles: z.array(DecisionRole),
  updatedAt: IsoDateTime,
  can: z.object({ edit: z.boolean(), assign: z.boolean(), delete: z.boolean(), approve: z.boolean() }),
});
export type Deal = z.infer<typeof Deal>;

const DealFields = {
  contactId: Uuid.nullable().optional(),
  amountMinor: money.nullable().optional(),
  currency: Currency.optional(),
  expectedCloseOn: day.nullable().optional(),
  /** Overrides the stage's default; needs `probabilityReason`. `null` returns to the stage's default. */
  probability: z.number().int().min(0).max(100).nullable().optional(),
  probabilityReason: z.string().trim().max(500).nullable().optional(),
  forecastCategory: z.enum(['pipeline', 'best_case', 'commit', 'omitted']).optional(),
  nextStep: z.string().trim().max(500).nullable().optional(),
  nextStepOn: day.nullable().optional(),
  proposalDueOn: day.nullable().optional(),
  notes: z.string().max(10_000).optional(),
  ownerId: Uuid.nullable().optional(),
  teamId: Uuid.nullable().optional(),
};

export const CreateDealBody = z.strictObject({
  name: z.string().trim().min(1).max(200),
  customerId: Uuid,
  /** Omitted: the company's default pipeline (of the existing-customer kind when the customer has won before). */
  pipelineId: Uuid.optional(),
  /** Omitted: the pipeline's first stage. */
  stageId: Uuid.optional(),
  source: z.enum(LEAD_SOURCES).nullable().optional(),
  contacts: z.array(DealContactInput).max(50).optional(),
  ...DealFields,
});

export const UpdateDealBody = z.strictObject({
  version: z.number().int().optional(),
  name: z.string().trim().min(1).max(200).optional(),
  ...DealFields,
});

export const MoveDealBody = z.strictObject({
  version: z.number().int().optional(),
  stageId: Uuid,
  /** Moving to another pipeline (the stage is one of its stages); the gates of the old one are not checked. */
  pipelineId: Uuid.optional(),
  note: z.string().trim().max(500).optional(),
});

export const WinDealBody = z.strictObject({
  version: z.number().int().optional(),
  /** The signed amount. */
  amountMinor: money,
  currency: Currency.optional(),
  /** The signing date (default today). */
  closedOn: day.optional(),
  /** A competitor beaten on this deal. */
  competitorId: Uuid.nullable().optional(),
  closeNote: z.string().trim().max(2000).optional(),
});

export const LoseDealBody = z.strictObject({
  version: z.number().int().optional(),
  lossReasonId: Uuid,
  /** The competitor that won, if one did. */
  competitorId: Uuid.nullable().optional(),
  closeNote: z.string().trim().max(2000).optional(),
});

export const ReopenDealBody = z.strictObject({
  version: z.number().int().optional(),
  reason: z.string().trim().min(1).max(1000),
  /** Omitted: the stage it was closed in. */
  stageId: Uuid.optional(),
});

export const DEAL_SORTS = [
  'createdAt',
  '-createdAt',
  'expectedCloseOn',
  '-expectedCloseOn',
  'amount',
  '-amount',
  'name',
  '-name',
] as const;

const ownerFilter = z.union([z.literal('me'), z.literal('none'), Uuid]);
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'invalid_month');

export const DealFilter = z.strictObject({
  q: z.string().trim().max(100).optional(),
  pipelineId: Uuid.optional(),
  stageId: Uuid.optional(),
  status: DealStatus.optional(),
  ownerId: ownerFilter.optional(),
  teamId: Uuid.optional(),
  customerId: Uuid.optional(),
  forecastCategory: ForecastCategory.optional(),
  /** Expected (open) or actual (closed) close in this month, `YYYY-MM`. */
  closeMonth: month.optional(),
  /** `true`: only open deals past their stage's aging limit. */
  stale: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});
export type DealFilter = z.infer<typeof DealFilter>;

export const listDeals = defineRoute({
  method: 'GET',
  path: '/api/v1/deals',
  summary: 'Deals the caller may see, filtered and sorted',
  tags: ['deals'],
  access: 'session',
  scope: 'read',
  query: DealFilter.extend({
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().max(500).optional(),
    sort: z.enum(DEAL_SORTS).default('-createdAt'),
  }),
  response: { 200: pageOf(DealSummary) },
});

export const MoneyTotal = z.object({
  currency: z.string(),
  amountMinor: z.number().int(),
  weightedMinor: z.number().int(),
});
export type MoneyTotal = z.infer<typeof MoneyTotal>;

export const BoardColumn = z.object({
  stageId: Uuid,
  count: z.number().int(),
  /** Sums per currency (a company may sell in several). */
  totals: z.array(MoneyTotal),
  /** The first cards, most recently moved last; `nextCursor` pages the column through `GET /deals`. */
  deals: z.array(DealSummary),
  nextCursor: z.string().nullable(),
});
export type BoardColumn = z.infer<typeof BoardColumn>;

/**
 * Cards per column in a board's first answer: what a column shows without scrolling, about twice over, so the
 * board paints after one small answer and a column reads on only when scrolled.
 */
export const BOARD_FIRST_CARDS = 20;

export const getBoard = defineRoute({
  method: 'GET',
  path: '/api/v1/pipelines/:id/board',
  summary: 'The kanban board of a pipeline: open deals per stage with counts, sums and weighted sums',
  tags: ['deals'],
  access: 'session',
  scope: 'read',
  params: IdParams,
  query: z.strictObject({
    q: z.string().trim().max(100).optional(),
    ownerId: ownerFilter.optional(),
    teamId: Uuid.optional(),
    closeMonth: month.optional(),
    /** Cards per column in this answer (the rest page through `GET /deals` with the column's cursor). */
    limit: z.coerce.number().int().min(1).max(200).default(BOARD_FIRST_CARDS),
  }),
  response: { 200: z.object({ pipelineId: Uuid, columns: z.array(BoardColumn) }) },
});

export const getDealSummary = defineRoute({
  method: 'GET',
  path: '/api/v1/deals/summary',
  summary: 'Open amount by stage and by forecast category, for managers',
  tags: ['deals'],
  access: 'session',
  scope: 'read',
  query: z.strictObject({
    pipelineId: Uuid,
    ownerId: ownerFilter.optional(),
    teamId: Uuid.optional(),
    closeMonth: month.optional(),
  }),
  response: {
    200: z.object({
      byStage: z.array(
        z.object({ stageId: Uuid, name: z.string(), count: z.number().int(), totals: z.array(MoneyTotal) }),
      ),
      byForecast: z.array(
        z.object({ category: ForecastCategory, count: z.number().int(), totals: z.array(MoneyTotal) }),
      ),
      won: z.object({ count: z.number().int(), totals: z.array(MoneyTotal) }),
      lost: z.object({ count: z.number().int(), totals: z.array(MoneyTotal) }),
    }),
  },
});

export const getDeal = defineRoute({
  method: 'GET',
  path: '/api/v1/deals/:id',
  summary: 'One deal with its contacts and decision-chain roles',
  tags: ['deals'],
  access: 'session',
  scope: 'read',
  params: IdParams,
  response: { 200: Deal },
});

export const createDeal = defineRoute({
  method: 'POST',
  path: '/api/v1/deals',
  summary: 'Create a deal in a pipeline',
  tags: ['deals'],
  access: 'session',
  scope: 'write',
  body: CreateDealBody,
  response: { 201: Deal },
});

export const updateDeal = defineRoute({
  method: 'PATCH',
  path: '/api/v1/deals/:id',
  summary: 'Edit a deal (send the version you read); stages move through /stage',
  tags: ['deals'],
  access: 'session',
  scope: 'write',
  params: IdParams,
  body: UpdateDealBody,
  response: { 200: Deal },
});

export const deleteDeal = defineRoute({
  method: 'DELETE',
  path: '/api/v1/deals/:id',
  summary: 'Delete a deal (audited)',
  tags: ['deals'],
  access: 'session',
  scope: 'write',
  permission: 'deals.delete',
  params: IdParams,
  response: { 204: z.null() },
});

export const moveDeal = defineRoute({
  method: 'POST',
  path: '/api/v1/deals/:id/stage',
  summary:
    'Move a deal to another stage; forward moves check the gates of every stage left (409 gate_blocked)',
  tags: ['deals'],
  access: 'session',
  scope: 'write',
  params: IdParams,
  body: MoveDealBody,
  response: { 200: Deal },
});

export const checkDealGates = defineRoute({
  method: 'GET',
  path: '/api/v1/deals/:id/gates',
  summary: 'Which gates stand between the deal and a stage (or winning), without moving it',
  tags: ['deals'],
  access: 'session',
  scope: 'read',
  params: IdParams,
  query: z.strictObject({ stageId: Uuid.optional() }),
  response: { 200: z.object({ unmet: z.array(UnmetGate) }) },
});

export const winDeal = defineRoute({
  method: 'POST',
  path: '/api/v1/deals/:id/win',
  summary: 'Close a deal as won with the signed amount and date (the remaining stages’ gates must hold)',
  tags: ['deals'],
  access: 'session',
  scope: 'write',
  params: IdParams,
  body: WinDealBody,
  response: { 200: Deal },
});

export const loseDeal = defineRoute({
  method: 'POST',
  path: '/api/v1/deals/:id/lose',
  summary: 'Close a deal as lost with a loss reason and the competitor that won, if any',
  tags: ['deals'],
  access: 'session',
  scope: 'write',
  params: IdParams,
  body: LoseDealBody,
  response: { 200: Deal },
});

export const reopenDeal = defineRoute({
  method: 'POST',
  path: '/api/v1/deals/:id/reopen',
  summary: 'Reopen a won or lost deal with a reason (audited)',
  tags: ['deals'],
  access: 'session',
  scope: 'write',
  params: IdParams,
  body: ReopenDealBody,
  response: { 200: Deal },
});

export const setDealContacts = defineRoute({
  method: 'PUT',
  path: '/api/v1/deals/:id/contacts',
  summary: 'The deal’s contacts with their decision-chain role and attitude on this deal',
  tags: ['deals'],
  access: 'session',
  scope: 'write',
  params: IdParams,
  body: z.strictObject({ contacts: z.array(DealContactInput).max(50) }),
  response: { 200: Deal },
});

export const StageHistoryEntry = z.object({
  id: Uuid,
  pipelineId: Uuid,
  stageId: Uuid,
  stageName: z.string(),
  status: DealStatus,
  enteredAt: IsoDateTime,
  leftAt: IsoDateTime.nullable(),
  /** Whole days spent (so far, for the current stage). */
  days: z.number().int(),
  movedBy: Uuid.nullable(),
  movedByName: z.string().nullable(),
  note: z.string().nullable(),
});

export const getStageHistory = defineRoute({
  method: 'GET',
  path: '/api/v1/deals/:id/stage-history',
  summary: 'Every stage the deal was in, with time in stage',
  tags: ['deals'],
  access: 'session',
  scope: 'read',
  params: IdParams,
  response: { 200: z.object({ items: z.array(StageHistoryEntry) }) },
});
