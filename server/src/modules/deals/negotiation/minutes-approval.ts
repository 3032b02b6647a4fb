import type { FloorApproval, PriceFloor } from '@contracts/deal-negotiation.contract';
import { and, eq } from 'drizzle-orm';
import { writeAudit } from '../../../platform/audit';
import type { Tx } from '../../../platform/db/database';
import {
  authorityFor,
  cancelApprovals,
  type LatestApproval,
  latestApprovals,
  registerApprovalSubject,
  requestApproval,
} from '../../approvals';
import type { DealCaller, DealRow } from '../deal-access';
import { negotiationMinutes } from '../negotiation.tables';

/**
 * An agreed price below the deal's price floor goes through the approvals matrix (issue 7): the author's own
 * authority may cover it (belowFloorLevel, manager by default), else a request with subject 'minutes' opens,
 * so the approvals inbox, reminders and escalation apply, and its outcome comes back here: approved makes the
 * minutes count, returned marks them rejected with the approver's comment, a withdrawal marks them withdrawn.
 * A rejected or withdrawn price is asked for again when the author saves the minutes again.
 */

export const MINUTES_SUBJECT = 'minutes';

type MinutesRow = typeof negotiationMinutes.$inferSelect;

/** What agreed minutes' price needs now: nothing, or a pending approval (the author's authority falls short). */
export async function floorCheck(
  tx: Tx,
  caller: DealCaller,
  terms: { result: string; finalPriceMinor: number | null },
  floor: PriceFloor,
): Promise<{ floorMinor: number | null; floorApproval: FloorApproval }> {
  const below =
    terms.result === 'agreed' &&
    floor.floorMinor !== null &&
    terms.finalPriceMinor !== null &&
    terms.finalPriceMinor < floor.floorMinor;
  if (!below) return { floorMinor: floor.floorMinor, floorApproval: 'not_needed' };
  const authority = await authorityFor(tx, caller.actor.tenantId, {
    role: caller.role,
    discountBp: 0,
    marginBp: null,
    categories: [],
    belowFloor: true,
  });
  return { floorMinor: floor.floorMinor, floorApproval: authority.within ? 'not_needed' : 'pending' };
}

/** Opens the request for minutes whose floorApproval just became pending (the row as written). */
export async function askFloorApproval(
  tx: Tx,
  caller: DealCaller,
  deal: DealRow,
  row: MinutesRow,
  now: Date,
): Promise<void> {
  await requestApproval(tx, caller, {
    subjectType: MINUTES_SUBJECT,
    subjectId: row.id,
    subjectVersion: row.version,
    title: `${deal.name} · ${row.heldOn}`,
    facts: {
      dealId: deal.id,
      dealName: deal.name,
      heldOn: row.heldOn,
      finalPriceMinor: row.finalPriceMinor,
      floorMinor: row.floorMinor,
    },
    discountBp: null,
    marginBp: null,
    amountMinor: row.finalPriceMinor,
    currency: row.currency,
    categories: [],
    belowFloor: true,
    reason: '',
    now,
  });
}

/** Withdraws the open request of minutes whose price changed or that are deleted; nobody should decide it now. */
export async function cancelFloorApproval(tx: Tx, caller: DealCaller, minutesId: string, now: Date) {
  await cancelApprovals(tx, caller.actor.tenantId, MINUTES_SUBJECT, minutesId, now, caller.actor);
}

export function floorRequestsOf(
  tx: Tx,
  tenantId: string,
  minutesIds: readonly string[],
): Promise<Map<string, LatestApproval>> {
  return latestApprovals(tx, tenantId, MINUTES_SUBJECT, minutesIds);
}

const DECIDED: Record<'approved' | 'returned' | 'withdrawn', { state: FloorApproval; action: string }> = {
  approved: { state: 'approved', action: 'floor_approve' },
  returned: { state: 'rejected', action: 'floor_reject' },
  withdrawn: { state: 'withdrawn', action: 'floor_withdraw' },
};

/**
 * Registered at start-up: the outcome of a request lands on the minutes in the deciding transaction. Minutes
 * no longer pending (re-priced, hence their request cancelled) or deleted ignore it.
 */
export function registerMinutesApprovals(): void {
  registerApprovalSubject(MINUTES_SUBJECT, {
    async decided(tx, { tenantId, subjectId, outcome, actor, comment, at }) {
      const [before] = await tx
        .select()
        .from(negotiationMinutes)
        .where(and(eq(negotiationMinutes.tenantId, tenantId), eq(negotiationMinutes.id, subjectId)))
        .for('update');
      if (before?.floorApproval !== 'pending') return;
      const { state, action } = DECIDED[outcome];
      const judged = outcome !== 'withdrawn';
      await tx
        .update(negotiationMinutes)
        .set({
          floorApproval: state,
          floorApprovedBy: judged ? actor.userId : null,
          floorApprovedAt: judged ? at : null,
          floorComment: comment ?? '',
          version: before.version + 1,
          updatedAt: at,
        })
        .where(and(eq(negotiationMinutes.tenantId, tenantId), eq(negotiationMinutes.id, subjectId)));
      await writeAudit(tx, actor, {
        entity: 'negotiation_minutes',
        entityId: subjectId,
        action,
        changes: {
          floorApproval: { from: before.floorApproval, to: state },
          ...(judged ? { floorApprovedBy: { from: before.floorApprovedBy, to: actor.userId } } : {}),
          ...(comment ? { floorComment: { from: before.floorComment, to: comment } } : {}),
        },
      });
    },
    link: (_subjectId, facts) =>
      typeof facts.dealId === 'string' ? `/deals/${facts.dealId}?tab=negotiation` : '/deals',
  });
}
