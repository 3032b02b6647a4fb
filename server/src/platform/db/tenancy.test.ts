import { eq, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { describe, expect, it, vi } from 'vitest';
import { withDatabase } from '../../../test/global-setup';
import { as, newTenant, type Session, useTestApp } from '../../../test/helper';
import { type DatabaseHandle, openDatabase, queryRows, type Tx } from './database';
import { teams, users } from './identity.tables';
import { auditLog } from './platform.tables';
import { APP_ROLE, InvalidTenantError, withTenant } from './tenancy';

/**
 * Isolation in the data layer: inside `withTenant`, row-level security hides and protects other tenants'
 * rows even from a query with no tenant filter at all.
 */

const t = await useTestApp();

async function withTeam(s: Session, name: string): Promise<string> {
  const res = await as(t, s)({ method: 'POST', url: '/api/v1/teams', payload: { name, region: 'North' } });
  expect(res.statusCode).toBe(201);
  return res.json<{ id: string }>().id;
}

const a = await newTenant(t);
const b = await newTenant(t);
const tenantA = a.me.tenant.id;
const tenantB = b.me.tenant.id;
const teamA = await withTeam(a, 'Alpha');
const teamB = await withTeam(b, 'Bravo');

/** Messages of an error and its causes (drizzle wraps the driver's error). */
function messagesOf(error: unknown): string {
  const out: string[] = [];
  for (let e: unknown = error; e instanceof Error; e = e.cause) out.push(e.message);
  return out.join(' | ');
}

describe('withTenant', () => {
  it('shows only the tenant’s own users to a query without a tenant filter', async () => {
    const rows = await withTenant(t.db, tenantA, (tx) => tx.select().from(users));
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.tenantId === tenantA)).toBe(true);
    expect(rows.map((r) => r.id)).toContain(a.me.user.id);
    expect(rows.map((r) => r.id)).not.toContain(b.me.user.id);
  });

  it('shows only the tenant’s own teams and audit rows', async () => {
    const teamRows = await withTenant(t.db, tenantA, (tx) => tx.select().from(teams));
    expect(teamRows.map((r) => r.id)).toEqual([teamA]);
    const auditRows = await withTenant(t.db, tenantA, (tx) => tx.select().from(auditLog));
    expect(auditRows.length).toBeGreaterThan(0);
    expect(auditRows.every((r) => r.tenantId === tenantA)).toBe(true);
    expect(auditRows.some((r) => r.entityId === teamB)).toBe(false);
  });

  it('cannot find, change or delete another tenant’s row by its id', async () => {
    const result = await withTenant(t.db, tenantA, async (tx) => ({
      found: await tx.select().from(teams).where(eq(teams.id, teamB)),
      updated: await tx.update(teams).set({ name: 'Hijacked' }).where(eq(teams.id, teamB)).returning(),
      deleted: await tx.delete(teams).where(eq(teams.id, teamB)).returning(),
    }));
    expect(result).toEqual({ found: [], updated: [], deleted: [] });
    const [still] = await withTenant(t.db, tenantB, (tx) =>
      tx.select().from(teams).where(eq(teams.id, teamB)),
    );
    expect(still?.name).toBe('Bravo');
  });

  it('refuses to insert a row for another tenant (WITH CHECK)', async () => {
    const attempt = withTenant(t.db, tenantA, (tx) =>
      tx.insert(teams).values({ tenantId: tenantB, id: uuidv7(), name: 'Planted', region: 'X' }),
    );
    const error = await attempt.then(
      () => null,
      (e: unknown) => e,
    );
    expect(messagesOf(error)).toMatch(/row-level security/);
    const planted = await withTenant(t.db, tenantB, (tx) =>
      tx.select().from(teams).where(eq(teams.name, 'Planted')),
    );
    expect(planted).toEqual([]);
  });

  it('refuses to move one of its rows to another tenant (a row never changes tenant)', async () => {
    const error = await withTenant(t.db, tenantA, (tx) =>
      tx.update(teams).set({ tenantId: tenantB }).where(eq(teams.id, teamA)),
    ).then(
      () => null,
      (e: unknown) => e,
    );
    expect(messagesOf(error)).toMatch(/row-level security/);
  });

  it('keeps the role and the tenant after a nested transaction, which is a savepoint', async () => {
    const who = (tx: Tx) =>
      queryRows<{ role: string; tenant: string }>(
        tx,
        sql`select current_user as role, current_setting('app.tenant_id', true) as tenant`,
      );
    const seen = await withTenant(t.db, tenantA, async (tx) => {
      await tx.transaction(async (sp) => {
        await sp.update(teams).set({ description: 'kept' }).where(eq(teams.id, teamA));
      });
      await tx
        .transaction(async (sp) => {
          await sp.update(teams).set({ name: 'Rolled back' }).where(eq(teams.id, teamA));
          throw new Error('undo this savepoint only');
        })
        .catch(() => undefined);
      return { after: await who(tx), visible: await tx.select().from(users) };
    });
    expect(seen.after).toEqual([{ role: APP_ROLE, tenant: tenantA }]);
    expect(seen.visible.every((r) => r.tenantId === tenantA)).toBe(true);
    const [team] = await withTenant(t.db, tenantA, (tx) =>
      tx.select().from(teams).where(eq(teams.id, teamA)),
    );
    expect(team).toMatchObject({ name: 'Alpha', description: 'kept' });
  });

  it('rejects a tenant id that is not a UUID before touching the database', async () => {
    const transaction = vi.fn();
    const handle: DatabaseHandle = { ...t.db, transaction };
    const work = vi.fn();
    for (const bad of ["x'; RESET ROLE; --", '', `${tenantA} `, '12345']) {
      await expect(withTenant(handle, bad, work)).rejects.toBeInstanceOf(InvalidTenantError);
    }
    expect(transaction).not.toHaveBeenCalled();
    expect(work).not.toHaveBeenCalled();
  });

  it('leaves no tenant behind: the next transaction on the same connection as the app role sees nothing', async () => {
    // A handle of its own, used by nothing else, so consecutive transactions share one connection.
    const [{ name } = { name: '' }] = await queryRows<{ name: string }>(
      t.db.db,
      sql`select current_database() as name`,
    );
    const own =
      t.db.kind === 'postgres'
        ? await openDatabase({ databaseUrl: withDatabase(process.env.DATABASE_URL ?? '', name) })
        : t.db;
    try {
      const inside = await withTenant(own, tenantA, async (tx) => {
        const [row] = await queryRows<{ pid: number; n: number }>(
          tx,
          sql`select pg_backend_pid() as pid, (select count(*)::int from users) as n`,
        );
        return row;
      });
      expect(inside?.n).toBeGreaterThan(0);

      const after = await own.transaction([`SET LOCAL ROLE ${APP_ROLE}`], async (tx) => {
        const [row] = await queryRows<{ pid: number; setting: string | null; n: number; audit: number }>(
          tx,
          sql`select pg_backend_pid() as pid, current_setting('app.tenant_id', true) as setting,
                     (select count(*)::int from users) as n,
                     (select count(*)::int from audit_log) as audit`,
        );
        return row;
      });
      expect(after?.pid).toBe(inside?.pid);
      expect(after?.setting ?? '').toBe('');
      expect(after?.n).toBe(0);
      expect(after?.audit).toBe(0);

      // The same holds after a transaction that failed half-way.
      await expect(
        withTenant(own, tenantA, async () => {
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      const afterFailure = await own.transaction([`SET LOCAL ROLE ${APP_ROLE}`], async (tx) =>
        queryRows<{ n: number }>(tx, sql`select count(*)::int as n from teams`),
      );
      expect(afterFailure).toEqual([{ n: 0 }]);
    } finally {
      if (own !== t.db) await own.close();
    }
  });
});
