import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FileStore, FileTooLargeError, s3FileStore } from './files';

/** The S3 store against a real local S3-compatible server (s3rver), not a mock. */

let server: S3rver;
let store: FileStore;

beforeAll(async () => {
  server = new S3rver({
    port: 0,
    address: '127.0.0.1',
    silent: true,
    directory: mkdtempSync(path.join(os.tmpdir(), 'closeloop-s3-')),
    configureBuckets: [{ name: 'closeloop', configs: [] }],
  });
  const { port } = (await server.run()) as { port: number };
  store = s3FileStore({
    endpoint: `http://127.0.0.1:${port}`,
    bucket: 'closeloop',
    region: 'us-east-1',
    accessKeyId: 'S3RVER',
    secretAccessKey: 'S3RVER',
  });
});
afterAll(() => server.close());

describe('S3 attachment store', () => {
  it('stores, reads back and removes an object', async () => {
    const tenant = '0190f5b4-0000-7000-8000-000000000001';
    const blob = await store.put(
      tenant,
      '0190f5b4-0000-7000-8000-000000000002',
      Readable.from([Buffer.from('合同 v1')]),
    );
    expect(blob.size).toBe(Buffer.byteLength('合同 v1'));
    expect(blob.storageKey).toBe(`${tenant}/0190f5b4-0000-7000-8000-000000000002`);
    expect(await text(await store.open(blob.storageKey))).toBe('合同 v1');
    // A seeking reader gets a local copy, gone once released.
    const local = await store.local(blob.storageKey);
    expect(readFileSync(local.path, 'utf8')).toBe('合同 v1');
    await local.release();
    expect(existsSync(local.path)).toBe(false);
    await store.remove(blob.storageKey);
    await expect(store.open(blob.storageKey)).rejects.toThrow(/404/);
  });

  it('refuses a truncated upload and stores nothing', async () => {
    const body = Readable.from([Buffer.from('partial')]) as Readable & { truncated?: boolean };
    body.truncated = true;
    const key = '0190f5b4-0000-7000-8000-000000000001/0190f5b4-0000-7000-8000-000000000003';
    await expect(
      store.put('0190f5b4-0000-7000-8000-000000000001', '0190f5b4-0000-7000-8000-000000000003', body),
    ).rejects.toBeInstanceOf(FileTooLargeError);
    await expect(store.open(key)).rejects.toThrow(/404/);
  });
});
