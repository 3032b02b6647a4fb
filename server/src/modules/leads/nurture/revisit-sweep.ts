import type { Locale } from '@contracts/common';
import { and, asc, eq, inArray, isNotNull, lte } from 'drizzle-orm';
import { z } from 'zod';
import { systemActor, writeAudit } from '../../../platform/audit';
import { teamMembers, tenants, users } from '../../../platform/db/identity.tables';
import { withSystem, withTenant } from '../../../platform/db/tenancy';
import { translate } from '../../../platform/i18n/i18n';
import { defineJob } from '../../../platform/jobs/jobs';
import type { Platform } from '../../../platform/platform';
import { insertActivity } from '../../activities';
import { dispatchMailCopies, mailCopies, notify } from '../../notifications';
import { leads } from '../leads.tables';

/**
 * Revisits (DOMAIN.md §1: "a lead that does not fit is archived and revisited periodically"): when an
 * archived lead's revisit date comes, its owner gets a task "Revisit: <company>" and a notification, and the
 * date is cleared, so it happens once. An unowned lead alerts the leads of its team instead.
 */

const BATCH = 200;

const due = (now: Date) =>
  and(eq(leads.status, 'archived'), isNotNull(leads.revisitAt), lte(leads.revisitAt, now));

export async function tenantsWithDueRevisits(platform: Platform, now: Date): Promise<string[]> {
  const rows = await withSystem(platform.db, (tx) =>
    tx.selectDistinct({ tenantId: leads.tenantId }).from(leads).where(due(now)),
  );
  return rows.map((r) => r.tenantId);
}

const asLocale = (value: string | null | undefined): Locale | null =>
  value === 'zh-CN' || value === 'en-US' ? value : null;

export async function sweepTenantRevisits(
  platform: Platform,
  tenantId: string,
  now: Date,
): Promise<{ revisited: number }> {
  const actor = systemActor(tenantId);
  let revisited = 0;
  for (;;) {
    const copies = mailCopies(platform.config);
    const count = await withTenant(platform.db, tenantId, async (tx) => {
      const rows = await tx
        .select()
        .from(leads)
        .where(and(eq(leads.tenantId, tenantId), due(now)))
        .orderBy(asc(leads.revisitAt))
        .limit(BATCH)
        .for('update', { skipLocked: true });
      if (rows.length === 0) return 0;
      const [tenant] = await tx
        .select({ locale: tenants.defaultLocale })
        .from(tenants)
        .where(eq(tenants.tenantId, tenantId));
      const ownerIds = [...new Set(rows.map((r) => r.ownerId).filter((id): id is string => id !== null))];
      const locales = new Map(
        ownerIds.length === 0
          ? []
          : (
              await tx
                .select({ id: users.id, locale: users.locale })
                .from(users)
                .where(and(eq(users.tenantId, tenantId), inArray(users.id, ownerIds)))
            ).map((u) => [u.id, asLocale(u.locale)]),
      );
      for (const lead of rows) {
        const name = lead.companyName ?? lead.contactName ?? '';
        const key = `revisit:${lead.id}:${lead.revisitAt?.toISOString() ?? ''}`;
        let taskId: string | null = null;
        if (lead.ownerId) {
          const locale = locales.get(lead.ownerId) ?? asLocale(tenant?.locale) ?? 'zh-CN';
          const task = await insertActivity(tx, {
            tenantId,
            kind: 'task',
            subject: translate(locale, 'tasks.revisit_subject', { name }).slice(0, 200),
            body: translate(locale, 'tasks.revisit_body', { reason: lead.statusReason ?? '—' }),
            occurredAt: now,
            dueAt: now,
            leadId: lead.id,
            ownerId: lead.ownerId,
            createdBy: null,
          });
          taskId = task.id;
        }
        const recipients = lead.ownerId
          ? [lead.ownerId]
          : lead.teamId
            ? (
                await tx
                  .select({ userId: teamMembers.userId })
                  .from(teamMembers)
                  .where(
                    and(
                      eq(teamMembers.tenantId, tenantId),
                      eq(teamMembers.teamId, lead.teamId),
                      eq(teamMembers.isLead, true),
                    ),
                  )
              ).map((m) => m.userId)
            : [];
        await notify(tx, {
          tenantId,
          userIds: recipients,
          kind: 'lead_revisit_due',
          params: { name },
          entity: 'lead',
          entityId: lead.id,
          dedupeKey: key,
          mail: copies,
        });
        await tx
          .update(leads)
          .set({ revisitAt: null, updatedAt: now, version: lead.version + 1 })
          .where(and(eq(leads.tenantId, tenantId), eq(leads.id, lead.id)));
        await writeAudit(tx, actor, {
          entity: 'lead',
          entityId: lead.id,
          action: 'revisit_due',
          changes: {
            revisitAt: { from: lead.revisitAt?.toISOString() ?? null, to: null },
            ...(taskId ? { task: { from: null, to: taskId } } : {}),
          },
        });
      }
      return rows.length;
    });
    await dispatchMailCopies(platform, tenantId, copies);
    revisited += count;
    if (count < BATCH) return { revisited };
  }
}

export const revisitSweepJob = defineJob({
  name: 'leads.revisit-sweep',
  payload: z.object({}).passthrough(),
  cron: '* * * * *',
  async handler(_payload, { platform }) {
    const now = platform.clock.now();
    for (const tenantId of await tenantsWithDueRevisits(platform, now)) {
      await sweepTenantRevisits(platform, tenantId, now);
    }
  },
});
