import { and, eq, isNull, lt, or } from 'drizzle-orm';
import { z } from 'zod';
import { systemActor, writeAudit } from '../../platform/audit';
import { withSystem, withTenant } from '../../platform/db/tenancy';
import { defineJob, type JobDefinition } from '../../platform/jobs/jobs';
import type { Platform } from '../../platform/platform';
import { dispatchMailCopies, mailCopies } from '../notifications';
import { nextLevel, notifyStep, peopleOf } from './approval-requests';
import { loadApprovalSettings } from './approval-rules';
import { approvalRequests, approvalSteps } from './approvals.tables';

/**
 * Reminders and escalation of waiting steps (hourly): a step pending longer than the company's reminderHours
 * reminds its approvers once; longer than escalateHours it also brings in the next level's people (manager →
 * director → admin, skipping a level with nobody new), once. Both marks (remindedAt, escalatedAt) make a
 * re-run or a retried job a no-op.
 */

const HOUR = 3_600_000;

async function tenantsWithPendingSteps(platform: Platform): Promise<string[]> {
  const rows = await withSystem(platform.db, (tx) =>
    tx
      .selectDistinct({ tenantId: approvalSteps.tenantId })
      .from(approvalSteps)
      .where(eq(approvalSteps.status, 'pending')),
  );
  return rows.map((r) => r.tenantId);
}

/** One company's sweep at `now`; returns how many steps were reminded and escalated. */
export async function sweepApprovals(
  platform: Platform,
  tenantId: string,
  now: Date,
): Promise<{ reminded: number; escalated: number }> {
  const copies = mailCopies(platform.config);
  const result = await withTenant(platform.db, tenantId, async (tx) => {
    const { rules } = await loadApprovalSettings(tx, tenantId);
    const remindBefore = new Date(now.getTime() - rules.reminderHours * HOUR);
    const escalateBefore = new Date(now.getTime() - rules.escalateHours * HOUR);
    const due = await tx
      .select({ step: approvalSteps, request: approvalRequests })
      .from(approvalSteps)
      .innerJoin(
        approvalRequests,
        and(
          eq(approvalRequests.tenantId, approvalSteps.tenantId),
          eq(approvalRequests.id, approvalSteps.requestId),
        ),
      )
      .where(
        and(
          eq(approvalSteps.tenantId, tenantId),
          eq(approvalSteps.status, 'pending'),
          eq(approvalRequests.status, 'pending'),
          or(
            and(isNull(approvalSteps.remindedAt), lt(approvalSteps.startedAt, remindBefore)),
            and(isNull(approvalSteps.escalatedAt), lt(approvalSteps.startedAt, escalateBefore)),
          ),
        ),
      )
      .orderBy(approvalSteps.startedAt)
      .for('update', { of: approvalSteps, skipLocked: true });
    let reminded = 0;
    let escalated = 0;
    for (const { step, request } of due) {
      const startedAt = step.startedAt ?? now;
      const where = and(
        eq(approvalSteps.tenantId, tenantId),
        eq(approvalSteps.requestId, step.requestId),
        eq(approvalSteps.stepNo, step.stepNo),
      );
      if (!step.remindedAt && startedAt < remindBefore) {
        await notifyStep(
          tx,
          request,
          step.approverIds,
          'approval_reminder',
          `approval-reminder:${request.id}:${step.stepNo}`,
          copies,
        );
        await tx.update(approvalSteps).set({ remindedAt: now }).where(where);
        reminded++;
      }
      if (!step.escalatedAt && startedAt < escalateBefore) {
        const added: string[] = [];
        let level = nextLevel(step.approverRole);
        let to: string | null = null;
        while (level && added.length === 0) {
          const people = await peopleOf(tx, tenantId, level, request.requestedBy);
          added.push(...people.filter((id) => !step.approverIds.includes(id)));
          to = level;
          level = nextLevel(level);
        }
        await tx
          .update(approvalSteps)
          .set({ escalatedAt: now, approverIds: [...step.approverIds, ...added] })
          .where(where);
        if (added.length > 0) {
          await notifyStep(
            tx,
            request,
            added,
            'approval_escalated',
            `approval-escalated:${request.id}:${step.stepNo}`,
            copies,
          );
        }
        await writeAudit(tx, systemActor(tenantId), {
          entity: 'approval',
          entityId: request.id,
          action: 'escalate',
          changes: {
            step: { from: null, to: step.stepNo },
            escalatedTo: { from: null, to: to },
            approverIds: { from: step.approverIds, to: [...step.approverIds, ...added] },
          },
        });
        escalated++;
      }
    }
    return { reminded, escalated };
  });
  await dispatchMailCopies(platform, tenantId, copies);
  return result;
}

export const approvalSweepJob = defineJob({
  name: 'approvals.sweep',
  payload: z.object({}).passthrough(),
  cron: '40 * * * *',
  async handler(_payload, { platform }) {
    const now = platform.clock.now();
    for (const tenantId of await tenantsWithPendingSteps(platform)) {
      await sweepApprovals(platform, tenantId, now);
    }
  },
});

export const approvalJobs: readonly JobDefinition[] = [approvalSweepJob as JobDefinition];
