import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import type { LeadImport } from '@contracts/lead-import.contract';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { as, multipartFile, newTenant, useTestApp, waitFor } from '../../../../test/helper';

/**
 * An XLSX import streams too: a workbook of unique texts is mostly shared strings, which the reader keeps
 * in a temporary file rather than in memory. Measured as in import-memory.test.ts (live heap after a
 * collection, sampled through the run); the offsets index (8 bytes a string) and the block cache live
 * outside the heap and are bounded by the reader's constants and the string count.
 */

v8.setFlagsFromString('--expose-gc');
const collect = vm.runInNewContext('gc') as () => void;

const t = await useTestApp();
const ROWS = 15_000;
const NOTE = '展会上交换名片，对方有意了解私有化部署方案，下周安排演示并报价。';

/** Chinese text that deflate cannot fold away, so the workbook stays an ordinary one (no zip bomb). */
function noise(seed: number, length: number): string {
  let x = seed;
  return Array.from({ length }, () => {
    x = (x * 1_103_515_245 + 12_345) % 2 ** 31;
    return String.fromCharCode(0x4e00 + (x % 5000));
  }).join('');
}

/**
 * A workbook as Excel stores it (shared strings after the sheet), every text in it different. The long
 * record column is left unmapped: the reader resolves it all the same, while the database work (and the
 * test's run time) stays small.
 */
async function bigWorkbook(): Promise<{ content: Buffer; stringBytes: number }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'closeloop-xlsx-mem-'));
  const file = path.join(dir, 'big.xlsx');
  let chars = 0;
  try {
    const book = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
    const sheet = book.addWorksheet('Leads');
    sheet.addRow(['公司名称', '联系人', '手机', '邮箱', '原始记录']).commit();
    for (let i = 1; i <= ROWS; i++) {
      const row = [
        `测试公司${i}有限公司`,
        `联系人${i}`,
        `lead${i}@example.cn`,
        `第${i}行：${noise(i, 400)}${NOTE.repeat(94)}${i}`,
      ];
      for (const text of row) chars += text.length;
      sheet.addRow([row[0], row[1], 13_100_000_000 + i, row[2], row[3]]).commit();
    }
    sheet.commit();
    await book.commit();
    // What holding the shared strings would take: JavaScript strings are UTF-16.
    return { content: readFileSync(file), stringBytes: chars * 2 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('a large XLSX import', () => {
  it('imports 15,000 rows of unique texts with heap growth far below their shared strings', async () => {
    const admin = await newTenant(t);
    const { content, stringBytes } = await bigWorkbook();
    const file = multipartFile('big.xlsx', content);
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
    expect(imp.preview[0]?.[4]).toMatch(/^第1行：/);
    const mapping = { 0: 'companyName', 1: 'contactName', 2: 'phone', 3: 'email' };

    collect();
    const base = process.memoryUsage().heapUsed;
    let peak = base;
    const sampler = setInterval(() => {
      collect();
      peak = Math.max(peak, process.memoryUsage().heapUsed);
    }, 1000);
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
        300_000,
      );
      expect(done).toMatchObject({ status: 'done', processedRows: ROWS, imported: ROWS, skipped: 0 });
      expect(done.bytesRead).toBe(content.length);
    } finally {
      clearInterval(sampler);
    }
    expect(stringBytes).toBeGreaterThan(90 * 1024 * 1024);
    // Holding the strings would take all of stringBytes (104 MB). The import's batches, and on PostgreSQL the
    // driver's buffers, take a fixed 8–15 MB whatever the file's size: a quarter leaves room for that, not the strings.
    expect(peak - base).toBeLessThan(stringBytes / 4);
  }, 300_000);
});
