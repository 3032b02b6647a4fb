import v8 from 'node:v8';
import vm from 'node:vm';
import type { LeadImport } from '@contracts/lead-import.contract';
import { describe, expect, it } from 'vitest';
import { as, multipartFile, newTenant, useTestApp, waitFor } from '../../../../test/helper';
import { csvText } from './test-files';

/**
 * The import streams: memory while a 100,000-row file imports stays far below what holding the file (or
 * its rows) would take. Measured as the live JavaScript heap (after a collection), sampled through the run:
 * the process's RSS also holds the embedded database (PGlite's WebAssembly memory grows with the data it
 * stores), which says nothing about the importer, and the heap before a collection holds garbage of any
 * size V8 lets pile up. bench/lead-import.ts measures the RSS of a whole server on PostgreSQL.
 */

v8.setFlagsFromString('--expose-gc');
const collect = vm.runInNewContext('gc') as () => void;

const t = await useTestApp();
const ROWS = 100_000;

function bigFile(): string {
  const rows: string[][] = [['公司名称', '联系人', '手机', '邮箱', '备注']];
  for (let i = 1; i <= ROWS; i++) {
    rows.push([
      `测试公司${i}有限公司`,
      `联系人${i}`,
      `13${String(100_000_000 + i)}`,
      `lead${i}@example.cn`,
      // Long notes make the file large next to what one batch holds.
      `第${i}行备注：${'展会上交换名片，对方有意了解私有化部署方案。'.repeat(12)}`,
    ]);
  }
  return csvText(rows);
}

describe('a large import', () => {
  it('imports 100,000 rows with heap growth far below the size of the file', async () => {
    const admin = await newTenant(t);
    const content = Buffer.from(bigFile());
    const file = multipartFile('big.csv', content);
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

    collect();
    const base = process.memoryUsage().heapUsed;
    let peak = base;
    const sampler = setInterval(() => {
      collect();
      peak = Math.max(peak, process.memoryUsage().heapUsed);
    }, 250);
    try {
      const start = await as(
        t,
        admin,
      )({
        method: 'POST',
        url: `/api/v1/leads/import/${imp.id}/start`,
        payload: { mapping },
      });
      expect(start.statusCode, start.body).toBe(202);
      const done = await waitFor(
        async () => {
          const now = (
            await as(t, admin)({ method: 'GET', url: `/api/v1/leads/import/${imp.id}` })
          ).json<LeadImport>();
          return now.status === 'done' || now.status === 'failed' ? now : undefined;
        },
        'the import',
        600_000,
      );
      expect(done).toMatchObject({ status: 'done', processedRows: ROWS, imported: ROWS, skipped: 0 });
      expect(done.bytesRead).toBe(content.length);
    } finally {
      clearInterval(sampler);
    }
    // Holding the text alone would take about twice its UTF-8 size (JavaScript strings are UTF-16), its
    // rows as arrays of strings several times that; two batches in flight take a few megabytes.
    expect(peak - base).toBeLessThan(content.length / 8);
  }, 900_000);
});
