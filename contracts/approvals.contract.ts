import { z } from 'zod';
import { Currency, defineRoute, IdParams, IsoDateTime, Uuid } from './common';

/**
 * Discount approvals (DOMAIN.md §5): the company's authority matrix (how deep a discount each role may give,
 * a margin floor, per-category limits), and multi-level requests with one step per approver level, decided in
 * order. A request belongs to one version of its subject (a quote version, negotiation minutes): a changed
 * subject needs a new request.
 *
 * Levels climb manager → director → admin. A request from a rep for 18 % needs the manager (whose limit, 15 %,
 * does not cover it) and then the director. Discounts and margins are basis points (1500 = 15 %).
 */

export const APPROVER_LEVELS = ['manager', 'director', 'admin'] as const;
export const ApproverLevel = z.enum(APPROVER_LEVELS);
export type ApproverLevel = z.infer<typeof ApproverLevel>;

export const APPROVAL_STATUSES = ['pending', 'approved', 'returned', 'cancelled'] as const;
export const ApprovalStatus = z.enum(APPROVAL_STATUSES);
export type ApprovalStatus = z.infer<typeof ApprovalStatus>;

export const STEP_STATUSES = ['waiting', 'pending', 'approved', 'returned', 'skipped', 'cancelled'] as const;
export const StepStatus = z.enum(STEP_STATUSES);
export type StepStatus = z.infer<typeof StepStatus>;

/** Why a sender's authority falls short, as web text keys (`t(reason)`), also in a request's facts. */
export const APPROVAL_REASONS = [
  'approvals.reasons.discount_over_limit',
  'approvals.reasons.category_limit',
  'approvals.reasons.margin_below_floor',
  'approvals.reasons.below_price_floor',
] as const;
export type ApprovalReason = (typeof APPROVAL_REASONS)[number];

const Bp = z.number().int().min(0).max(10_000);
const Hours = z
  .number()
  .int()
  .min(1)
  .max(24 * 30);

export const CategoryLimit = z.strictObject({
  category: z.string().trim().min(1).max(100),
  role: z.enum(['rep', 'manager', 'director', 'admin']),
  maxDiscountBp: Bp,
});
export type CategoryLimit = z.infer<typeof CategoryLimit>;

/** The company's authority matrix; every field defaults to DOMAIN.md §5 (rep 5 %, manager 15 %, director above). */
export const ApprovalRules = z.strictObject({
  /** Deepest discount each role gives without approval. Roles not listed (marketing, legal…) give none. */
  roleLimits: z
    .strictObject({
      rep: Bp.default(500),
      manager: Bp.default(1500),
      director: Bp.default(10_000),
      admin: Bp.default(10_000),
    })
    .default({ rep: 500, manager: 1500, director: 10_000, admin: 10_000 }),
  /** A quote whose margin is below this needs a director; null: no floor. */
  marginFloorBp: z.number().int().min(-10_000).max(10_000).nullable().default(null),
  /**
   * A price below the deal's negotiation price floor (quotes, agreed minutes) needs approval up to this level;
   * a sender at or above it decides alone. The default, manager, is what minutes asked before the matrix did.
   */
  belowFloorLevel: ApproverLevel.default('manager'),
  /** Tighter limits for some product categories (the lower of the role's and the category's applies). */
  categoryLimits: z.array(CategoryLimit).max(100).default([]),
  /** A pending step reminds its approvers once after this many hours… */
  reminderHours: Hours.default(8),
  /** …and after this many hours brings in the next level (manager → director → admin). */
  escalateHours: Hours.default(24),
});
export type ApprovalRules = z.infer<typeof ApprovalRules>;

export const ApprovalSettings = z.object({ rules: ApprovalRules, version: z.number().int() });
export type ApprovalSettings = z.infer<typeof ApprovalSettings>;

export const ApprovalPerson = z.object({ id: Uuid, name: z.string() });

export const ApprovalStep = z.object({
  stepNo: z.number().int(),
  approverRole: z.string(),
  approvers: z.array(ApprovalPerson),
  status: StepStatus,
  decidedBy: ApprovalPerson.nullable(),
  comment: z.string(),
  startedAt: IsoDateTime.nullable(),
  remindedAt: IsoDateTime.nullable(),
  escalatedAt: IsoDateTime.nullable(),
  decidedAt: IsoDateTime.nullable(),
});
export type ApprovalStep = z.infer<typeof ApprovalStep>;

export const ApprovalSummary = z.object({
  id: Uuid,
  subjectType: z.string(),
  subjectId: Uuid,
  subjectVersion: z.number().int(),
  /** Where the subject lives in the app (e.g. /quote-to-cash/quotes/:id). */
  subjectLink: z.string(),
  title: z.string(),
  discountBp: z.number().int().nullable(),
  marginBp: z.number().int().nullable(),
  amountMinor: z.number().int().nullable(),
  currency: Currency.nullable(),
  status: ApprovalStatus,
  currentStep: z.number().int(),
  /** The role the request now waits for (null once decided). */
  waitingFor: z.string().nullable(),
  /** When the current step started: the inbox shows how long it has waited. */
  waitingSince: IsoDateTime.nullable(),
  requestedBy: ApprovalPerson,
  createdAt: IsoDateTime,
  decidedAt: IsoDateTime.nullable(),
  version: z.number().int(),
});
export type ApprovalSummary = z.infer<typeof ApprovalSummary>;

export const Approval = ApprovalSummary.extend({
  reason: z.string(),
  facts: z.record(z.string(), z.unknown()),
  steps: z.array(ApprovalStep),
  /** What the caller may do now. */
  can: z.object({ approve: z.boolean(), return: z.boolean(), cancel: z.boolean() }),
});
export type Approval = z.infer<typeof Approval>;

export const APPROVAL_BOXES = ['inbox', 'mine', 'all'] as const;

export const ListApprovalsQuery = z.strictObject({
  box: z.enum(APPROVAL_BOXES).default('inbox'),
  status: ApprovalStatus.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(500).optional(),
});
export type ListApprovalsQuery = z.input<typeof ListApprovalsQuery>;

export const ApprovalPage = z.object({ items: z.array(ApprovalSummary), nextCursor: z.string().nullable() });

/** `version` (or If-Match) is the request version the decider read: a stale one is 412. */
export const DecideInput = z.strictObject({
  version: z.number().int().optional(),
  comment: z.string().trim().max(2000).default(''),
});
export const ReturnInput = z.strictObject({
  version: z.number().int().optional(),
  comment: z.string().trim().min(1).max(2000),
});
export const CancelInput = z.strictObject({ version: z.number().int().optional() });

const tags = ['approvals'] as const;

export const getApprovalSettings = defineRoute({
  method: 'GET',
  path: '/api/v1/approval-settings',
  summary: "The company's discount authority matrix",
  tags,
  access: 'session',
  response: { 200: ApprovalSettings },
});

export const putApprovalSettings = defineRoute({
  method: 'PUT',
  path: '/api/v1/approval-settings',
  summary: "Changes the company's discount authority matrix",
  tags,
  access: 'session',
  permission: 'approvals.configure',
  body: z.strictObject({ rules: ApprovalRules, version: z.number().int().min(0) }),
  response: { 200: ApprovalSettings },
});

export const listApprovals = defineRoute({
  method: 'GET',
  path: '/api/v1/approvals',
  summary: 'Approval requests: waiting for me (inbox), sent by me (mine), or all (approvals.configure)',
  tags,
  access: 'session',
  query: ListApprovalsQuery,
  response: { 200: ApprovalPage },
});

export const countMyPendingApprovals = defineRoute({
  method: 'GET',
  path: '/api/v1/approvals/inbox-count',
  summary: 'How many requests wait for my decision',
  tags,
  access: 'session',
  response: { 200: z.object({ count: z.number().int() }) },
});

export const getApproval = defineRoute({
  method: 'GET',
  path: '/api/v1/approvals/:id',
  summary: 'One approval request with its steps, decisions and facts',
  tags,
  access: 'session',
  params: IdParams,
  response: { 200: Approval },
});

export const approveApproval = defineRoute({
  method: 'POST',
  path: '/api/v1/approvals/:id/approve',
  summary: 'Approve the current step (the next level is asked, or the request is approved)',
  tags,
  access: 'session',
  params: IdParams,
  body: DecideInput,
  response: { 200: Approval },
});

export const returnApproval = defineRoute({
  method: 'POST',
  path: '/api/v1/approvals/:id/return',
  summary: 'Return the request with a comment: it ends, the sender revises',
  tags,
  access: 'session',
  params: IdParams,
  body: ReturnInput,
  response: { 200: Approval },
});

export const cancelApproval = defineRoute({
  method: 'POST',
  path: '/api/v1/approvals/:id/cancel',
  summary: 'The sender withdraws a pending request',
  tags,
  access: 'session',
  params: IdParams,
  body: CancelInput,
  response: { 200: Approval },
});
