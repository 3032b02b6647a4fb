import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withDatabase } from '../../test/global-setup';
import { freshDatabase, waitFor } from '../../test/helper';
import { systemActor, writeAudit } from '../platform/audit';
import { type DatabaseHandle, openDatabase, queryRows } from '../platform/db/database';
import { apiTokens, authLinks, teamMembers, teams, tenants, users } from '../platform/db/identity.tables';
import { migrateDatabase } from '../platform/db/migrate';
import { files, idempotencyKeys, outboxMails } from '../platform/db/platform.tables';
import { withSystem } from '../platform/db/tenancy';
import { BackupError, backupDatabase, restoreDatabase } from './backup';

/**
 * Backup and restore round trips: every tenant table comes back with the same rows, sessions and
 * idempotency records do not, and a restore never lands on a database that already holds a company.
 */

const dir = mkdtempSync(path.join(os.tmpdir(), 'closeloop-backup-'));
const EPHEMERAL = ['sessions', 'idempotency_keys'];

/** Two users, a team with both, audit rows and one row in every other tenant table. */
async function seedCompany(db: DatabaseHandle, name: string): Promise<string> {
  const tenantId = uuidv7();
  const adminId = uuidv7();
  const repId = uuidv7();
  const teamId = uuidv7();
  await withSystem(db, async (tx) => {
    await tx.insert(tenants).values({ tenantId, name, currency: 'CNY' });
    await tx.insert(users).values([
      { tenantId, id: adminId, email: `admin@${tenantId}.test`, name: '管理员 Admin', role: 'admin' },
      {
        tenantId,
        id: repId,
        email: `rep@${tenantId}.test`,
        name: 'O\'Brien "Quote"\nNewline',
        role: 'rep',
        passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$abc$def',
        lastLoginAt: new Date('2026-03-04T05:06:07.890Z'),
      },
    ]);
    await tx.insert(teams).values({ tenantId, id: teamId, name: '华东 East', region: '华东' });
    await tx.insert(teamMembers).values([
      { tenantId, teamId, userId: adminId, isLead: true },
      { tenantId, teamId, userId: repId },
    ]);
    const actor = systemActor(tenantId);
    await writeAudit(tx, actor, { entity: 'tenant', entityId: tenantId, action: 'create' });
    await writeAudit(tx, actor, {
      entity: 'team',
      entityId: teamId,
      action: 'members_change',
      changes: {
        members: { from: [], to: [{ userId: repId, isLead: false, note: { nested: [1, 2.5, null] } }] },
      },
    });
    // Microseconds survive only if timestamps never pass through a JavaScript Date.
    await tx.execute(
      sql`INSERT INTO audit_log (tenant_id, id, at, actor_kind, entity, action)
          VALUES (${tenantId}, ${uuidv7()}, '2026-01-02T03:04:05.123456Z', 'system', 'user', 'login')`,
    );
    await tx.insert(apiTokens).values({
      tenantId,
      id: uuidv7(),
      userId: adminId,
      name: 'CI',
      secretHash: 'h',
      scopes: ['read', 'write'],
    });
    await tx.insert(authLinks).values({
      tenantId,
      id: uuidv7(),
      userId: repId,
      kind: 'invite',
      secretHash: 'h2',
      expiresAt: new Date('2030-01-01T00:00:00Z'),
    });
    await tx
      .insert(outboxMails)
      .values({ tenantId, id: uuidv7(), to: 'x@y.test', subject: 'Hi', text: 'Body' });
    await tx.insert(files).values({
      tenantId,
      id: uuidv7(),
      name: '合同.pdf',
      contentType: 'application/pdf',
      size: 2 ** 40,
      sha256: 'a'.repeat(64),
      storageKey: `${tenantId}/f`,
    });
    await tx.execute(
      sql`INSERT INTO sessions (tenant_id, id, user_id, secret_hash, csrf_token, expires_at)
          VALUES (${tenantId}, ${uuidv7()}, ${adminId}, 's', 'c', now() + interval '1 day')`,
    );
    await tx.insert(idempotencyKeys).values({
      tenantId,
      principalId: adminId,
      key: 'k1',
      method: 'POST',
      path: '/api/v1/teams',
      requestHash: 'r',
    });
  });
  return tenantId;
}

async function tenantTables(db: DatabaseHandle): Promise<string[]> {
  const { rows } = await db.raw.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.columns
      WHERE table_schema = 'public' AND column_name = 'tenant_id' ORDER BY table_name`,
  );
  return rows.map((r) => r.table_name);
}

/** `table/tenant` → row count, for every tenant table. */
async function countsByTenant(db: DatabaseHandle): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of await tenantTables(db)) {
    const { rows } = await db.raw.query<{ tenant: string; n: number }>(
      `SELECT tenant_id::text AS tenant, count(*)::int AS n FROM public."${table}" GROUP BY 1`,
    );
    for (const r of rows) out[`${table}/${r.tenant}`] = r.n;
  }
  return out;
}

/** Every row of every kept tenant table as JSON (UTC), less the transaction id a restore cannot keep. */
async function contents(db: DatabaseHandle, tenantId?: string): Promise<Record<string, string[]>> {
  const tables = (await tenantTables(db)).filter((t) => !EPHEMERAL.includes(t));
  return db.transaction([`SET LOCAL TimeZone = 'UTC'`], async (tx) => {
    const out: Record<string, string[]> = {};
    for (const table of tables) {
      const rows = await queryRows<{ row: string }>(
        tx,
        sql`SELECT (to_jsonb(t) - 'tx_id')::text AS row FROM ${sql.identifier(table)} t
             ${tenantId ? sql`WHERE tenant_id = ${tenantId}` : sql``} ORDER BY 1`,
      );
      out[table] = rows.map((r) => r.row);
    }
    return out;
  });
}

function expectSameTenantData(source: Record<string, number>, target: Record<string, number>, only?: string) {
  const expected = Object.fromEntries(
    Object.entries(source).filter(
      ([key]) => !EPHEMERAL.includes(key.split('/')[0] ?? '') && (!only || key.endsWith(`/${only}`)),
    ),
  );
  expect(target).toEqual(expected);
}

type Line = { format?: string; tenants?: string[]; table?: string; columns?: string[]; r?: unknown[] };

function readBackup(file: string): Line[] {
  return gunzipSync(readFileSync(file))
    .toString('utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Line);
}

describe('backup and restore', () => {
  let source: DatabaseHandle;
  let tenantA: string;
  let tenantB: string;
  const full = path.join(dir, 'full.ndjson.gz');

  beforeAll(async () => {
    source = await freshDatabase();
    // Puts the source's transaction ids well ahead of a fresh target's, as a long-lived database's would be.
    for (let i = 0; i < 300; i++) {
      await withSystem(source, (tx) => tx.execute(sql`SELECT pg_current_xact_id()`));
    }
    tenantA = await seedCompany(source, 'Alpha 阿尔法');
    tenantB = await seedCompany(source, 'Bravo');
    await backupDatabase(source, full);
  });
  afterAll(() => source.close());

  it('restores every tenant table with the same rows per tenant, without sessions or idempotency records', async () => {
    const target = await freshDatabase();
    try {
      const summary = await restoreDatabase(target, full);
      expect(summary.tenants.sort()).toEqual([tenantA, tenantB].sort());
      const before = await countsByTenant(source);
      expect(before[`sessions/${tenantA}`]).toBe(1);
      expect(before[`idempotency_keys/${tenantA}`]).toBe(1);
      expectSameTenantData(before, await countsByTenant(target));
      expect(await contents(target)).toEqual(await contents(source));
    } finally {
      await target.close();
    }
  });

  it('writes the header, then tables parents first with one line per row', async () => {
    const lines = readBackup(full);
    expect(lines[0]).toMatchObject({
      format: 'closeloop-backup',
      version: 1,
      migrations: expect.any(Number),
    });
    expect(lines[0]?.tenants?.sort()).toEqual([tenantA, tenantB].sort());
    const tables = lines.filter((l) => l.table).map((l) => l.table);
    expect(tables[0]).toBe('tenants');
    expect(tables.indexOf('users')).toBeLessThan(tables.indexOf('team_members'));
    expect(tables.indexOf('teams')).toBeLessThan(tables.indexOf('team_members'));
    expect(tables).toContain('audit_log');
    expect(tables).not.toContain('sessions');
    expect(tables).not.toContain('idempotency_keys');
    expect(tables).not.toContain('login_throttle');
    expect(tables).not.toContain('event_cursors');
  });

  it('makes restored audit rows deliverable to event subscribers in the new database', async () => {
    const target = await freshDatabase();
    try {
      await restoreDatabase(target, full);
      // Past every transaction still open: on a PostgreSQL server shared with other test files their open
      // transactions hold the (server-wide) snapshot xmin back too, so that may take a moment.
      const pending = async () =>
        (
          await target.raw.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM audit_log WHERE tx_id >= pg_snapshot_xmin(pg_current_snapshot())`,
          )
        ).rows[0]?.n;
      await waitFor(
        async () => ((await pending()) === 0 ? true : undefined),
        'restored audit rows deliverable',
      );
      expect(await pending()).toBe(0);
    } finally {
      await target.close();
    }
  });

  it('refuses to restore into a database that already holds a company, and changes nothing', async () => {
    const before = await countsByTenant(source);
    await expect(restoreDatabase(source, full)).rejects.toThrow(BackupError);
    await expect(restoreDatabase(source, full)).rejects.toThrow(/already holds a company/);
    expect(await countsByTenant(source)).toEqual(before);
  });

  it('backs up a single tenant with --tenant, and only that tenant comes back', async () => {
    const file = path.join(dir, 'one.ndjson.gz');
    const summary = await backupDatabase(source, file, { tenantId: tenantB });
    expect(summary.tenants).toEqual([tenantB]);
    const lines = readBackup(file);
    expect(lines[0]?.tenants).toEqual([tenantB]);
    let tenantColumn = -1;
    let rows = 0;
    for (const line of lines.slice(1)) {
      if (line.columns) tenantColumn = line.columns.indexOf('tenant_id');
      else if (line.r) {
        rows++;
        expect(line.r[tenantColumn]).toBe(tenantB);
      }
    }
    expect(rows).toBeGreaterThan(10);

    const target = await freshDatabase();
    try {
      await restoreDatabase(target, file);
      expectSameTenantData(await countsByTenant(source), await countsByTenant(target), tenantB);
      expect(await contents(target)).toEqual(await contents(source, tenantB));
    } finally {
      await target.close();
    }
  });

  it('refuses a backup taken at another migration count', async () => {
    const file = path.join(dir, 'future.ndjson.gz');
    const header = { format: 'closeloop-backup', version: 1, createdAt: '', migrations: 999, tenants: [] };
    writeFileSync(file, gzipSync(`${JSON.stringify(header)}\n`));
    const target = await freshDatabase();
    try {
      await expect(restoreDatabase(target, file)).rejects.toThrow(/migration 999/);
    } finally {
      await target.close();
    }
  });

  it('restores nothing from a truncated file', async () => {
    const file = path.join(dir, 'truncated.ndjson.gz');
    const bytes = readFileSync(full);
    writeFileSync(file, bytes.subarray(0, Math.floor(bytes.length * 0.8)));
    const target = await freshDatabase();
    try {
      await expect(restoreDatabase(target, file)).rejects.toThrow(BackupError);
      expect(await countsByTenant(target)).toEqual({});
    } finally {
      await target.close();
    }
  });
});

// Both engines in one run: only the pglite project does this, against the server in DATABASE_URL.
describe.skipIf(!process.env.DATABASE_URL || process.env.TEST_DB === 'postgres')(
  'PGlite ⇄ PostgreSQL',
  () => {
    const url = process.env.DATABASE_URL ?? '';
    const name = `closeloop_bk_${Math.random().toString(36).slice(2, 10)}`;
    const opened: DatabaseHandle[] = [];

    afterAll(async () => {
      for (const handle of opened) await handle.close();
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    });

    it('round-trips from PGlite to PostgreSQL and back to PGlite', async () => {
      const lite = await freshDatabase();
      opened.push(lite);
      await seedCompany(lite, 'Lite One');
      await seedCompany(lite, 'Lite Two');
      const toPg = path.join(dir, 'lite-to-pg.ndjson.gz');
      await backupDatabase(lite, toPg);

      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name}`);
      await admin.end();
      const postgres = await openDatabase({ databaseUrl: withDatabase(url, name) });
      opened.push(postgres);
      await migrateDatabase(postgres);
      await restoreDatabase(postgres, toPg);
      expectSameTenantData(await countsByTenant(lite), await countsByTenant(postgres));
      expect(await contents(postgres)).toEqual(await contents(lite));

      const toLite = path.join(dir, 'pg-to-lite.ndjson.gz');
      await backupDatabase(postgres, toLite);
      const back = await freshDatabase();
      opened.push(back);
      await restoreDatabase(back, toLite);
      expect(await countsByTenant(back)).toEqual(await countsByTenant(postgres));
      expect(await contents(back)).toEqual(await contents(lite));
    });
  },
);
