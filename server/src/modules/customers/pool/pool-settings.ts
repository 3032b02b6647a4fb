import type { CustomerPoolSettings } from '@contracts/customer-pool.contract';
import { eq, type SQL, sql } from 'drizzle-orm';
import { type Actor, changesBetween, writeAudit } from '../../../platform/audit';
import type { Tx } from '../../../platform/db/database';
import { withTenant } from '../../../platform/db/tenancy';
import { AppError } from '../../../platform/http/errors';
import type { Platform } from '../../../platform/platform';
import { customerPoolSettings } from '../customer-pool.tables';
import { customers } from '../customers.tables';

/** The company's public pool rules, or the defaults (30 days, warn 3 days ahead, 20 claims in 30 days). */

export type PoolSettingsRow = typeof customerPoolSettings.$inferSelect;

export async function loadPoolSettings(tx: Tx, tenantId: string): Promise<PoolSettingsRow> {
  const [row] = await tx
    .select()
    .from(customerPoolSettings)
    .where(eq(customerPoolSettings.tenantId, tenantId));
  if (row) return row;
  const epoch = new Date(0);
  return {
    tenantId,
    returnDays: 30,
    returnDaysStrategic: null,
    returnDaysGrowth: null,
    returnDaysPotential: null,
    returnDaysDormant: null,
    warnDays: 3,
    claimLimit: 20,
    claimPeriodDays: 30,
    holdLimit: null,
    version: 0,
    createdAt: epoch,
    updatedAt: epoch,
  };
}

/** Days without follow-up before a customer returns, as SQL over `customers.tier` (the per-tier rules). */
export function returnDaysSql(s: PoolSettingsRow): SQL<number> {
  const tier = (value: number | null) => sql`${value ?? s.returnDays}::int`;
  return sql<number>`(CASE ${customers.tier}
    WHEN 'strategic' THEN ${tier(s.returnDaysStrategic)}
    WHEN 'growth' THEN ${tier(s.returnDaysGrowth)}
    WHEN 'potential' THEN ${tier(s.returnDaysPotential)}
    WHEN 'dormant' THEN ${tier(s.returnDaysDormant)}
    ELSE ${s.returnDays}::int END)`;
}

/** When the return clock started: the latest follow-up, else when the owner got the customer. */
export const followUpBasisSql = sql<Date>`greatest(
  coalesce(${customers.lastActivityAt}, '-infinity'::timestamptz),
  coalesce(${customers.ownerSince}, ${customers.createdAt}))`;

const FIELDS = [
  'returnDays',
  'returnDaysStrategic',
  'returnDaysGrowth',
  'returnDaysPotential',
  'returnDaysDormant',
  'warnDays',
  'claimLimit',
  'claimPeriodDays',
  'holdLimit',
] as const;

function present(row: PoolSettingsRow): CustomerPoolSettings {
  return {
    returnDays: row.returnDays,
    returnDaysStrategic: row.returnDaysStrategic,
    returnDaysGrowth: row.returnDaysGrowth,
    returnDaysPotential: row.returnDaysPotential,
    returnDaysDormant: row.returnDaysDormant,
    warnDays: row.warnDays,
    claimLimit: row.claimLimit,
    claimPeriodDays: row.claimPeriodDays,
    holdLimit: row.holdLimit,
    version: row.version,
  };
}

export async function getPoolSettings(platform: Platform, actor: Actor): Promise<CustomerPoolSettings> {
  return withTenant(platform.db, actor.tenantId, async (tx) =>
    present(await loadPoolSettings(tx, actor.tenantId)),
  );
}

export type PoolSettingsInput = Omit<CustomerPoolSettings, 'version'>;

/** Replaces the rules; the row is created on the first save (version 0 until then). */
export async function replacePoolSettings(
  platform: Platform,
  actor: Actor,
  expectedVersion: number,
  input: PoolSettingsInput,
): Promise<CustomerPoolSettings> {
  return withTenant(platform.db, actor.tenantId, async (tx) => {
    const [locked] = await tx
      .select()
      .from(customerPoolSettings)
      .where(eq(customerPoolSettings.tenantId, actor.tenantId))
      .for('update');
    const before = locked ?? (await loadPoolSettings(tx, actor.tenantId));
    if (before.version !== expectedVersion) throw new AppError('version_conflict');
    const values: PoolSettingsInput = {
      returnDays: input.returnDays,
      returnDaysStrategic: input.returnDaysStrategic,
      returnDaysGrowth: input.returnDaysGrowth,
      returnDaysPotential: input.returnDaysPotential,
      returnDaysDormant: input.returnDaysDormant,
      warnDays: input.warnDays,
      claimLimit: input.claimLimit,
      claimPeriodDays: input.claimPeriodDays,
      holdLimit: input.holdLimit,
    };
    const now = platform.clock.now();
    const [after] = await tx
      .insert(customerPoolSettings)
      .values({
        ...values,
        tenantId: actor.tenantId,
        version: before.version + 1,
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoUpdate({
        target: customerPoolSettings.tenantId,
        set: { ...values, version: before.version + 1, updatedAt: now },
      })
      .returning();
    if (!after) throw new AppError('internal');
    await writeAudit(tx, actor, {
      entity: 'customer_pool_settings',
      entityId: null,
      action: 'update',
      changes: changesBetween(before, after, FIELDS),
    });
    return present(after);
  });
}
