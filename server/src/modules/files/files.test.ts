import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { FileInfo } from '@contracts/admin.contract';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { as, multipartFile, newTenant, useTestApp } from '../../../test/helper';
import { files } from '../../platform/db/platform.tables';
import { withTenant } from '../../platform/db/tenancy';

/** Attachments: multipart upload, download with a safe disposition, size limit, tenant isolation. */

const LIMIT = 2048;
const t = await useTestApp({ filesMaxBytes: LIMIT });
const admin = await newTenant(t);
const call = as(t, admin);

/** A 1×1 transparent PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

async function upload(filename: string, content: Buffer | string, contentType?: string) {
  return call({ method: 'POST', url: '/api/v1/files', ...multipartFile(filename, content, contentType) });
}

/** Every file under DATA_DIR/files, relative to it. */
function storedFiles(): string[] {
  const root = path.join(t.dataDir, 'files');
  try {
    return readdirSync(root, { recursive: true, withFileTypes: true })
      .filter((d) => d.isFile())
      .map((d) => path.relative(root, path.join(d.parentPath, d.name)));
  } catch {
    return [];
  }
}

describe('file upload and download', () => {
  it('stores an upload and reports its size and SHA-256', async () => {
    const content = 'Quarterly numbers\n';
    const res = await upload('numbers.txt', content, 'text/plain');
    expect(res.statusCode, res.body).toBe(201);
    const info = res.json<FileInfo>();
    expect(info).toMatchObject({
      name: 'numbers.txt',
      size: Buffer.byteLength(content),
      sha256: sha256(content),
    });
    const meta = await call({ method: 'GET', url: `/api/v1/files/${info.id}` });
    expect(meta.statusCode).toBe(200);
    expect(meta.json<FileInfo>()).toEqual(info);
    expect(storedFiles()).toContain(path.join(admin.me.tenant.id, info.id));
  });

  it('serves uploaded HTML as a download, never inline, whatever type the client claimed', async () => {
    const html = '<!doctype html><html><body><script>alert(document.cookie)</script></body></html>';
    const res = await upload('page.html', html, 'text/html');
    expect(res.statusCode).toBe(201);
    const { id } = res.json<FileInfo>();
    const download = await call({ method: 'GET', url: `/api/v1/files/${id}/content` });
    expect(download.statusCode).toBe(200);
    expect(download.body).toBe(html);
    expect(download.headers['content-disposition']).toMatch(/^attachment;/);
    expect(download.headers['content-type']).not.toMatch(/html/);
    expect(download.headers['x-content-type-options']).toBe('nosniff');
  });

  it('serves a PNG inline with its sniffed type', async () => {
    const res = await upload('pixel.png', PNG, 'image/png');
    expect(res.statusCode).toBe(201);
    const info = res.json<FileInfo>();
    expect(info).toMatchObject({ contentType: 'image/png', size: PNG.length, sha256: sha256(PNG) });
    const download = await call({ method: 'GET', url: `/api/v1/files/${info.id}/content` });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('image/png');
    expect(download.headers['content-disposition']).toMatch(/^inline;/);
    expect(download.rawPayload.equals(PNG)).toBe(true);
  });

  it('keeps a non-ASCII file name in the download header', async () => {
    const res = await upload('合同 v1.txt', 'contract');
    expect(res.statusCode).toBe(201);
    const info = res.json<FileInfo>();
    expect(info.name).toBe('合同 v1.txt');
    const download = await call({ method: 'GET', url: `/api/v1/files/${info.id}/content` });
    expect(download.headers['content-disposition']).toBe(
      `attachment; filename*=UTF-8''${encodeURIComponent('合同 v1.txt')}`,
    );
  });

  it('refuses a file over the size limit with 413 and keeps neither a row nor bytes', async () => {
    const rowsBefore = await withTenant(t.db, admin.me.tenant.id, (tx) => tx.select().from(files));
    const filesBefore = storedFiles();
    const res = await upload('big.bin', Buffer.alloc(LIMIT + 1000, 7));
    expect(res.statusCode).toBe(413);
    expect(res.json<{ code: string }>().code).toBe('payload_too_large');
    const rowsAfter = await withTenant(t.db, admin.me.tenant.id, (tx) => tx.select().from(files));
    expect(rowsAfter).toEqual(rowsBefore);
    expect(storedFiles()).toEqual(filesBefore);
  });

  it('accepts a file of exactly the limit', async () => {
    const res = await upload('exact.bin', Buffer.alloc(LIMIT, 1));
    expect(res.statusCode).toBe(201);
    expect(res.json<FileInfo>().size).toBe(LIMIT);
  });

  it('refuses a request that is not multipart with 415', async () => {
    const res = await call({ method: 'POST', url: '/api/v1/files', payload: { name: 'x' } });
    expect(res.statusCode).toBe(415);
    expect(res.json<{ code: string }>().code).toBe('unsupported_media_type');
  });

  it('requires a signed-in caller with the CSRF token to upload', async () => {
    const anonymous = await t.app.inject({
      method: 'POST',
      url: '/api/v1/files',
      ...multipartFile('a.txt', 'a'),
    });
    expect(anonymous.statusCode).toBe(401);
    const part = multipartFile('a.txt', 'a');
    const noCsrf = await t.app.inject({
      method: 'POST',
      url: '/api/v1/files',
      payload: part.payload,
      headers: { ...part.headers, cookie: admin.cookie },
    });
    expect(noCsrf.statusCode).toBe(403);
  });
});

describe('files across tenants', () => {
  it('hides a file from another tenant (404 for metadata and content)', async () => {
    const res = await upload('private.txt', 'only for tenant A');
    const { id } = res.json<FileInfo>();
    const other = await newTenant(t);
    for (const url of [`/api/v1/files/${id}`, `/api/v1/files/${id}/content`]) {
      const r = await as(t, other)({ method: 'GET', url });
      expect(r.statusCode, url).toBe(404);
      expect(r.body).not.toContain('only for tenant A');
    }
    const [row] = await withTenant(t.db, admin.me.tenant.id, (tx) =>
      tx.select().from(files).where(eq(files.id, id)),
    );
    expect(row?.tenantId).toBe(admin.me.tenant.id);
  });
});
