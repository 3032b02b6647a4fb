import type { Me } from '@contracts/auth.contract';
import type { Locale, Role } from '@contracts/common';
import { eq } from 'drizzle-orm';
import { permissionsOf } from '../../platform/access';
import type { Tx } from '../../platform/db/database';
import { tenants, users } from '../../platform/db/identity.tables';

/** Reads shared by the auth use cases. */

export async function findMe(tx: Tx, userId: string, csrfToken: string | null): Promise<Me | null> {
  const [row] = await tx
    .select({ user: users, tenant: tenants })
    .from(users)
    .innerJoin(tenants, eq(tenants.tenantId, users.tenantId))
    .where(eq(users.id, userId));
  if (!row) return null;
  const role = row.user.role as Role;
  return {
    user: {
      id: row.user.id,
      email: row.user.email,
      name: row.user.name,
      role,
      locale: row.user.locale as Locale | null,
      timeZone: row.user.timeZone,
    },
    tenant: {
      id: row.tenant.tenantId,
      name: row.tenant.name,
      currency: row.tenant.currency,
      timeZone: row.tenant.timeZone,
      fiscalYearStartMonth: row.tenant.fiscalYearStartMonth,
      defaultLocale: row.tenant.defaultLocale as Locale,
    },
    csrfToken,
    permissions: [...permissionsOf(role)],
  };
}
