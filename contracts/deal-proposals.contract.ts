import { z } from 'zod';
import { Currency, defineRoute, IsoDateTime, Uuid } from './common';
import { Material } from './deal-materials.contract';

/**
 * Proposals of a deal (DOMAIN.md §3, issue 6): numbered versions with lines, milestones, an ROI estimate and
 * the answer to each recorded pain point; an internal review before a version may be presented; the customer's
 * feedback per version; and the comparison table of versions.
 *
 * Money is integer minor units. A line's total is `quantity × unitPriceMinor × (1 − discountPercent / 100)`,
 * computed exactly and rounded half up to a whole minor unit per line; the proposal's total is the sum of the
 * line totals.
 */

export const PROPOSAL_STATUSES = [
  'draft',
  'in_review',
  'approved',
  'returned',
  'presented',
  'superseded',
] as const;
export const ProposalStatus = z.enum(PROPOSAL_STATUSES);
export type ProposalStatus = z.infer<typeof ProposalStatus>;

export const FEEDBACK_KINDS = ['concern', 'change_request', 'praise'] as const;
export const FeedbackKind = z.enum(FEEDBACK_KINDS);
export type FeedbackKind = z.infer<typeof FeedbackKind>;

export const FEEDBACK_STATUSES = ['open', 'addressed'] as const;
export const FeedbackStatus = z.enum(FEEDBACK_STATUSES);
export type FeedbackStatus = z.infer<typeof FeedbackStatus>;

export const REVIEW_DECISIONS = ['approved', 'returned'] as const;
export const ReviewDecision = z.enum(REVIEW_DECISIONS);
export type ReviewDecision = z.infer<typeof ReviewDecision>;

/** Most lines a version may have: keeps every total within exact integer range. */
export const MAX_PROPOSAL_LINES = 80;

const text = (max: number) => z.string().trim().max(max);
const IsoDate = z.iso.date();
const MinorAmount = z.number().int().min(0).max(1_000_000_000);

export const ProposalLineInput = z.strictObject({
  /** Kept when a version is copied, so the comparison can tell a changed line from a new one. */
  id: Uuid.optional(),
  description: z.string().trim().min(1).max(500),
  /** Up to three decimals. */
  quantity: z.number().positive().max(100_000).multipleOf(0.001),
  unitPriceMinor: MinorAmount,
  /** 0–100, up to two decimals. */
  discountPercent: z.number().min(0).max(100).multipleOf(0.01).default(0),
});
export type ProposalLineInput = z.input<typeof ProposalLineInput>;

/**
 * A line's total in minor units, exactly: quantity in thousandths and discount in hundredths of a percent, on
 * integers, rounded half up to a whole minor unit. The server stores it; the editor shows the same figure live.
 */
export function lineTotalMinor(line: {
  quantity: number;
  unitPriceMinor: number;
  discountPercent: number;
}): number {
  const quantity = BigInt(Math.round(line.quantity * 1000));
  const kept = 10_000n - BigInt(Math.round(line.discountPercent * 100));
  const numerator = quantity * BigInt(line.unitPriceMinor) * kept;
  const denominator = 10_000_000n;
  return Number((numerator * 2n + denominator) / (2n * denominator));
}

export const ProposalLine = z.object({
  id: Uuid,
  description: z.string(),
  quantity: z.number(),
  unitPriceMinor: z.number().int(),
  discountPercent: z.number(),
  totalMinor: z.number().int(),
});
export type ProposalLine = z.infer<typeof ProposalLine>;

export const Milestone = z.strictObject({
  title: z.string().trim().min(1).max(200),
  dueOn: IsoDate.nullable().default(null),
  /** Who is responsible (free text: a person or a team, ours or the customer's). */
  owner: text(100).default(''),
});
export type Milestone = z.output<typeof Milestone>;

export const RoiInput = z.strictObject({
  /** What the customer pays (default in the editor: the proposal total). */
  investmentMinor: MinorAmount,
  /** Extra yearly revenue or benefit the solution brings. */
  yearlyBenefitMinor: MinorAmount.default(0),
  /** Yearly cost it saves. */
  yearlySavingMinor: MinorAmount.default(0),
});
export type RoiInput = z.input<typeof RoiInput>;

export const Roi = z.object({
  investmentMinor: z.number().int(),
  yearlyBenefitMinor: z.number().int(),
  yearlySavingMinor: z.number().int(),
  /** investment ÷ (yearly gain ÷ 12), one decimal; null without a gain. */
  paybackMonths: z.number().nullable(),
  /** (3 × yearly gain − investment) ÷ investment × 100, one decimal; null without an investment. */
  threeYearRoiPercent: z.number().nullable(),
});
export type Roi = z.infer<typeof Roi>;

/**
 * Payback in months (investment ÷ monthly gain) and 3-year ROI in percent ((3 × yearly gain − investment) ÷
 * investment), both to one decimal; null where the divisor is zero. The server answers it; the editor shows it live.
 */
export function computeRoi(input: {
  investmentMinor: number;
  yearlyBenefitMinor: number;
  yearlySavingMinor: number;
}): Roi {
  const { investmentMinor, yearlyBenefitMinor, yearlySavingMinor } = input;
  const gain = yearlyBenefitMinor + yearlySavingMinor;
  return {
    investmentMinor,
    yearlyBenefitMinor,
    yearlySavingMinor,
    paybackMonths: gain > 0 ? Math.round((investmentMinor * 120) / gain) / 10 : null,
    threeYearRoiPercent:
      investmentMinor > 0 ? Math.round(((3 * gain - investmentMinor) * 1000) / investmentMinor) / 10 : null,
  };
}

/** A pain point of the deal's needs record and the part of this version that answers it. */
export const PainPointAnswer = z.object({
  needItemId: Uuid,
  description: z.string(),
  priority: z.string(),
  answer: z.string().nullable(),
  unanswered: z.boolean(),
});
export type PainPointAnswer = z.infer<typeof PainPointAnswer>;

export const ProposalReview = z.object({
  id: Uuid,
  reviewerId: Uuid,
  reviewerName: z.string().nullable(),
  decision: ReviewDecision,
  comment: z.string(),
  createdAt: IsoDateTime,
});
export type ProposalReview = z.infer<typeof ProposalReview>;

export const ProposalFeedback = z.object({
  id: Uuid,
  proposalId: Uuid,
  kind: FeedbackKind,
  body: z.string(),
  status: FeedbackStatus,
  createdBy: Uuid.nullable(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type ProposalFeedback = z.infer<typeof ProposalFeedback>;

export const ProposalSummary = z.object({
  id: Uuid,
  dealId: Uuid,
  versionNo: z.number().int(),
  title: z.string(),
  status: ProposalStatus,
  currency: z.string(),
  totalMinor: z.number().int(),
  reviewerId: Uuid.nullable(),
  reviewerName: z.string().nullable(),
  createdBy: Uuid.nullable(),
  createdByName: z.string().nullable(),
  submittedAt: IsoDateTime.nullable(),
  reviewedAt: IsoDateTime.nullable(),
  presentedAt: IsoDateTime.nullable(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  version: z.number().int(),
});
export type ProposalSummary = z.infer<typeof ProposalSummary>;

export const Proposal = ProposalSummary.extend({
  overview: z.string(),
  valueProposition: z.string(),
  /** Need item id → the part of the proposal that answers it. */
  answers: z.record(z.string(), z.string()),
  /** Every pain point of the deal's needs record, answered or flagged. */
  painPoints: z.array(PainPointAnswer),
  lines: z.array(ProposalLine),
  milestones: z.array(Milestone),
  pricingNote: z.string(),
  roi: Roi.nullable(),
  presentationActivityId: Uuid.nullable(),
  reviews: z.array(ProposalReview),
  feedback: z.array(ProposalFeedback),
  materials: z.array(Material),
  /** What the caller may do with this version now. */
  can: z.object({
    edit: z.boolean(),
    submit: z.boolean(),
    review: z.boolean(),
    present: z.boolean(),
  }),
});
export type Proposal = z.infer<typeof Proposal>;

/** A user who may review proposals of this deal (holds deals.approve and sees the deal). */
export const ProposalReviewer = z.object({
  id: Uuid,
  name: z.string(),
  role: z.string(),
  /** The deal owner's team manager: the default reviewer. */
  suggested: z.boolean(),
});
export type ProposalReviewer = z.infer<typeof ProposalReviewer>;

const DealParams = z.strictObject({ id: Uuid });
const ProposalParams = z.strictObject({ id: Uuid, proposalId: Uuid });

const ProposalFields = {
  title: z.string().trim().min(1).max(200),
  overview: text(20_000),
  valueProposition: text(20_000),
  /** Keys are need item ids of the deal's needs record. */
  answers: z.record(Uuid, z.string().trim().max(5000)),
  lines: z.array(ProposalLineInput).max(MAX_PROPOSAL_LINES),
  milestones: z.array(Milestone).max(100),
  currency: Currency,
  pricingNote: text(5000),
  roi: RoiInput.nullable(),
};

export const listProposals = defineRoute({
  method: 'GET',
  path: '/api/v1/deals/:id/proposals',
  summary: "A deal's proposal versions, the newest first",
  tags: ['proposals'],
  access: 'session',
  scope: 'read',
  params: DealParams,
  response: { 200: z.object({ items: z.array(ProposalSummary) }) },
});

export const createProposal = defineRoute({
  method: 'POST',
  path: '/api/v1/deals/:id/proposals',
  summary:
    'Start a new version (optionally a copy of an earlier one); older versions not yet presented are superseded',
  tags: ['proposals'],
  access: 'session',
  scope: 'write',
  params: DealParams,
  body: z.strictObject({
    /** Version to copy content, lines, milestones, ROI, answers and materials from. */
    copyFrom: Uuid.optional(),
    title: ProposalFields.title.optional(),
    overview: ProposalFields.overview.optional(),
    valueProposition: ProposalFields.valueProposition.optional(),
    answers: ProposalFields.answers.optional(),
    lines: ProposalFields.lines.optional(),
    milestones: ProposalFields.milestones.optional(),
    currency: ProposalFields.currency.optional(),
    pricingNote: ProposalFields.pricingNote.optional(),
    roi: ProposalFields.roi.optional(),
  }),
  response: { 201: Proposal },
});

export const getProposal = defineRoute({
  method: 'GET',
  path: '/api/v1/deals/:id/proposals/:proposalId',
  summary: 'One proposal version with its pain-point mapping, reviews, feedback and materials',
  tags: ['proposals'],
  access: 'session',
  scope: 'read',
  params: ProposalParams,
  response: { 200: Proposal },
});

export const updateProposal = defineRoute({
  method: 'PATCH',
  path: '/api/v1/deals/:id/proposals/:proposalId',
  summary: 'Change a draft or returned version',
  tags: ['proposals'],
  access: 'session',
  scope: 'write',
  params: ProposalParams,
  body: z.strictObject({
    version: z.number().int().optional(),
    title: ProposalFields.title.optional(),
    overview: ProposalFields.overview.optional(),
    valueProposition: ProposalFields.valueProposition.optional(),
    answers: ProposalFields.answers.optional(),
    lines: ProposalFields.lines.optional(),
    milestones: ProposalFields.milestones.optional(),
    currency: ProposalFields.currency.optional(),
    pricingNote: ProposalFields.pricingNote.optional(),
    roi: ProposalFields.roi.optional(),
  }),
  response: { 200: Proposal },
});

export const listProposalReviewers = defineRoute({
  method: 'GET',
  path: '/api/v1/deals/:id/proposal-reviewers',
  summary: "Who may review this deal's proposals; the owner's team manager is suggested",
  tags: ['proposals'],
  access: 'session',
  scope: 'read',
  params: DealParams,
  response: { 200: z.object({ items: z.array(ProposalReviewer) }) },
});

export const submitProposal = defineRoute({
  method: 'POST',
  path: '/api/v1/deals/:id/proposals/:proposalId/submit',
  summary: "Send a draft or returned version for review (default reviewer: the owner's team manager)",
  tags: ['proposals'],
  access: 'session',
  scope: 'write',
  params: ProposalParams,
  body: z.strictObject({ reviewerId: Uuid.optional() }),
  response: { 200: Proposal },
});

export const reviewProposal = defineRoute({
  method: 'POST',
  path: '/api/v1/deals/:id/proposals/:proposalId/review',
  summary: 'Approve a version in review, or return it with a comment (never one of your own)',
  tags: ['proposals'],
  access: 'session',
  permission: 'deals.approve',
  scope: 'write',
  params: ProposalParams,
  body: z.strictObject({ decision: ReviewDecision, comment: text(5000).default('') }),
  response: { 200: Proposal },
});

export const presentProposal = defineRoute({
  method: 'POST',
  path: '/api/v1/deals/:id/proposals/:proposalId/present',
  summary: 'Mark an approved version presented, optionally logging the presentation meeting',
  tags: ['proposals'],
  access: 'session',
  scope: 'write',
  params: ProposalParams,
  body: z.strictObject({
    /** The presentation meeting to log on the deal (a meeting activity). */
    meeting: z
      .strictObject({
        occurredAt: IsoDateTime,
        subject: z.string().trim().min(1).max(200).optional(),
        location: text(300).nullable().default(null),
        notes: text(10_000).default(''),
      })
      .optional(),
  }),
  response: { 200: Proposal },
});

export const addProposalFeedback = defineRoute({
  method: 'POST',
  path: '/api/v1/deals/:id/proposals/:proposalId/feedback',
  summary: "Record the customer's feedback on a version",
  tags: ['proposals'],
  access: 'session',
  scope: 'write',
  params: ProposalParams,
  body: z.strictObject({ kind: FeedbackKind, body: z.string().trim().min(1).max(5000) }),
  response: { 201: ProposalFeedback },
});

export const updateProposalFeedback = defineRoute({
  method: 'PATCH',
  path: '/api/v1/deals/:id/proposals/:proposalId/feedback/:feedbackId',
  summary: 'Change a feedback entry or mark it addressed',
  tags: ['proposals'],
  access: 'session',
  scope: 'write',
  params: z.strictObject({ id: Uuid, proposalId: Uuid, feedbackId: Uuid }),
  body: z.strictObject({
    kind: FeedbackKind.optional(),
    body: z.string().trim().min(1).max(5000).optional(),
    status: FeedbackStatus.optional(),
  }),
  response: { 200: ProposalFeedback },
});

export const attachProposalMaterial = defineRoute({
  method: 'PUT',
  path: '/api/v1/deals/:id/proposals/:proposalId/materials/:materialId',
  summary: 'Attach a library material to a version',
  tags: ['proposals'],
  access: 'session',
  scope: 'write',
  params: z.strictObject({ id: Uuid, proposalId: Uuid, materialId: Uuid }),
  response: { 200: z.object({ items: z.array(Material) }) },
});

export const detachProposalMaterial = defineRoute({
  method: 'DELETE',
  path: '/api/v1/deals/:id/proposals/:proposalId/materials/:materialId',
  summary: 'Detach a material from a version',
  tags: ['proposals'],
  access: 'session',
  scope: 'write',
  params: z.strictObject({ id: Uuid, proposalId: Uuid, materialId: Uuid }),
  response: { 200: z.object({ items: z.array(Material) }) },
});

/** One version in the comparison table, with what changed against the version before it in the table. */
export const ComparedVersion = z.object({
  id: Uuid,
  versionNo: z.number().int(),
  title: z.string(),
  status: ProposalStatus,
  currency: z.string(),
  totalMinor: z.number().int(),
  /** Total minus the previous compared version's total; null for the first. */
  totalChangeMinor: z.number().int().nullable(),
  lineCount: z.number().int(),
  unansweredPainPoints: z.number().int(),
  roi: Roi.nullable(),
  /** Null for the first compared version. */
  changes: z
    .object({
      added: z.array(ProposalLine),
      removed: z.array(ProposalLine),
      changed: z.array(
        z.object({
          before: ProposalLine,
          after: ProposalLine,
          /** quantity | unitPriceMinor | discountPercent | description */
          fields: z.array(z.string()),
        }),
      ),
      milestonesChanged: z.boolean(),
    })
    .nullable(),
  feedback: z.array(ProposalFeedback),
  reviews: z.array(ProposalReview),
  createdAt: IsoDateTime,
});
export type ComparedVersion = z.infer<typeof ComparedVersion>;

export const compareProposals = defineRoute({
  method: 'GET',
  path: '/api/v1/deals/:id/proposals/compare',
  summary:
    'The comparison table: chosen versions (all when none are named) in version order, each against the one before',
  tags: ['proposals'],
  access: 'session',
  scope: 'read',
  params: DealParams,
  query: z.strictObject({
    /** Comma-separated proposal ids. */
    ids: z
      .string()
      .max(2000)
      .transform((s) =>
        s
          .split(',')
          .map((p) => p.trim())
          .filter(Boolean),
      )
      .pipe(z.array(Uuid).max(20))
      .optional(),
  }),
  response: { 200: z.object({ items: z.array(ComparedVersion) }) },
});
