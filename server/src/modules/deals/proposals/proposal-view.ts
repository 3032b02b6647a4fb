import type {
  FeedbackKind,
  FeedbackStatus,
  PainPointAnswer,
  Proposal,
  ProposalFeedback,
  ProposalReview,
  ProposalStatus,
  ProposalSummary,
  ReviewDecision,
} from '@contracts/deal-proposals.contract';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../../platform/db/database';
import { users } from '../../../platform/db/identity.tables';
import { AppError } from '../../../platform/http/errors';
import type { DealAccess } from '../deal-access';
import { dealNeedItems } from '../deal-needs.tables';
import { presentMaterials } from '../materials/materials.service';
import { materials, proposalMaterials } from '../materials.tables';
import { proposalFeedback, proposalReviews, proposals } from '../proposals.tables';
import { storedLines, storedMilestones, storedRoi } from './proposal-math';

/** Reading proposal versions and showing them: summaries for the list, the whole version for the editor. */

export type ProposalRow = typeof proposals.$inferSelect;

/** Statuses a version is still worked on in; a newer version supersedes them. */
export const OPEN_STATUSES: readonly ProposalStatus[] = ['draft', 'in_review', 'returned', 'approved'];
export const EDITABLE_STATUSES: readonly ProposalStatus[] = ['draft', 'returned'];

const iso = (d: Date | null) => d?.toISOString() ?? null;

export async function userNames(tx: Tx, tenantId: string, ids: readonly (string | null)[]) {
  const unique = [...new Set(ids.filter((id): id is string => id !== null))];
  if (unique.length === 0) return new Map<string, string>();
  const rows = await tx
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(and(eq(users.tenantId, tenantId), inArray(users.id, unique)));
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function proposalRow(
  tx: Tx,
  tenantId: string,
  dealId: string,
  proposalId: string,
  lock = false,
): Promise<ProposalRow> {
  const query = tx
    .select()
    .from(proposals)
    .where(and(eq(proposals.tenantId, tenantId), eq(proposals.dealId, dealId), eq(proposals.id, proposalId)));
  const [row] = await (lock ? query.for('update') : query);
  if (!row) throw new AppError('not_found');
  return row;
}

export function summaryOf(row: ProposalRow, names: Map<string, string>): ProposalSummary {
  return {
    id: row.id,
    dealId: row.dealId,
    versionNo: row.versionNo,
    title: row.title,
    status: row.status as ProposalStatus,
    currency: row.currency,
    totalMinor: row.totalMinor,
    reviewerId: row.reviewerId,
    reviewerName: row.reviewerId ? (names.get(row.reviewerId) ?? null) : null,
    createdBy: row.createdBy,
    createdByName: row.createdBy ? (names.get(row.createdBy) ?? null) : null,
    submittedAt: iso(row.submittedAt),
    reviewedAt: iso(row.reviewedAt),
    presentedAt: iso(row.presentedAt),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

/** Every pain point of the deal's needs record, in the record's order, with this version's answer. */
export async function painPointsOf(
  tx: Tx,
  tenantId: string,
  dealId: string,
  answers: Record<string, string>,
): Promise<PainPointAnswer[]> {
  const items = await tx
    .select()
    .from(dealNeedItems)
    .where(
      and(
        eq(dealNeedItems.tenantId, tenantId),
        eq(dealNeedItems.dealId, dealId),
        eq(dealNeedItems.kind, 'pain_point'),
      ),
    )
    .orderBy(asc(dealNeedItems.position), asc(dealNeedItems.createdAt));
  return items.map((item) => {
    const answer = answers[item.id]?.trim() || null;
    return {
      needItemId: item.id,
      description: item.description,
      priority: item.priority,
      answer,
      unanswered: answer === null,
    };
  });
}

/** Reviews and feedback of some versions, keyed by version id, oldest first. */
export async function historyOf(
  tx: Tx,
  tenantId: string,
  proposalIds: readonly string[],
): Promise<{ reviews: Map<string, ProposalReview[]>; feedback: Map<string, ProposalFeedback[]> }> {
  const reviews = new Map<string, ProposalReview[]>();
  const feedback = new Map<string, ProposalFeedback[]>();
  if (proposalIds.length === 0) return { reviews, feedback };
  const [reviewRows, feedbackRows] = await Promise.all([
    tx
      .select()
      .from(proposalReviews)
      .where(
        and(eq(proposalReviews.tenantId, tenantId), inArray(proposalReviews.proposalId, [...proposalIds])),
      )
      .orderBy(asc(proposalReviews.createdAt), asc(proposalReviews.id)),
    tx
      .select()
      .from(proposalFeedback)
      .where(
        and(eq(proposalFeedback.tenantId, tenantId), inArray(proposalFeedback.proposalId, [...proposalIds])),
      )
      .orderBy(asc(proposalFeedback.createdAt), asc(proposalFeedback.id)),
  ]);
  const names = await userNames(
    tx,
    tenantId,
    reviewRows.map((r) => r.reviewerId),
  );
  for (const r of reviewRows) {
    const list = reviews.get(r.proposalId) ?? [];
    list.push({
      id: r.id,
      reviewerId: r.reviewerId,
      reviewerName: names.get(r.reviewerId) ?? null,
      decision: r.decision as ReviewDecision,
      comment: r.comment,
      createdAt: r.createdAt.toISOString(),
    });
    reviews.set(r.proposalId, list);
  }
  for (const f of feedbackRows) {
    const list = feedback.get(f.proposalId) ?? [];
    list.push(presentFeedback(f));
    feedback.set(f.proposalId, list);
  }
  return { reviews, feedback };
}

export function presentFeedback(f: typeof proposalFeedback.$inferSelect): ProposalFeedback {
  return {
    id: f.id,
    proposalId: f.proposalId,
    kind: f.kind as FeedbackKind,
    body: f.body,
    status: f.status as FeedbackStatus,
    createdBy: f.createdBy,
    createdAt: f.createdAt.toISOString(),
    updatedAt: f.updatedAt.toISOString(),
  };
}

export async function attachedMaterials(tx: Tx, tenantId: string, proposalId: string) {
  const rows = await tx
    .select({ material: materials })
    .from(proposalMaterials)
    .innerJoin(
      materials,
      and(eq(materials.tenantId, proposalMaterials.tenantId), eq(materials.id, proposalMaterials.materialId)),
    )
    .where(and(eq(proposalMaterials.tenantId, tenantId), eq(proposalMaterials.proposalId, proposalId)))
    .orderBy(asc(proposalMaterials.createdAt));
  return presentMaterials(
    tx,
    tenantId,
    rows.map((r) => r.material),
  );
}

/** The whole version as the editor shows it, with what the caller may do with it now. */
export async function presentProposal(tx: Tx, access: DealAccess, row: ProposalRow): Promise<Proposal> {
  const tenantId = row.tenantId;
  const userId = access.viewer.userId;
  const [names, painPoints, history, attached] = await Promise.all([
    userNames(tx, tenantId, [row.reviewerId, row.createdBy]),
    painPointsOf(tx, tenantId, row.dealId, row.answers),
    historyOf(tx, tenantId, [row.id]),
    attachedMaterials(tx, tenantId, row.id),
  ]);
  const status = row.status as ProposalStatus;
  return {
    ...summaryOf(row, names),
    overview: row.overview,
    valueProposition: row.valueProposition,
    answers: row.answers,
    painPoints,
    lines: storedLines(row.lines),
    milestones: storedMilestones(row.milestones),
    pricingNote: row.pricingNote,
    roi: storedRoi(row.roi ?? null),
    presentationActivityId: row.presentationActivityId,
    reviews: history.reviews.get(row.id) ?? [],
    feedback: history.feedback.get(row.id) ?? [],
    materials: attached,
    can: {
      edit: EDITABLE_STATUSES.includes(status),
      submit: EDITABLE_STATUSES.includes(status),
      review: status === 'in_review' && access.abilities.approve && row.createdBy !== userId,
      present: status === 'approved',
    },
  };
}
