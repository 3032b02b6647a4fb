import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RecordImport } from '@contracts/record-import.contract';
import { and, eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import {
  as,
  freshDatabase,
  movableClock,
  multipartFile,
  newTenant,
  type TestApp,
} from '../../../../test/helper';
import { loadConfig } from '../../../platform/config';
import { withTenant } from '../../../platform/db/tenancy';
import { startServer } from '../../../server';
import { resumeStaleObjectImports, runObjectImport } from '../../leads';
import { leadImports } from '../../leads/leads.tables';
import { customers } from '../customers.tables';
import { customerImportSpec } from './customer-import';
import { csvText } from './record-test-files';

/**
 * Crash safety of the customer import, on the lead import's engine. The server runs as role `web` (no
 * worker), so each test runs the job itself, interrupted inside a batch, and resumes it.
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

/** 120 customers; every 7th repeats the phone of the customer 30 rows earlier (another batch). */
function rows(): string[][] {
  const out: string[][] = [];
  for (let i = 1; i <= 120; i++) {
    const phone =
      i % 7 === 0 && i > 30 ? `139${String(10_000_000 + i - 30)}` : `139${String(10_000_000 + i)}`;
    out.push([`客户${i}`, phone]);
  }
  return out;
}
const duplicates = rows().filter((_, i) => (i + 1) % 7 === 0 && i + 1 > 30).length;

describe('a customer import interrupted and resumed', () => {
  it('loses only the batch that died, and the next run ends with each customer once', async () => {
    const admin = await newTenant(t);
    const tenantId = admin.me.tenant.id;
    const file = multipartFile('customers.csv', csvText([['客户名称', '电话'], ...rows()]));
    const call = as(t, admin);
    const up = await call({ method: 'POST', url: '/api/v1/customers/import', ...file });
    expect(up.statusCode, up.body).toBe(201);
    const imp = up.json<RecordImport>();
    const start = await call({
      method: 'POST',
      url: `/api/v1/customers/import/${imp.id}/start`,
      payload: { mapping: { '0': 'name', '1': 'phone' } },
    });
    expect(start.statusCode, start.body).toBe(202);

    await expect(
      runObjectImport(t.platform, customerImportSpec, tenantId, imp.id, {
        batchRows: 25,
        beforeCommit: (batch) => {
          if (batch === 3) throw new Error('killed');
        },
      }),
    ).rejects.toThrow('killed');
    const names = () =>
      withTenant(t.db, tenantId, async (tx) =>
        (
          await tx.select({ name: customers.name }).from(customers).where(eq(customers.tenantId, tenantId))
        ).map((r) => r.name),
      );
    const state = () =>
      withTenant(t.db, tenantId, async (tx) => {
        const [row] = await tx
          .select()
          .from(leadImports)
          .where(and(eq(leadImports.tenantId, tenantId), eq(leadImports.id, imp.id)));
        return row;
      });
    // Rows 35, 42 and 49 repeat an earlier phone.
    expect(await state()).toMatchObject({ status: 'running', processedRows: 50, imported: 47, skipped: 3 });
    expect(await names()).toHaveLength(47);

    // The sweep finds the run lost (nobody holds its lease) and queues it again.
    expect(await resumeStaleObjectImports(t.platform, customerImportSpec)).toBe(1);
    expect(await state()).toMatchObject({ status: 'mapped' });
    await runObjectImport(t.platform, customerImportSpec, tenantId, imp.id, { batchRows: 40 });
    const end = await state();
    expect(end).toMatchObject({
      status: 'done',
      processedRows: 120,
      imported: 120 - duplicates,
      skipped: duplicates,
      error: null,
    });
    const stored = await names();
    expect(stored).toHaveLength(120 - duplicates);
    expect(new Set(stored).size).toBe(stored.length);
  });
});
