import { ROLES, type Role } from '@contracts/common';
import type { Proposal, ProposalReviewer, ReviewDecision } from '@contracts/deal-proposals.contract';
import { and, eq, inArray } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { can, visibilityOf } from '../../../platform/access';
import { writeAudit } from '../../../platform/audit';
import type { Tx } from '../../../platform/db/database';
import { teamMembers, users } from '../../../platform/db/identity.tables';
import { withTenant } from '../../../platform/db/tenancy';
import { AppError, invalidFields } from '../../../platform/http/errors';
import type { Platform } from '../../../platform/platform';
import { customerOwnership, viewerOf } from '../../customers';
import { dispatchMailCopies, mailCopies, notify } from '../../notifications';
import { type DealAccess, type DealCaller, dealFor } from '../deal-access';
import { dealAbilities } from '../deals.policy';
import { proposalReviews, proposals } from '../proposals.tables';
import { EDITABLE_STATUSES, presentProposal, proposalRow, userNames } from './proposal-view';
import { assertDealOpen } from './proposals.service';

/**
 * The internal review of a proposal version (方案评审): the author's side submits it to a reviewer — the
 * deal owner's team manager unless the rep picks another approver — who approves it or returns it with a
 * comment. Only a user holding deals.approve who sees the deal reviews, never the author of the version.
 */

const APPROVER_ROLES = ROLES.filter((role) => can(role, 'deals.approve'));
/** Who is asked first when the owner's team has no manager. */
const ROLE_ORDER: Record<string, number> = { manager: 0, director: 1, admin: 2 };

/** Active approvers who see the deal, the owner's team managers first and marked suggested. */
async function reviewersOf(tx: Tx, caller: DealCaller, access: DealAccess): Promise<ProposalReviewer[]> {
  const { deal } = access;
  const tenantId = deal.tenantId;
  const candidates = await tx
    .select({ id: users.id, name: users.name, role: users.role })
    .from(users)
    .where(
      and(eq(users.tenantId, tenantId), eq(users.status, 'active'), inArray(users.role, APPROVER_ROLES)),
    );
  const ownerTeams = deal.ownerId
    ? (
        await tx
          .select({ teamId: teamMembers.teamId })
          .from(teamMembers)
          .where(and(eq(teamMembers.tenantId, tenantId), eq(teamMembers.userId, deal.ownerId)))
      ).map((r) => r.teamId)
    : [];
  const teams = [...new Set([...ownerTeams, ...(deal.teamId ? [deal.teamId] : [])])];
  const teamManagers = new Set(
    teams.length === 0
      ? []
      : (
          await tx
            .select({ userId: teamMembers.userId })
            .from(teamMembers)
            .where(and(eq(teamMembers.tenantId, tenantId), inArray(teamMembers.teamId, teams)))
        ).map((r) => r.userId),
  );
  const customer = await customerOwnership(tx, tenantId, deal.customerId);
  const facts = {
    ownerId: deal.ownerId,
    teamId: deal.teamId,
    customerOwnerId: customer?.ownerId ?? null,
    customerSharedWith: customer?.sharedWith ?? [],
  };
  const out: ProposalReviewer[] = [];
  for (const user of candidates) {
    const role = user.role as Role;
    // Directors and admins see every deal; only team-scoped approvers need their teams looked up.
    const viewer =
      visibilityOf(role) === 'tenant'
        ? { userId: user.id, role, teamIds: [], teammateIds: [] }
        : await viewerOf(tx, { actor: { ...caller.actor, userId: user.id }, role });
    if (!dealAbilities(viewer, facts).approve) continue;
    out.push({
      id: user.id,
      name: user.name,
      role: user.role,
      suggested: role === 'manager' && teamManagers.has(user.id),
    });
  }
  return out.sort(
    (a, b) =>
      Number(b.suggested) - Number(a.suggested) ||
      (ROLE_ORDER[a.role] ?? 9) - (ROLE_ORDER[b.role] ?? 9) ||
      a.name.localeCompare(b.name),
  );
}

export async function listReviewers(
  platform: Platform,
  caller: DealCaller,
  dealId: string,
): Promise<{ items: ProposalReviewer[] }> {
  return withTenant(platform.db, caller.actor.tenantId, async (tx) => {
    const access = await dealFor(tx, caller, dealId, 'edit');
    return { items: await reviewersOf(tx, caller, access) };
  });
}

export async function submitForReview(
  platform: Platform,
  caller: DealCaller,
  dealId: string,
  proposalId: string,
  input: { reviewerId?: string | undefined },
): Promise<Proposal> {
  const tenantId = caller.actor.tenantId;
  const copies = mailCopies(platform.config);
  const answer = await withTenant(platform.db, tenantId, async (tx) => {
    const access = await dealFor(tx, caller, dealId, 'edit');
    assertDealOpen(access);
    const before = await proposalRow(tx, tenantId, dealId, proposalId, true);
    if (!EDITABLE_STATUSES.includes(before.status as 'draft')) throw new AppError('proposal_locked');
    const eligible = (await reviewersOf(tx, caller, access)).filter((r) => r.id !== before.createdBy);
    const reviewer = input.reviewerId ? eligible.find((r) => r.id === input.reviewerId) : eligible[0];
    if (input.reviewerId && !reviewer) throw invalidFields({ path: 'reviewerId', code: 'unknown_user' });
    if (!reviewer) throw new AppError('no_proposal_reviewer');
    const now = platform.clock.now();
    const [after] = await tx
      .update(proposals)
      .set({
        status: 'in_review',
        reviewerId: reviewer.id,
        submittedAt: now,
        reviewedAt: null,
        version: before.version + 1,
        updatedAt: now,
      })
      .where(and(eq(proposals.tenantId, tenantId), eq(proposals.id, proposalId)))
      .returning();
    if (!after) throw new AppError('not_found');
    await writeAudit(tx, caller.actor, {
      entity: 'proposal',
      entityId: proposalId,
      action: 'submit',
      changes: {
        status: { from: before.status, to: 'in_review' },
        reviewerId: { from: before.reviewerId, to: reviewer.id },
      },
    });
    const names = await userNames(tx, tenantId, [caller.actor.userId]);
    await notify(tx, {
      tenantId,
      userIds: [reviewer.id],
      kind: 'proposal_review_requested',
      params: {
        deal: access.deal.name,
        title: after.title,
        versionNo: after.versionNo,
        author: (caller.actor.userId && names.get(caller.actor.userId)) || null,
      },
      entity: 'deal',
      entityId: dealId,
      dedupeKey: `proposal-review:${proposalId}:${after.version}`,
      mail: copies,
    });
    return presentProposal(tx, access, after);
  });
  await dispatchMailCopies(platform, tenantId, copies);
  return answer;
}

export async function reviewProposal(
  platform: Platform,
  caller: DealCaller,
  dealId: string,
  proposalId: string,
  input: { decision: ReviewDecision; comment: string },
): Promise<Proposal> {
  const tenantId = caller.actor.tenantId;
  const reviewerId = caller.actor.userId;
  if (!reviewerId) throw new AppError('forbidden');
  if (input.decision === 'returned' && input.comment.trim() === '') {
    throw invalidFields({ path: 'comment', code: 'required' });
  }
  const copies = mailCopies(platform.config);
  const answer = await withTenant(platform.db, tenantId, async (tx) => {
    const access = await dealFor(tx, caller, dealId, 'approve');
    assertDealOpen(access);
    const before = await proposalRow(tx, tenantId, dealId, proposalId, true);
    if (before.createdBy === reviewerId) throw new AppError('own_proposal_review');
    if (before.status !== 'in_review') throw new AppError('proposal_not_in_review');
    const now = platform.clock.now();
    const [after] = await tx
      .update(proposals)
      .set({
        status: input.decision,
        reviewerId,
        reviewedAt: now,
        version: before.version + 1,
        updatedAt: now,
      })
      .where(and(eq(proposals.tenantId, tenantId), eq(proposals.id, proposalId)))
      .returning();
    if (!after) throw new AppError('not_found');
    await tx.insert(proposalReviews).values({
      tenantId,
      id: uuidv7(),
      proposalId,
      reviewerId,
      decision: input.decision,
      comment: input.comment,
      createdAt: now,
    });
    await writeAudit(tx, caller.actor, {
      entity: 'proposal',
      entityId: proposalId,
      action: input.decision === 'approved' ? 'approve' : 'return',
      changes: {
        status: { from: before.status, to: input.decision },
        ...(input.comment ? { comment: { from: null, to: input.comment } } : {}),
      },
    });
    if (after.createdBy) {
      const names = await userNames(tx, tenantId, [reviewerId]);
      await notify(tx, {
        tenantId,
        userIds: [after.createdBy],
        kind: input.decision === 'approved' ? 'proposal_approved' : 'proposal_returned',
        params: {
          deal: access.deal.name,
          title: after.title,
          versionNo: after.versionNo,
          reviewer: names.get(reviewerId) ?? null,
          comment: input.comment,
        },
        entity: 'deal',
        entityId: dealId,
        dedupeKey: `proposal-reviewed:${proposalId}:${after.version}`,
        mail: copies,
      });
    }
    return presentProposal(tx, access, after);
  });
  await dispatchMailCopies(platform, tenantId, copies);
  return answer;
}
