import {
  bigint,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { instant, tenantId, tenantPolicy, timestamps, version } from '../../platform/db/columns';
import { users } from '../../platform/db/identity.tables';
import { deals } from './deals.tables';

/**
 * Proposals (DOMAIN.md §3): numbered versions per deal, each reviewed internally before it may be presented,
 * with the customer's feedback per version. jsonb columns hold the contract's shapes (lines, milestones, ROI,
 * which part answers which pain point).
 */

export const proposals = pgTable(
  'proposals',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    dealId: uuid('deal_id').notNull(),
    versionNo: integer('version_no').notNull(),
    title: text('title').notNull(),
    overview: text('overview').notNull().default(''),
    valueProposition: text('value_proposition').notNull().default(''),
    /** Need item id → the part of the proposal that answers it. */
    answers: jsonb('answers').$type<Record<string, string>>().notNull().default({}),
    lines: jsonb('lines').$type<unknown[]>().notNull().default([]),
    milestones: jsonb('milestones').$type<unknown[]>().notNull().default([]),
    currency: text('currency').notNull(),
    /** Sum of the lines after their discounts, kept with the lines in one write. */
    totalMinor: bigint('total_minor', { mode: 'number' }).notNull().default(0),
    pricingNote: text('pricing_note').notNull().default(''),
    roi: jsonb('roi').$type<Record<string, unknown>>(),
    /** draft → in_review → approved | returned; approved → presented; a newer version supersedes. */
    status: text('status').notNull().default('draft'),
    reviewerId: uuid('reviewer_id'),
    submittedAt: instant('submitted_at'),
    reviewedAt: instant('reviewed_at'),
    presentedAt: instant('presented_at'),
    /** The presentation meeting (an activity). */
    presentationActivityId: uuid('presentation_activity_id'),
    createdBy: uuid('created_by'),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('proposals_deal_version_uq').on(t.tenantId, t.dealId, t.versionNo),
    index('proposals_review_idx').on(t.tenantId, t.reviewerId, t.status),
    foreignKey({ columns: [t.tenantId, t.dealId], foreignColumns: [deals.tenantId, deals.id] }).onDelete(
      'cascade',
    ),
    foreignKey({ columns: [t.tenantId, t.reviewerId], foreignColumns: [users.tenantId, users.id] }),
    tenantPolicy(t),
  ],
);

/** Review decisions on a proposal version: approved or returned, with the reviewer's comment. */
export const proposalReviews = pgTable(
  'proposal_reviews',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    proposalId: uuid('proposal_id').notNull(),
    reviewerId: uuid('reviewer_id').notNull(),
    /** approved | returned */
    decision: text('decision').notNull(),
    comment: text('comment').notNull().default(''),
    createdAt: instant('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('proposal_reviews_proposal_idx').on(t.tenantId, t.proposalId, t.createdAt),
    foreignKey({
      columns: [t.tenantId, t.proposalId],
      foreignColumns: [proposals.tenantId, proposals.id],
    }).onDelete('cascade'),
    tenantPolicy(t),
  ],
);

/** What the customer said about a version: concerns, change requests, praise. */
export const proposalFeedback = pgTable(
  'proposal_feedback',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    proposalId: uuid('proposal_id').notNull(),
    /** concern | change_request | praise */
    kind: text('kind').notNull(),
    body: text('body').notNull(),
    /** open | addressed (answered in a later version) */
    status: text('status').notNull().default('open'),
    createdBy: uuid('created_by'),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('proposal_feedback_proposal_idx').on(t.tenantId, t.proposalId, t.createdAt),
    foreignKey({
      columns: [t.tenantId, t.proposalId],
      foreignColumns: [proposals.tenantId, proposals.id],
    }).onDelete('cascade'),
    tenantPolicy(t),
  ],
);
