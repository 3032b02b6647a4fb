import { OPEN_LEAD_STATUSES } from '@contracts/leads.contract';
import { and, asc, eq, inArray, isNotNull, isNull, lte, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import { systemActor, writeAudit } from '../../../platform/audit';
import type { Tx } from '../../../platform/db/database';
import { teamMembers, users } from '../../../platform/db/identity.tables';
import { withSystem, withTenant } from '../../../platform/db/tenancy';
import { defineJob } from '../../../platform/jobs/jobs';
import type { Platform } from '../../../platform/platform';
import { dispatchMailCopies, mailCopies, notify } from '../../notifications';
import { loadLeadSettings, slaHoursFor } from '../lead-settings';
import type { LeadRow } from '../leads.queries';
import { leads } from '../leads.tables';

/**
 * The response SLA (DOMAIN.md §1): a lead not contacted by its deadline is marked breached, its owner is told
 * and the managers of its team are alerted. A cron sweep over due rows, so a restart loses no deadline; a
 * lead is marked once, and the dedupe keys make a retried sweep notify once.
 */

const BATCH = 200;

/** Deadline passed, never contacted, not yet marked, and the lead is still being worked. */
const due = (now: Date) =>
  and(
    isNotNull(leads.slaDueAt),
    lte(leads.slaDueAt, now),
    isNull(leads.firstContactAt),
    isNull(leads.slaBreachedAt),
    inArray(leads.status, [...OPEN_LEAD_STATUSES]),
  );

/** Tenants with at least one due lead: a read without locks across tenants (SCALE.md rule 7). */
export async function tenantsWithDueSla(platform: Platform, now: Date): Promise<string[]> {
  const rows = await withSystem(platform.db, (tx) =>
    tx.selectDistinct({ tenantId: leads.tenantId }).from(leads).where(due(now)),
  );
  return rows.map((r) => r.tenantId);
}

/**
 * Who hears about a breach besides the owner: the leads of the lead's team, else the leads of the teams the
 * owner belongs to. The owner is never escalated to themselves.
 */
async function managersOf(tx: Tx, tenantId: string, lead: LeadRow): Promise<string[]> {
  const leadsOf = async (where: SQL) =>
    (
      await tx
        .selectDistinct({ userId: teamMembers.userId })
        .from(teamMembers)
        .innerJoin(users, and(eq(users.tenantId, teamMembers.tenantId), eq(users.id, teamMembers.userId)))
        .where(
          and(
            eq(teamMembers.tenantId, tenantId),
            eq(teamMembers.isLead, true),
            eq(users.status, 'active'),
            where,
          ),
        )
    )
      .map((r) => r.userId)
      .filter((id) => id !== lead.ownerId);
  if (lead.teamId) {
    const ofTeam = await leadsOf(eq(teamMembers.teamId, lead.teamId));
    if (ofTeam.length > 0) return ofTeam;
  }
  if (!lead.ownerId) return [];
  const ownTeams = tx
    .select({ teamId: teamMembers.teamId })
    .from(teamMembers)
    .where(and(eq(teamMembers.tenantId, tenantId), eq(teamMembers.userId, lead.ownerId)));
  return leadsOf(inArray(teamMembers.teamId, ownTeams));
}

export type SlaSweepResult = { breached: number };

/** Marks one tenant's due leads breached, in batches; call with the business time (tests move it). */
export async function sweepTenantSla(
  platform: Platform,
  tenantId: string,
  now: Date,
): Promise<SlaSweepResult> {
  const actor = systemActor(tenantId);
  let breached = 0;
  for (;;) {
    const copies = mailCopies(platform.config);
    const marked = await withTenant(platform.db, tenantId, async (tx) => {
      const rows = await tx
        .select()
        .from(leads)
        .where(and(eq(leads.tenantId, tenantId), due(now)))
        .orderBy(asc(leads.slaDueAt))
        .limit(BATCH)
        .for('update', { skipLocked: true });
      if (rows.length === 0) return 0;
      const settings = await loadLeadSettings(tx, tenantId);
      const ownerNames = new Map(
        (
          await tx
            .select({ id: users.id, name: users.name })
            .from(users)
            .where(
              and(
                eq(users.tenantId, tenantId),
                inArray(
                  users.id,
                  rows.map((r) => r.ownerId).filter((id): id is string => id !== null),
                ),
              ),
            )
        ).map((u) => [u.id, u.name]),
      );
      for (const lead of rows) {
        await tx
          .update(leads)
          .set({ slaBreachedAt: now, version: sql`${leads.version} + 1`, updatedAt: now })
          .where(and(eq(leads.tenantId, tenantId), eq(leads.id, lead.id)));
        await writeAudit(tx, actor, {
          entity: 'lead',
          entityId: lead.id,
          action: 'sla_breach',
          changes: { slaBreachedAt: { from: null, to: now.toISOString() } },
        });
        // One breach per assignment: a re-assigned lead gets a new clock and may breach again.
        const key = `sla:${lead.id}:${lead.assignedAt?.toISOString() ?? ''}`;
        const params = {
          name: lead.companyName ?? lead.contactName ?? '',
          grade: lead.grade,
          hours: slaHoursFor(settings, lead.grade),
          owner: lead.ownerId ? (ownerNames.get(lead.ownerId) ?? '') : '',
          dueAt: lead.slaDueAt?.toISOString() ?? null,
        };
        const about = { tenantId, entity: 'lead', entityId: lead.id, params, mail: copies };
        if (lead.ownerId) {
          await notify(tx, { ...about, userIds: [lead.ownerId], kind: 'lead_sla_breached', dedupeKey: key });
        }
        await notify(tx, {
          ...about,
          userIds: await managersOf(tx, tenantId, lead),
          kind: 'lead_sla_escalated',
          dedupeKey: key,
        });
      }
      return rows.length;
    });
    await dispatchMailCopies(platform, tenantId, copies);
    breached += marked;
    if (marked < BATCH) return { breached };
  }
}

export const slaSweepJob = defineJob({
  name: 'leads.sla-sweep',
  payload: z.object({}).passthrough(),
  cron: '* * * * *',
  // Deadlines that passed while no worker ran are marked at its start, not at the next minute.
  atStart: true,
  async handler(_payload, { platform }) {
    const now = platform.clock.now();
    for (const tenantId of await tenantsWithDueSla(platform, now)) {
      await sweepTenantSla(platform, tenantId, now);
    }
  },
});
