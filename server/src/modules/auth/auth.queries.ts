import type { Me } from '@contracts/auth.contract';
import type { Locale, Role } from '@contracts/common';
import { eq } from 'drizzle-orm';
import { permissionsOf } from '../../platform/access';
import type { Tx } from '../../platform/db/database';
import { tenants, users } from '../../platform/db/identity.tables';

/** Reads shared by the auth use cases. */

/**
 * The signed-in user and their company, the columns `Me` shows and no others (never the password hash). Read on
 * every page load, so it is one join with a short select list.
 */
export async function findMe(tx: Tx, userId: string, csrfToken: string | null): Promise<Me | null> {
  const [row] = await tx
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      locale: users.locale,
      userTimeZone: users.timeZone,
      tenantId: tenants.tenantId,
      tenantName: tenants.name,
      currency: tenants.currency,
      timeZone: tenants.timeZone,
      fiscalYearStartMonth: tenants.fiscalYearStartMonth,
      defaultLocale: tenants.defaultLocale,
    })
    .from(users)
    .innerJoin(tenants, eq(tenants.tenantId, users.tenantId))
    .where(eq(users.id, userId));
  if (!row) return null;
  const role = row.role as Role;
  return {
    user: {
      id: row.id,
      email: row.email,
      name: row.name,
      role,
      locale: row.locale as Locale | null,
      timeZone: row.userTimeZone,
    },
    tenant: {
      id: row.tenantId,
      name: row.tenantName,
      currency: row.currency,
      timeZone: row.timeZone,
      fiscalYearStartMonth: row.fiscalYearStartMonth,
      defaultLocale: row.defaultLocale as Locale,
    },
    csrfToken,
    permissions: [...permissionsOf(role)],
  };
}
