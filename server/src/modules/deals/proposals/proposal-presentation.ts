import type { Proposal } from '@contracts/deal-proposals.contract';
import { and, eq } from 'drizzle-orm';
import { writeAudit } from '../../../platform/audit';
import { AppError } from '../../../platform/http/errors';
import type { Platform } from '../../../platform/platform';
import { insertActivity } from '../../activities';
import type { DealCaller } from '../deal-access';
import { proposals } from '../proposals.tables';
import { presentProposal, proposalRow } from './proposal-view';
import { assertDealOpen, onDeal } from './proposals.service';

/** Marks an approved version presented; the presentation meeting, if given, is logged on the deal. */
export async function presentToCustomer(
  platform: Platform,
  caller: DealCaller,
  dealId: string,
  proposalId: string,
  input: {
    meeting?:
      | { occurredAt: string; subject?: string | undefined; location: string | null; notes: string }
      | undefined;
  },
): Promise<Proposal> {
  return onDeal(platform, caller, dealId, 'edit', async (tx, access) => {
    assertDealOpen(access);
    const { deal } = access;
    const before = await proposalRow(tx, deal.tenantId, dealId, proposalId, true);
    if (before.status !== 'approved') throw new AppError('proposal_not_approved');
    const now = platform.clock.now();
    const ownerId = caller.actor.userId;
    if (input.meeting && !ownerId) throw new AppError('forbidden');
    const meeting =
      input.meeting && ownerId
        ? await insertActivity(tx, {
            tenantId: deal.tenantId,
            kind: 'meeting',
            subject: input.meeting.subject ?? `${before.title} (V${before.versionNo})`,
            body: input.meeting.notes,
            occurredAt: new Date(input.meeting.occurredAt),
            location: input.meeting.location,
            customerId: deal.customerId,
            contactId: deal.contactId,
            dealId: deal.id,
            ownerId,
            createdBy: caller.actor.userId,
          })
        : null;
    const [after] = await tx
      .update(proposals)
      .set({
        status: 'presented',
        presentedAt: now,
        presentationActivityId: meeting?.id ?? before.presentationActivityId,
        version: before.version + 1,
        updatedAt: now,
      })
      .where(and(eq(proposals.tenantId, deal.tenantId), eq(proposals.id, proposalId)))
      .returning();
    if (!after) throw new AppError('not_found');
    await writeAudit(tx, caller.actor, {
      entity: 'proposal',
      entityId: proposalId,
      action: 'present',
      changes: {
        status: { from: before.status, to: after.status },
        ...(meeting ? { presentationActivityId: { from: null, to: meeting.id } } : {}),
      },
    });
    return presentProposal(tx, access, after);
  });
}
