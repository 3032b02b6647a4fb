import type { DatabaseHandle, Statement, Tx } from './database';

/**
 * Tenant isolation in the data layer. Every request's work runs in `withTenant`: the transaction drops to
 * the unprivileged `closeloop_app` role and sets the tenant with a literal SET LOCAL (SCALE.md rule 10), so
 * row-level security hides other tenants' rows even from a query that forgets its filter.
 */

export const APP_ROLE = 'closeloop_app';

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class InvalidTenantError extends Error {}

export function assertUuid(value: string): string {
  if (!UUID_RE.test(value)) throw new InvalidTenantError('tenant id must be a UUID');
  return value.toLowerCase();
}

function tenantPrelude(tenantId: string): string[] {
  // SET takes no bind parameter: the value is validated as a UUID before it is written into the SQL.
  const tenant = assertUuid(tenantId);
  return [`SET LOCAL ROLE ${APP_ROLE}`, `SET LOCAL app.tenant_id = '${tenant}'`];
}

export async function withTenant<T>(
  handle: DatabaseHandle,
  tenantId: string,
  fn: (tx: Tx) => Promise<T>,
): Promise<T> {
  return handle.transaction(tenantPrelude(tenantId), fn);
}

/**
 * One read under the tenant's row-level security in a single round trip, prepared once per connection
 * (`readInTransaction`): for the lookups every request makes. The statement filters on the tenant as every
 * query does.
 */
export async function readInTenant<R>(
  handle: DatabaseHandle,
  tenantId: string,
  statement: Statement,
): Promise<R[]> {
  return handle.readInTransaction<R>(tenantPrelude(tenantId), statement);
}

/**
 * Work that must see across tenants or runs before one is known: sign-in lookup by email, first-run setup,
 * migrations, backup. Kept to a handful of named call sites.
 */
export async function withSystem<T>(handle: DatabaseHandle, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return handle.transaction([], fn);
}

/** Creates the application role (idempotent) and grants it the tenant tables. Run after every migration. */
export async function ensureAppRole(handle: DatabaseHandle): Promise<void> {
  await handle.raw.exec(`
    DO $$
    BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${APP_ROLE}') THEN
        CREATE ROLE ${APP_ROLE} NOLOGIN NOSUPERUSER NOBYPASSRLS;
      END IF;
    END $$;
    GRANT USAGE ON SCHEMA public TO ${APP_ROLE};
    GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${APP_ROLE};
    GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${APP_ROLE};
  `);
  // A non-superuser connection must be a member of the role to SET ROLE to it.
  const [me] = (
    await handle.raw.query<{ super: boolean; member: boolean }>(
      `SELECT rolsuper AS super, pg_has_role(current_user, '${APP_ROLE}', 'MEMBER') AS member
         FROM pg_roles WHERE rolname = current_user`,
    )
  ).rows;
  if (me && !me.super && !me.member) {
    await handle.raw.exec(`GRANT ${APP_ROLE} TO CURRENT_USER`);
  }
}
