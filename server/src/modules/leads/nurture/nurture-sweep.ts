import { and, asc, eq, inArray, isNotNull, lte } from 'drizzle-orm';
import { z } from 'zod';
import { systemActor, writeAudit } from '../../../platform/audit';
import { users } from '../../../platform/db/identity.tables';
import { withSystem, withTenant } from '../../../platform/db/tenancy';
import { defineJob } from '../../../platform/jobs/jobs';
import { dispatchMails, queueMail } from '../../../platform/mail/mail';
import type { Platform } from '../../../platform/platform';
import { insertActivity } from '../../activities';
import { dispatchMailCopies, mailCopies, notify } from '../../notifications';
import { leadMailTracking, leadNurtureTracks, leads } from '../leads.tables';
import { advanceColumns } from './enrolment';
import { fillMergeFields, newTrackingToken, renderTrackedMail } from './tracked-mail';
import { stepsOf, type TrackRow } from './tracks.service';

/**
 * Runs due nurture touches: a tracked mail to the lead, or a task for its owner; then the lead moves on to
 * its next step (or finishes, or starts over on a repeating track). A cron sweep over due rows, locked with
 * SKIP LOCKED per tenant, so a touch runs once however many workers sweep.
 */

const BATCH = 100;

const due = (now: Date) =>
  and(eq(leads.status, 'nurturing'), isNotNull(leads.nurtureNextAt), lte(leads.nurtureNextAt, now));

export async function tenantsWithDueNurture(platform: Platform, now: Date): Promise<string[]> {
  const rows = await withSystem(platform.db, (tx) =>
    tx.selectDistinct({ tenantId: leads.tenantId }).from(leads).where(due(now)),
  );
  return rows.map((r) => r.tenantId);
}

type Touch = {
  kind: 'email' | 'task';
  subject: string;
  mailId?: string;
  activityId?: string;
  skipped?: string;
};

export async function sweepTenantNurture(
  platform: Platform,
  tenantId: string,
  now: Date,
): Promise<{ touched: number }> {
  const actor = systemActor(tenantId);
  let touched = 0;
  for (;;) {
    const copies = mailCopies(platform.config);
    const { count, mailIds } = await withTenant(platform.db, tenantId, async (tx) => {
      const rows = await tx
        .select()
        .from(leads)
        .where(and(eq(leads.tenantId, tenantId), due(now)))
        .orderBy(asc(leads.nurtureNextAt))
        .limit(BATCH)
        .for('update', { skipLocked: true });
      const mails: string[] = [];
      if (rows.length === 0) return { count: 0, mailIds: mails };
      const trackIds = [
        ...new Set(rows.map((r) => r.nurtureTrackId).filter((id): id is string => id !== null)),
      ];
      const tracks = new Map<string, TrackRow>(
        trackIds.length === 0
          ? []
          : (
              await tx
                .select()
                .from(leadNurtureTracks)
                .where(and(eq(leadNurtureTracks.tenantId, tenantId), inArray(leadNurtureTracks.id, trackIds)))
            ).map((t) => [t.id, t]),
      );
      const ownerIds = [...new Set(rows.map((r) => r.ownerId).filter((id): id is string => id !== null))];
      const owners = new Map(
        ownerIds.length === 0
          ? []
          : (
              await tx
                .select({ id: users.id, name: users.name })
                .from(users)
                .where(and(eq(users.tenantId, tenantId), inArray(users.id, ownerIds)))
            ).map((u) => [u.id, u.name]),
      );

      for (const lead of rows) {
        const track = lead.nurtureTrackId ? tracks.get(lead.nurtureTrackId) : undefined;
        const index = lead.nurtureStep ?? 0;
        const step = track?.active ? stepsOf(track)[index] : undefined;
        if (!track || !step) {
          // A switched-off, deleted or shortened track: the lead's touches end here.
          await tx
            .update(leads)
            .set({ nurtureNextAt: null, updatedAt: now, version: lead.version + 1 })
            .where(and(eq(leads.tenantId, tenantId), eq(leads.id, lead.id)));
          await writeAudit(tx, actor, {
            entity: 'lead',
            entityId: lead.id,
            action: 'nurture_stop',
            changes: { nurtureNextAt: { from: lead.nurtureNextAt?.toISOString() ?? null, to: null } },
          });
          continue;
        }
        const ownerName = lead.ownerId ? (owners.get(lead.ownerId) ?? '') : '';
        const values = {
          contactName: lead.contactName ?? lead.companyName ?? '',
          companyName: lead.companyName ?? lead.contactName ?? '',
          ownerName,
        };
        const touch: Touch = { kind: step.kind, subject: step.subject };
        if (step.kind === 'email') {
          if (!lead.email) touch.skipped = 'no_email';
          else if (lead.consent === false) touch.skipped = 'no_consent';
          else {
            const mail = renderTrackedMail({
              subject: step.subject,
              body: step.body,
              values,
              baseUrl: platform.config.publicUrl,
              newToken: () => newTrackingToken(tenantId),
            });
            const mailId = await queueMail(tx, tenantId, {
              to: lead.email,
              subject: mail.subject,
              text: mail.text,
              html: mail.html,
            });
            await tx.insert(leadMailTracking).values(
              mail.tokens.map((t) => ({
                tenantId,
                token: t.token,
                leadId: lead.id,
                mailId,
                url: t.url,
                createdAt: now,
              })),
            );
            touch.subject = mail.subject;
            touch.mailId = mailId;
            mails.push(mailId);
          }
        } else if (!lead.ownerId) {
          touch.skipped = 'no_owner';
        } else {
          const subject = fillMergeFields(step.subject, values).slice(0, 200);
          const task = await insertActivity(tx, {
            tenantId,
            kind: 'task',
            subject,
            body: fillMergeFields(step.body, values),
            occurredAt: now,
            dueAt: now,
            leadId: lead.id,
            ownerId: lead.ownerId,
            createdBy: null,
          });
          touch.subject = subject;
          touch.activityId = task.id;
          await notify(tx, {
            tenantId,
            userIds: [lead.ownerId],
            kind: 'task_due',
            params: { subject, name: lead.companyName ?? lead.contactName ?? '' },
            entity: 'lead',
            entityId: lead.id,
            dedupeKey: `task:${task.id}`,
            mail: copies,
          });
        }
        const next = advanceColumns(track, index, now);
        await tx
          .update(leads)
          .set({ ...next, updatedAt: now, version: lead.version + 1 })
          .where(and(eq(leads.tenantId, tenantId), eq(leads.id, lead.id)));
        await writeAudit(tx, actor, {
          entity: 'lead',
          entityId: lead.id,
          action: 'nurture_touch',
          changes: {
            nurtureStep: { from: index, to: next.nurtureStep },
            nurtureNextAt: {
              from: lead.nurtureNextAt?.toISOString() ?? null,
              to: next.nurtureNextAt?.toISOString() ?? null,
            },
            touch: { from: null, to: touch },
          },
        });
      }
      return { count: rows.length, mailIds: mails };
    });
    await dispatchMails(platform, tenantId, mailIds);
    await dispatchMailCopies(platform, tenantId, copies);
    touched += count;
    if (count < BATCH) return { touched };
  }
}

export const nurtureSweepJob = defineJob({
  name: 'leads.nurture-sweep',
  payload: z.object({}).passthrough(),
  cron: '* * * * *',
  async handler(_payload, { platform }) {
    const now = platform.clock.now();
    for (const tenantId of await tenantsWithDueNurture(platform, now)) {
      await sweepTenantNurture(platform, tenantId, now);
    }
  },
});
