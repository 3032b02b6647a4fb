import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { LeadImport } from '@contracts/lead-import.contract';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import {
  as,
  movableClock,
  multipartFile,
  newTenant,
  type Session,
  useTestApp,
  waitFor,
} from '../../../../test/helper';
import { files } from '../../../platform/db/platform.tables';
import { withTenant } from '../../../platform/db/tenancy';
import { leadImports } from '../leads.tables';
import { sweepImportUploads } from './import-cleanup';
import { csvText, xlsxParts, zipFile } from './test-files';

const clock = movableClock(new Date('2025-06-02T08:00:00Z'));
const t = await useTestApp({}, { clock });
const DAY = 86_400_000;

async function upload(s: Session, name: string, content: Buffer | string) {
  const file = multipartFile(name, content);
  return as(
    t,
    s,
  )({ method: 'POST', url: '/api/v1/leads/import', payload: file.payload, headers: file.headers });
}

async function uploaded(s: Session, name: string, content: Buffer | string): Promise<LeadImport> {
  const res = await upload(s, name, content);
  expect(res.statusCode, res.body).toBe(201);
  return res.json<LeadImport>();
}

async function runToEnd(s: Session, imp: LeadImport): Promise<LeadImport> {
  const call = as(t, s);
  const mapping = Object.fromEntries(Object.entries(imp.suggestedMapping).map(([i, m]) => [i, m.field]));
  const res = await call({
    method: 'POST',
    url: `/api/v1/leads/import/${imp.id}/start`,
    payload: { mapping },
  });
  expect(res.statusCode, res.body).toBe(202);
  return waitFor(async () => {
    const now = (await call({ method: 'GET', url: `/api/v1/leads/import/${imp.id}` })).json<LeadImport>();
    return ['done', 'failed'].includes(now.status) ? now : undefined;
  }, 'the import job');
}

/** Resolves once the import's file is gone: it is removed right after the ending commit. */
async function removed(s: Session, importId: string): Promise<void> {
  await waitFor(async () => ((await stored(s, importId)) ? undefined : true), 'the file removal');
}

/** Whether the import's uploaded bytes are still in the store. */
async function stored(s: Session, importId: string): Promise<boolean> {
  const tenantId = s.me.tenant.id;
  const [row] = await withTenant(t.db, tenantId, (tx) =>
    tx
      .select({ key: files.storageKey })
      .from(leadImports)
      .innerJoin(files, and(eq(files.tenantId, leadImports.tenantId), eq(files.id, leadImports.fileId)))
      .where(and(eq(leadImports.tenantId, tenantId), eq(leadImports.id, importId))),
  );
  if (!row) throw new Error('no such import');
  return existsSync(path.join(t.dataDir, 'files', row.key));
}

const leadsCsv = csvText([
  ['公司', '联系人', '邮箱'],
  ['杭州云帆科技有限公司', '赵敏', 'zhao@yunfan.cn'],
  ['', '', 'not-an-email'],
]);

/** Rows of one repeated cell: `mb` megabytes of sheet XML. */
function repeatedSheet(mb: number): string {
  const row = '<row><c t="inlineStr"><is><t>杭州云帆</t></is></c></row>';
  return `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row><c t="inlineStr"><is><t>公司</t></is></c></row>${row.repeat(Math.ceil((mb * 1024 * 1024) / row.length))}</sheetData></worksheet>`;
}

describe('uploaded import files', () => {
  it('are removed when the import finishes, and the skipped-rows report stays downloadable', async () => {
    const admin = await newTenant(t);
    const imp = await uploaded(admin, 'leads.csv', leadsCsv);
    expect(await stored(admin, imp.id)).toBe(true);
    const done = await runToEnd(admin, imp);
    expect(done).toMatchObject({
      status: 'done',
      imported: 1,
      skipped: 1,
      fileSize: Buffer.byteLength(leadsCsv),
    });
    await removed(admin, imp.id);
    const report = await as(t, admin)({ method: 'GET', url: `/api/v1/leads/import/${imp.id}/report.csv` });
    expect(report.statusCode, report.body).toBe(200);
    expect(report.body).toContain('not-an-email');
    // The file's record stays (name and size shown with the import); its bytes are no longer served.
    const [row] = await withTenant(t.db, admin.me.tenant.id, (tx) =>
      tx.select({ fileId: leadImports.fileId }).from(leadImports).where(eq(leadImports.id, imp.id)),
    );
    const content = await as(t, admin)({ method: 'GET', url: `/api/v1/files/${row?.fileId}/content` });
    expect(content.statusCode, content.body).toBe(404);
  });

  it('are removed when the import is cancelled', async () => {
    const admin = await newTenant(t);
    const imp = await uploaded(admin, 'leads.csv', leadsCsv);
    const res = await as(t, admin)({ method: 'POST', url: `/api/v1/leads/import/${imp.id}/cancel` });
    expect(res.statusCode, res.body).toBe(200);
    expect(await stored(admin, imp.id)).toBe(false);
  });

  it('are removed, with the import cancelled, once left unstarted for a week; younger ones stay', async () => {
    const admin = await newTenant(t);
    const old = await uploaded(admin, 'old.csv', leadsCsv);
    clock.advance(6 * DAY);
    const young = await uploaded(admin, 'young.csv', leadsCsv);
    clock.advance(DAY + 60_000);
    const swept = await sweepImportUploads(t.platform);
    expect(swept.abandoned).toBe(1);
    expect(await stored(admin, old.id)).toBe(false);
    expect(await stored(admin, young.id)).toBe(true);
    const get = (id: string) =>
      as(t, admin)({ method: 'GET', url: `/api/v1/leads/import/${id}` }).then((r) => r.json<LeadImport>());
    expect(await get(old.id)).toMatchObject({ status: 'cancelled' });
    expect(await get(young.id)).toMatchObject({ status: 'uploaded' });
    // Started later, it still has its file and runs.
    expect(await runToEnd(admin, young)).toMatchObject({ status: 'done', imported: 1 });
  });
});

describe('an XLSX zip bomb', () => {
  it('is refused at upload when its central directory shows it, leaving nothing stored', async () => {
    const admin = await newTenant(t);
    const bomb = zipFile(xlsxParts(repeatedSheet(64)));
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const res = await upload(admin, 'bomb.xlsx', bomb);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json<{ errors: { path: string; code: string; message: string }[] }>().errors).toEqual([
      expect.objectContaining({ path: 'file', code: 'import_zip_bomb' }),
    ]);
    const dir = path.join(t.dataDir, 'files', admin.me.tenant.id);
    expect(existsSync(dir) ? readdirSync(dir) : []).toEqual([]);
  });

  it('that hides behind sizes it lies about fails the import with the reason, and its file goes', async () => {
    const admin = await newTenant(t);
    // Stated as an ordinary 512 KB sheet, so the first rows preview; it inflates to 16 MB.
    const parts = xlsxParts(repeatedSheet(16)).map((p) =>
      p.name.endsWith('sheet1.xml') ? { ...p, statedSize: 512 * 1024 } : p,
    );
    const imp = await uploaded(admin, 'liar.xlsx', zipFile(parts));
    expect(imp.preview[0]).toEqual(['杭州云帆']);
    const ended = await runToEnd(admin, imp);
    expect(ended).toMatchObject({ status: 'failed', error: 'import_zip_bomb' });
    await removed(admin, imp.id);
  });
});
