import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LeadImport } from '@contracts/lead-import.contract';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import {
  as,
  freshDatabase,
  movableClock,
  multipartFile,
  newTenant,
  type Session,
  type TestApp,
} from '../../../../test/helper';
import { loadConfig } from '../../../platform/config';
import { tryLease } from '../../../platform/db/lease';
import { withTenant } from '../../../platform/db/tenancy';
import { normalizeEmail, normalizePhone } from '../../../platform/text/normalize';
import { startServer } from '../../../server';
import { leadImportIssues, leadImports, leads } from '../leads.tables';
import { importLease, resumeStaleImports, runImport } from './import-job';
import { csvText } from './test-files';

/**
 * Crash safety of the import job. The server runs as role `web` (no worker), so each test runs the job
 * itself: interrupted between batches or inside one, twice at once, after a cancel, on a broken file.
 */

const clock = movableClock(new Date('2025-06-02T08:00:00Z'));
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'closeloop-test-'));
const db = await freshDatabase();
const running = await startServer({
  config: loadConfig({ LOG_LEVEL: 'silent', DATA_DIR: dataDir }),
  database: db,
  role: 'web',
  clock,
});
if (!running.app) throw new Error('no app');
await running.app.ready();
const t: TestApp = {
  app: running.app,
  platform: running.platform,
  db,
  dataDir,
  close: async () => {
    await running.stop();
    await db.close();
  },
};
afterAll(() => t.close());

const HEADERS = ['公司名称', '联系人', '手机', '邮箱'];

/**
 * 300 rows: every 17th has a bad email, every 29th no company or contact, every 11th repeats the email of
 * a row 60 rows earlier (another batch), every 13th the phone of the row before it (the same batch).
 */
function generatedRows(): string[][] {
  const rows: string[][] = [];
  for (let i = 1; i <= 300; i++) {
    let email = `lead${i}@example.cn`;
    let phone = `139${String(10_000_000 + i).padStart(8, '0')}`;
    if (i % 11 === 0 && i > 60) email = `lead${i - 60}@example.cn`;
    if (i % 13 === 0) phone = rows[i - 2]?.[2] ?? phone;
    if (i % 17 === 0) email = `lead${i}-at-example.cn`;
    const company = i % 29 === 0 ? '' : `公司${i}`;
    const contact = i % 29 === 0 ? '' : `联系人${i}`;
    rows.push([company, contact, phone, email]);
  }
  return rows;
}

/** What the import must end with, worked out here independently of the importer. */
function expectedEmails(rows: string[][]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const [company, contact, phone, email] of rows) {
    const e = normalizeEmail(email);
    const p = normalizePhone(phone);
    if (!company && !contact) continue;
    if (!e) continue;
    if (seen.has(`e:${e}`) || (p && seen.has(`p:${p}`))) continue;
    seen.add(`e:${e}`);
    if (p) seen.add(`p:${p}`);
    out.push(e);
  }
  return out.sort();
}

const checksum = (emails: readonly string[]) => createHash('sha256').update(emails.join('\n')).digest('hex');

async function startedImport(admin: Session, content: string): Promise<LeadImport> {
  const file = multipartFile('leads.csv', content);
  const up = await as(
    t,
    admin,
  )({
    method: 'POST',
    url: '/api/v1/leads/import',
    payload: file.payload,
    headers: file.headers,
  });
  expect(up.statusCode, up.body).toBe(201);
  const imp = up.json<LeadImport>();
  const mapping = Object.fromEntries(Object.entries(imp.suggestedMapping).map(([i, s]) => [i, s.field]));
  const res = await as(
    t,
    admin,
  )({
    method: 'POST',
    url: `/api/v1/leads/import/${imp.id}/start`,
    payload: { mapping },
  });
  expect(res.statusCode, res.body).toBe(202);
  return imp;
}

async function state(tenantId: string, importId: string) {
  return withTenant(t.db, tenantId, async (tx) => {
    const [row] = await tx
      .select()
      .from(leadImports)
      .where(and(eq(leadImports.tenantId, tenantId), eq(leadImports.id, importId)));
    const emails = await tx
      .select({ email: leads.emailNorm })
      .from(leads)
      .where(and(eq(leads.tenantId, tenantId), eq(leads.importId, importId)));
    const [issues] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(leadImportIssues)
      .where(and(eq(leadImportIssues.tenantId, tenantId), eq(leadImportIssues.importId, importId)));
    return {
      row,
      emails: emails.map((e) => e.email ?? '').sort(),
      issues: issues?.n ?? 0,
    };
  });
}

describe('an import interrupted and resumed', () => {
  const rows = generatedRows();
  const content = csvText([HEADERS, ...rows]);
  const expected = expectedEmails(rows);

  it('a run that dies inside its third batch loses that batch only; the next run ends with each valid row once', async () => {
    const admin = await newTenant(t);
    const tenantId = admin.me.tenant.id;
    const imp = await startedImport(admin, content);
    await expect(
      runImport(t.platform, tenantId, imp.id, {
        batchRows: 50,
        beforeCommit: (batch) => {
          if (batch === 3) throw new Error('killed');
        },
      }),
    ).rejects.toThrow('killed');
    const midway = await state(tenantId, imp.id);
    expect(midway.row).toMatchObject({ status: 'running', processedRows: 100, error: 'killed' });
    expect(midway.emails.length).toBe(midway.row?.imported);
    expect((midway.row?.imported ?? 0) + (midway.row?.skipped ?? 0)).toBe(100);

    // Resumed with another batch size: the watermark, not batch boundaries, decides what is left.
    await runImport(t.platform, tenantId, imp.id, { batchRows: 70 });
    const end = await state(tenantId, imp.id);
    expect(end.row).toMatchObject({ status: 'done', processedRows: 300, totalRows: 300, error: null });
    expect(end.emails.length).toBe(expected.length);
    expect(new Set(end.emails).size).toBe(end.emails.length);
    expect(checksum(end.emails)).toBe(checksum(expected));
    expect(end.row?.imported).toBe(expected.length);
    expect(end.row?.skipped).toBe(300 - expected.length);
    expect(end.issues).toBe(300 - expected.length);
  });

  it('two runs of the same import at once write every row once', async () => {
    const admin = await newTenant(t);
    const tenantId = admin.me.tenant.id;
    const imp = await startedImport(admin, content);
    await Promise.all([
      runImport(t.platform, tenantId, imp.id, { batchRows: 40 }),
      runImport(t.platform, tenantId, imp.id, { batchRows: 40 }),
    ]);
    const end = await state(tenantId, imp.id);
    expect(end.row).toMatchObject({
      status: 'done',
      processedRows: 300,
      imported: expected.length,
      skipped: 300 - expected.length,
    });
    expect(checksum(end.emails)).toBe(checksum(expected));
    expect(end.issues).toBe(300 - expected.length);
  });

  it('a run after a cancel imports nothing more', async () => {
    const admin = await newTenant(t);
    const tenantId = admin.me.tenant.id;
    const imp = await startedImport(admin, content);
    await expect(
      runImport(t.platform, tenantId, imp.id, {
        batchRows: 50,
        beforeCommit: (batch) => {
          if (batch === 2) throw new Error('killed');
        },
      }),
    ).rejects.toThrow('killed');
    const cancel = await as(t, admin)({ method: 'POST', url: `/api/v1/leads/import/${imp.id}/cancel` });
    expect(cancel.json<LeadImport>()).toMatchObject({ status: 'cancelled', processedRows: 50 });
    await runImport(t.platform, tenantId, imp.id, { batchRows: 50 });
    const end = await state(tenantId, imp.id);
    expect(end.row).toMatchObject({ status: 'cancelled', processedRows: 50 });
    expect(end.emails.length).toBe(end.row?.imported);
  });

  it('an import whose run was lost is queued again at once, and again only if that job is lost too', async () => {
    const admin = await newTenant(t);
    const tenantId = admin.me.tenant.id;
    const imp = await startedImport(admin, content);
    await expect(
      runImport(t.platform, tenantId, imp.id, {
        batchRows: 100,
        beforeCommit: (batch) => {
          if (batch === 2) throw new Error('killed');
        },
      }),
    ).rejects.toThrow('killed');
    // Nobody holds the run's lease any more (here its run ended; a killed process drops it the same way).
    expect(await resumeStaleImports(t.platform)).toBe(1);
    expect((await state(tenantId, imp.id)).row?.status).toBe('mapped');
    // Queued once: later sweeps leave it to the queued job…
    expect(await resumeStaleImports(t.platform)).toBe(0);
    clock.advance(90_000);
    expect(await resumeStaleImports(t.platform)).toBe(0);
    // …unless it has waited two minutes without starting (the job was lost).
    clock.advance(60_000);
    expect(await resumeStaleImports(t.platform)).toBe(1);
    const queued = await t.db.raw.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'leads.import' AND data->>'importId' = $1`,
      [imp.id],
    );
    expect(queued.rows[0]?.n).toBeGreaterThanOrEqual(1);
    await runImport(t.platform, tenantId, imp.id);
    expect((await state(tenantId, imp.id)).row?.status).toBe('done');
  });

  it('a file broken half-way keeps the rows before the break and fails naming the row', async () => {
    const admin = await newTenant(t);
    const tenantId = admin.me.tenant.id;
    const broken = `${csvText([HEADERS, ...rows.slice(0, 120)])}公司X,"联系人X,13900000000,x@example.cn\r\n`;
    const imp = await startedImport(admin, broken);
    await runImport(t.platform, tenantId, imp.id, { batchRows: 50 });
    const end = await state(tenantId, imp.id);
    expect(end.row).toMatchObject({ status: 'failed', processedRows: 120 });
    expect(end.row?.error).toMatch(/^row 121: /);
    expect(end.emails).toEqual(expectedEmails(rows.slice(0, 120)));
  });

  it('a running import is not queued again while a live run holds its lease', async () => {
    const admin = await newTenant(t);
    const tenantId = admin.me.tenant.id;
    const imp = await startedImport(admin, content);
    await expect(
      runImport(t.platform, tenantId, imp.id, {
        batchRows: 100,
        beforeCommit: (batch) => {
          if (batch === 2) throw new Error('killed');
        },
      }),
    ).rejects.toThrow('killed');
    // A run elsewhere holds the lease (on PostgreSQL another connection, as another process would).
    const lease = await tryLease(t.db, importLease(imp.id));
    expect(lease).not.toBeNull();
    expect(await tryLease(t.db, importLease(imp.id))).toBeNull();
    expect(await resumeStaleImports(t.platform)).toBe(0);
    // A job for it while the lease is held does nothing.
    await runImport(t.platform, tenantId, imp.id);
    expect((await state(tenantId, imp.id)).row).toMatchObject({ status: 'running', processedRows: 100 });
    await lease?.release();
    expect(await resumeStaleImports(t.platform)).toBe(1);
    await runImport(t.platform, tenantId, imp.id);
    expect((await state(tenantId, imp.id)).row?.status).toBe('done');
  });

  it('an import that moves on between crashes is never given up, however many runs it takes', async () => {
    const admin = await newTenant(t);
    const tenantId = admin.me.tenant.id;
    const imp = await startedImport(admin, content);
    // Twelve runs (more than the ten a stuck import gets), each killed after committing one batch of twenty rows.
    for (let run = 0; run < 12; run += 1) {
      await expect(
        runImport(t.platform, tenantId, imp.id, {
          batchRows: 20,
          beforeCommit: (batch) => {
            if (batch === 2) throw new Error('killed');
          },
        }),
      ).rejects.toThrow('killed');
    }
    expect((await state(tenantId, imp.id)).row).toMatchObject({ status: 'running', processedRows: 240 });
    await runImport(t.platform, tenantId, imp.id, { batchRows: 20 });
    const end = await state(tenantId, imp.id);
    expect(end.row).toMatchObject({ status: 'done', processedRows: 300 });
    expect(checksum(end.emails)).toBe(checksum(expected));
  });

  it('an import that keeps failing is given up after ten runs', async () => {
    const admin = await newTenant(t);
    const tenantId = admin.me.tenant.id;
    const imp = await startedImport(admin, content);
    await withTenant(t.db, tenantId, (tx) =>
      tx
        .update(leadImports)
        .set({ attempts: 10, error: 'database went away' })
        .where(and(eq(leadImports.tenantId, tenantId), eq(leadImports.id, imp.id))),
    );
    await runImport(t.platform, tenantId, imp.id);
    const end = await state(tenantId, imp.id);
    expect(end.row).toMatchObject({ status: 'failed', processedRows: 0, error: 'database went away' });
  });
});
