import type { Locale } from '@contracts/common';
import { ROLES } from '@contracts/common';
import type { TenantSettings } from '@contracts/tenant.contract';
import { eq, sql } from 'drizzle-orm';
import { permissionsOf, visibilityOf } from '../../platform/access';
import { type Actor, changesBetween, writeAudit } from '../../platform/audit';
import { tenants, users } from '../../platform/db/identity.tables';
import { withTenant } from '../../platform/db/tenancy';
import { AppError } from '../../platform/http/errors';
import type { Platform } from '../../platform/platform';

/** Company settings and the role catalogue. */

const FIELDS = ['name', 'currency', 'timeZone', 'fiscalYearStartMonth', 'defaultLocale'] as const;

function present(row: typeof tenants.$inferSelect): TenantSettings {
  return {
    name: row.name,
    currency: row.currency,
    timeZone: row.timeZone,
    fiscalYearStartMonth: row.fiscalYearStartMonth,
    defaultLocale: row.defaultLocale as Locale,
    version: row.version,
  };
}

export async function getSettings(platform: Platform, actor: Actor): Promise<TenantSettings> {
  return withTenant(platform.db, actor.tenantId, async (tx) => {
    const [row] = await tx.select().from(tenants).where(eq(tenants.tenantId, actor.tenantId));
    if (!row) throw new AppError('not_found');
    return present(row);
  });
}

export async function updateSettings(
  platform: Platform,
  actor: Actor,
  expectedVersion: number | null,
  input: Partial<Omit<TenantSettings, 'version'>>,
): Promise<TenantSettings> {
  return withTenant(platform.db, actor.tenantId, async (tx) => {
    const [before] = await tx
      .select()
      .from(tenants)
      .where(eq(tenants.tenantId, actor.tenantId))
      .for('update');
    if (!before) throw new AppError('not_found');
    if (expectedVersion !== null && before.version !== expectedVersion)
      throw new AppError('version_conflict');
    const patch = Object.fromEntries(
      Object.entries(input).filter(([k, v]) => v !== undefined && k !== 'version'),
    );
    const [after] = await tx
      .update(tenants)
      .set({ ...patch, version: before.version + 1, updatedAt: new Date() })
      .where(eq(tenants.tenantId, actor.tenantId))
      .returning();
    if (!after) throw new AppError('internal');
    await writeAudit(tx, actor, {
      entity: 'tenant',
      entityId: actor.tenantId,
      action: 'settings_change',
      changes: changesBetween(before, after, FIELDS),
    });
    return present(after);
  });
}

export async function listRoles(platform: Platform, actor: Actor) {
  const counts = await withTenant(platform.db, actor.tenantId, (tx) =>
    tx
      .select({ role: users.role, n: sql<number>`count(*)::int` })
      .from(users)
      .where(sql`${users.status} <> 'deactivated'`)
      .groupBy(users.role),
  );
  return {
    items: ROLES.map((role) => ({
      role,
      visibility: visibilityOf(role),
      permissions: [...permissionsOf(role)],
      userCount: counts.find((c) => c.role === role)?.n ?? 0,
    })),
  };
}
