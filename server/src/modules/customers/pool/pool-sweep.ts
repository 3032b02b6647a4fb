import { isNotNull, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { z } from 'zod';
import { systemActor } from '../../../platform/audit';
import { queryRows } from '../../../platform/db/database';
import { auditLog } from '../../../platform/db/platform.tables';
import { withSystem, withTenant } from '../../../platform/db/tenancy';
import { defineJob } from '../../../platform/jobs/jobs';
import type { Platform } from '../../../platform/platform';
import { dispatchMailCopies, mailCopies, notify } from '../../notifications';
import { customerPoolEvents } from '../customer-pool.tables';
import { customers } from '../customers.tables';
import { followUpBasisSql, loadPoolSettings, returnDaysSql } from './pool-settings';

/**
 * The public pool's clock (DOMAIN.md §7): an owned customer whose owner logged no follow-up for the company's
 * number of days (per tier) returns to the pool; the owner is warned `warnDays` days before. The return is
 * one set-based statement per batch that locks its rows with SKIP LOCKED, so two sweeps never return the
 * same customer; the warnings' dedupe keys make a repeated sweep warn once per follow-up period.
 */

const BATCH = 500;
const DAY = 86_400_000;

/** Tenants with owned customers: a read without locks across tenants (SCALE.md rule 7). */
async function tenantsWithOwnedCustomers(platform: Platform): Promise<string[]> {
  const rows = await withSystem(platform.db, (tx) =>
    tx.selectDistinct({ tenantId: customers.tenantId }).from(customers).where(isNotNull(customers.ownerId)),
  );
  return rows.map((r) => r.tenantId);
}

export type PoolSweepResult = { warned: number; returned: number };

type DueRow = { id: string; owner_id: string; name: string; days: number; basis: Date | string };

const iso = (value: Date | string) => new Date(value).toISOString();

/** Warns and returns one tenant's customers; call with the business time (tests move it). */
export async function sweepTenantPool(
  platform: Platform,
  tenantId: string,
  now: Date,
): Promise<PoolSweepResult> {
  const actor = systemActor(tenantId);
  let warned = 0;
  let returned = 0;
  for (;;) {
    const copies = mailCopies(platform.config);
    const count = await withTenant(platform.db, tenantId, async (tx) => {
      const settings = await loadPoolSettings(tx, tenantId);
      const days = returnDaysSql(settings);
      const rows = await queryRows<DueRow>(
        tx,
        sql`WITH due AS (
            SELECT ${customers.id} AS id, ${customers.ownerId} AS owner_id, ${customers.name} AS name,
              ${days} AS days, ${followUpBasisSql} AS basis
            FROM ${customers}
            WHERE ${customers.tenantId} = ${tenantId} AND ${customers.ownerId} IS NOT NULL
              AND ${followUpBasisSql} + ${days} * interval '1 day' <= ${now.toISOString()}::timestamptz
            ORDER BY ${customers.id}
            LIMIT ${BATCH}
            FOR UPDATE SKIP LOCKED
          ), returned AS (
            UPDATE ${customers} SET owner_id = NULL, owner_since = NULL, team_id = NULL,
              version = ${customers.version} + 1, updated_at = ${now.toISOString()}::timestamptz
            FROM due WHERE ${customers.tenantId} = ${tenantId} AND ${customers.id} = due.id
            RETURNING ${customers.id} AS id
          )
          SELECT due.* FROM due JOIN returned USING (id)`,
      );
      if (rows.length === 0) return 0;
      await tx.insert(customerPoolEvents).values(
        rows.map((r) => ({
          tenantId,
          id: uuidv7(),
          customerId: r.id,
          kind: 'return',
          userId: r.owner_id,
          actorId: null,
          auto: true,
          reason: `no_follow_up:${r.days}`,
          createdAt: now,
        })),
      );
      await tx.insert(auditLog).values(
        rows.map((r) => ({
          tenantId,
          id: uuidv7(),
          actorId: null,
          actorKind: actor.kind,
          entity: 'customer',
          entityId: r.id,
          action: 'return_to_pool',
          changes: { ownerId: { from: r.owner_id, to: null }, days: { from: null, to: Number(r.days) } },
          requestId: null,
          ip: null,
        })),
      );
      for (const r of rows) {
        await notify(tx, {
          tenantId,
          userIds: [r.owner_id],
          kind: 'customer_returned_to_pool',
          // The former owner may no longer open the customer; the pool page is where it is now.
          entity: 'customer_pool',
          entityId: r.id,
          params: { name: r.name, days: Number(r.days) },
          dedupeKey: `pool-return:${r.id}:${iso(r.basis)}`,
          mail: copies,
        });
      }
      return rows.length;
    });
    await dispatchMailCopies(platform, tenantId, copies);
    returned += count;
    if (count < BATCH) break;
  }
  const copies = mailCopies(platform.config);
  warned = await withTenant(platform.db, tenantId, async (tx) => {
    const settings = await loadPoolSettings(tx, tenantId);
    if (settings.warnDays <= 0) return 0;
    const days = returnDaysSql(settings);
    const rows = await queryRows<DueRow>(
      tx,
      sql`SELECT ${customers.id} AS id, ${customers.ownerId} AS owner_id, ${customers.name} AS name,
          ${days} AS days, ${followUpBasisSql} AS basis
        FROM ${customers}
        WHERE ${customers.tenantId} = ${tenantId} AND ${customers.ownerId} IS NOT NULL
          AND ${followUpBasisSql} + (${days} - ${settings.warnDays}) * interval '1 day'
            <= ${now.toISOString()}::timestamptz`,
    );
    let n = 0;
    for (const r of rows) {
      const basis = new Date(r.basis);
      const returnAt = new Date(basis.getTime() + Number(r.days) * DAY);
      n += await notify(tx, {
        tenantId,
        userIds: [r.owner_id],
        kind: 'customer_pool_warning',
        entity: 'customer',
        entityId: r.id,
        params: {
          name: r.name,
          idleDays: Math.floor((now.getTime() - basis.getTime()) / DAY),
          returnAt: returnAt.toISOString(),
        },
        // One warning per follow-up period and owner: a new follow-up or a new owner starts another.
        dedupeKey: `pool-warn:${r.id}:${r.owner_id}:${basis.toISOString()}`,
        mail: copies,
      });
    }
    return n;
  });
  await dispatchMailCopies(platform, tenantId, copies);
  return { warned, returned };
}

export const poolSweepJob = defineJob({
  name: 'customers.pool-sweep',
  payload: z.object({}).passthrough(),
  cron: '0 * * * *',
  async handler(_payload, { platform }) {
    const now = platform.clock.now();
    for (const tenantId of await tenantsWithOwnedCustomers(platform)) {
      await sweepTenantPool(platform, tenantId, now);
    }
  },
});
