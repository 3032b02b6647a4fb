import type { ActivityKind } from '@contracts/activities.contract';
import type { Locale } from '@contracts/common';
import { and, asc, eq, inArray, isNotNull, isNull, lte } from 'drizzle-orm';
import { z } from 'zod';
import type { Tx } from '../../../platform/db/database';
import { tenants, users } from '../../../platform/db/identity.tables';
import { withSystem, withTenant } from '../../../platform/db/tenancy';
import { translate } from '../../../platform/i18n/i18n';
import { defineJob } from '../../../platform/jobs/jobs';
import type { Platform } from '../../../platform/platform';
import { dispatchMailCopies, mailCopies, notify } from '../../notifications';
import type { ActivityRow } from '../activities.service';
import { activities } from '../activities.tables';
import { localDateTime } from '../zoned-time';

/**
 * Reminders of tasks, meetings and visits: a cron sweep finds due `remind_at` rows every minute, per tenant,
 * tells the owner in the app (and by mail when mail is set up) and marks the row reminded. Rows are locked
 * with SKIP LOCKED, so two workers never remind twice, and the dedupe key makes a retried sweep notify once.
 */

const BATCH = 200;

/** Reminder time reached, not yet sent, and the task is not already done. */
const due = (now: Date) =>
  and(
    isNotNull(activities.remindAt),
    lte(activities.remindAt, now),
    isNull(activities.remindedAt),
    isNull(activities.doneAt),
  );

/** Tenants with at least one due reminder: a read without locks across tenants. */
export async function tenantsWithDueReminders(platform: Platform, now: Date): Promise<string[]> {
  const rows = await withSystem(platform.db, (tx) =>
    tx.selectDistinct({ tenantId: activities.tenantId }).from(activities).where(due(now)),
  );
  return rows.map((r) => r.tenantId);
}

const isLocale = (value: string | null | undefined): value is Locale =>
  value === 'zh-CN' || value === 'en-US';

/** Each owner's language and time zone (their own, else the company's), for the texts the reminder carries. */
async function ownersOf(tx: Tx, tenantId: string, rows: readonly ActivityRow[]) {
  const [tenant] = await tx
    .select({ timeZone: tenants.timeZone, locale: tenants.defaultLocale })
    .from(tenants)
    .where(eq(tenants.tenantId, tenantId));
  const found = await tx
    .select({ id: users.id, locale: users.locale, timeZone: users.timeZone })
    .from(users)
    .where(
      and(
        eq(users.tenantId, tenantId),
        inArray(
          users.id,
          rows.map((r) => r.ownerId),
        ),
      ),
    );
  const fallbackLocale: Locale = isLocale(tenant?.locale) ? tenant.locale : 'zh-CN';
  const fallbackZone = tenant?.timeZone ?? 'Asia/Shanghai';
  return new Map(
    found.map((u) => [
      u.id,
      { locale: isLocale(u.locale) ? u.locale : fallbackLocale, timeZone: u.timeZone ?? fallbackZone },
    ]),
  );
}

export type ReminderSweepResult = { reminded: number };

/** Sends one tenant's due reminders, in batches; call with the business time (tests move it). */
export async function sweepTenantReminders(
  platform: Platform,
  tenantId: string,
  now: Date,
): Promise<ReminderSweepResult> {
  let reminded = 0;
  for (;;) {
    const copies = mailCopies(platform.config);
    const sent = await withTenant(platform.db, tenantId, async (tx) => {
      const rows = await tx
        .select()
        .from(activities)
        .where(and(eq(activities.tenantId, tenantId), due(now)))
        .orderBy(asc(activities.remindAt))
        .limit(BATCH)
        .for('update', { skipLocked: true });
      if (rows.length === 0) return 0;
      const owners = await ownersOf(tx, tenantId, rows);
      for (const row of rows) {
        const owner = owners.get(row.ownerId) ?? { locale: 'zh-CN' as const, timeZone: 'Asia/Shanghai' };
        // A task is due at its due time; a meeting or visit starts at its occurrence time.
        const at = row.kind === 'task' ? (row.dueAt ?? row.occurredAt) : row.occurredAt;
        await notify(tx, {
          tenantId,
          userIds: [row.ownerId],
          kind: 'activity_reminder',
          entity: 'activity',
          entityId: row.id,
          params: {
            subject: row.subject,
            kind: row.kind,
            kindName: translate(owner.locale, `activities.kind.${row.kind as ActivityKind}`),
            at: at.toISOString(),
            time: localDateTime(at, owner.timeZone),
            timeZone: owner.timeZone,
          },
          // One notice per reminder time: a moved reminder fires again, a retried sweep does not.
          dedupeKey: `reminder:${row.id}:${row.remindAt?.toISOString() ?? ''}`,
          mail: copies,
        });
      }
      await tx
        .update(activities)
        .set({ remindedAt: now })
        .where(
          and(
            eq(activities.tenantId, tenantId),
            inArray(
              activities.id,
              rows.map((r) => r.id),
            ),
          ),
        );
      return rows.length;
    });
    await dispatchMailCopies(platform, tenantId, copies);
    reminded += sent;
    if (sent < BATCH) return { reminded };
  }
}

export const reminderSweepJob = defineJob({
  name: 'activities.reminder-sweep',
  payload: z.object({}).passthrough(),
  cron: '* * * * *',
  async handler(_payload, { platform }) {
    const now = platform.clock.now();
    for (const tenantId of await tenantsWithDueReminders(platform, now)) {
      await sweepTenantReminders(platform, tenantId, now);
    }
  },
});
