import type { FeedbackKind, FeedbackStatus, ProposalFeedback } from '@contracts/deal-proposals.contract';
import { and, eq } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { changesBetween, writeAudit } from '../../../platform/audit';
import { AppError } from '../../../platform/http/errors';
import type { Platform } from '../../../platform/platform';
import type { DealCaller } from '../deal-access';
import { proposalFeedback } from '../proposals.tables';
import { presentFeedback, proposalRow } from './proposal-view';
import { onDeal } from './proposals.service';

/** The customer's feedback on a version (concerns, change requests, praise), marked addressed when answered. */

const AUDITED = ['kind', 'body', 'status'] as const;

export function addFeedback(
  platform: Platform,
  caller: DealCaller,
  dealId: string,
  proposalId: string,
  input: { kind: FeedbackKind; body: string },
): Promise<ProposalFeedback> {
  return onDeal(platform, caller, dealId, 'edit', async (tx, { deal }) => {
    await proposalRow(tx, deal.tenantId, dealId, proposalId);
    const now = platform.clock.now();
    const [row] = await tx
      .insert(proposalFeedback)
      .values({
        tenantId: deal.tenantId,
        id: uuidv7(),
        proposalId,
        kind: input.kind,
        body: input.body,
        status: 'open',
        createdBy: caller.actor.userId,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!row) throw new AppError('internal');
    await writeAudit(tx, caller.actor, {
      entity: 'proposal_feedback',
      entityId: row.id,
      action: 'create',
      changes: { ...changesBetween(null, row, AUDITED), proposalId: { from: null, to: proposalId } },
    });
    return presentFeedback(row);
  });
}

export function updateFeedback(
  platform: Platform,
  caller: DealCaller,
  dealId: string,
  proposalId: string,
  feedbackId: string,
  input: { kind?: FeedbackKind | undefined; body?: string | undefined; status?: FeedbackStatus | undefined },
): Promise<ProposalFeedback> {
  return onDeal(platform, caller, dealId, 'edit', async (tx, { deal }) => {
    await proposalRow(tx, deal.tenantId, dealId, proposalId);
    const where = and(
      eq(proposalFeedback.tenantId, deal.tenantId),
      eq(proposalFeedback.proposalId, proposalId),
      eq(proposalFeedback.id, feedbackId),
    );
    const [before] = await tx.select().from(proposalFeedback).where(where).for('update');
    if (!before) throw new AppError('not_found');
    const [after] = await tx
      .update(proposalFeedback)
      .set({
        ...(input.kind !== undefined ? { kind: input.kind } : {}),
        ...(input.body !== undefined ? { body: input.body } : {}),
        ...(input.status !== undefined ? { status: input.status } : {}),
        updatedAt: platform.clock.now(),
      })
      .where(where)
      .returning();
    if (!after) throw new AppError('not_found');
    await writeAudit(tx, caller.actor, {
      entity: 'proposal_feedback',
      entityId: feedbackId,
      action: 'update',
      changes: changesBetween(before, after, AUDITED),
    });
    return presentFeedback(after);
  });
}
