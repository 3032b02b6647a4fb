import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readFile, rename, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { AwsClient } from 'aws4fetch';
import { fileTypeFromFile } from 'file-type';
import type { S3Config } from '../config';

/**
 * Attachment bytes: on the local disk under DATA_DIR/files/<tenant>/<id>, or in an S3-compatible bucket.
 * An upload is first written to a temporary file (hashed, measured and type-sniffed on the way) and only then
 * moved into place, so a failed or oversized upload leaves nothing behind.
 */

export type StoredBlob = { storageKey: string; size: number; sha256: string; sniffedType: string | null };

/** A stored file as a path on this machine, for readers that seek (a zip's central directory is at its end). */
export type LocalFile = { path: string; release(): Promise<void> };

export type FileStore = {
  put(tenantId: string, id: string, body: Readable): Promise<StoredBlob>;
  open(storageKey: string): Promise<Readable>;
  local(storageKey: string): Promise<LocalFile>;
  remove(storageKey: string): Promise<void>;
};

export class FileTooLargeError extends Error {}
/** The record is there but its bytes are not (an import's upload is removed once the import ends). */
export class FileMissingError extends Error {}

type Staged = { temp: string; size: number; sha256: string; sniffedType: string | null };

/**
 * Pipes `body` into `out`. When writing fails (a full disk) the rest of the body is still read and dropped —
 * the multipart limit bounds it — so the client receives the error answer instead of a reset connection.
 */
export function writeAll(body: Readable, out: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    let ended = false;
    let failure: unknown = null;
    out.on('error', (error) => {
      if (failure) return;
      failure = error;
      out.destroy();
      if (ended) reject(error);
      else {
        body.unpipe(out);
        body.resume();
      }
    });
    body.once('end', () => {
      ended = true;
      if (failure) reject(failure);
    });
    body.once('error', (error) => {
      out.destroy();
      reject(error);
    });
    out.once('finish', () => {
      if (!failure) resolve();
    });
    body.pipe(out);
  });
}

/** Streams an upload to `temp`, refusing it when the multipart limit truncated it. */
async function stage(body: Readable, temp: string): Promise<Staged> {
  await mkdir(path.dirname(temp), { recursive: true });
  const hash = createHash('sha256');
  let size = 0;
  body.on('data', (chunk: Buffer) => {
    size += chunk.length;
    hash.update(chunk);
  });
  try {
    await writeAll(body, createWriteStream(temp, { flags: 'wx' }));
    if ((body as Readable & { truncated?: boolean }).truncated) throw new FileTooLargeError();
    const sniffed = await fileTypeFromFile(temp);
    return { temp, size, sha256: hash.digest('hex'), sniffedType: sniffed?.mime ?? null };
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

export function localFileStore(root: string): FileStore {
  const base = path.resolve(root);
  const full = (key: string) => {
    const resolved = path.resolve(base, key);
    if (!resolved.startsWith(base + path.sep)) throw new Error('storage key escapes the store');
    return resolved;
  };
  return {
    async put(tenantId, id, body) {
      const key = `${tenantId}/${id}`;
      const target = full(key);
      const staged = await stage(body, `${target}.part`);
      await rename(staged.temp, target);
      return { storageKey: key, size: staged.size, sha256: staged.sha256, sniffedType: staged.sniffedType };
    },
    async open(key) {
      const file = full(key);
      // Checked now: a stream that fails on its first read would leave a caller half-answered.
      if (!(await fileExists(file))) throw new FileMissingError(`${key} is not in the store`);
      return createReadStream(file);
    },
    async local(key) {
      const file = full(key);
      if (!(await fileExists(file))) throw new FileMissingError(`${key} is not in the store`);
      return { path: file, release: async () => {} };
    },
    async remove(key) {
      await rm(full(key), { force: true });
    },
  };
}

export function s3FileStore(s3: S3Config, scratchDir = os.tmpdir()): FileStore {
  const client = new AwsClient({
    accessKeyId: s3.accessKeyId,
    secretAccessKey: s3.secretAccessKey,
    region: s3.region,
    service: 's3',
  });
  const url = (key: string) =>
    `${s3.endpoint}/${s3.bucket}/${key.split('/').map(encodeURIComponent).join('/')}`;
  const check = async (res: Response, what: string) => {
    if (!res.ok)
      throw new Error(`S3 ${what} failed: ${res.status} ${await res.text().catch(() => '')}`.trim());
  };
  const open = async (key: string) => {
    const res = await client.fetch(url(key), { method: 'GET' });
    if (res.status === 404) throw new FileMissingError(`S3 download failed: 404 ${key}`);
    await check(res, 'download');
    if (!res.body) throw new Error('S3 download has no body');
    return Readable.fromWeb(res.body as unknown as WebReadableStream);
  };
  return {
    async put(tenantId, id, body) {
      const key = `${tenantId}/${id}`;
      const staged = await stage(body, path.join(scratchDir, `closeloop-upload-${id}`));
      try {
        const bytes = await readFile(staged.temp);
        const res = await client.fetch(url(key), {
          method: 'PUT',
          body: bytes,
          headers: { 'content-type': staged.sniffedType ?? 'application/octet-stream' },
        });
        await check(res, 'upload');
        return { storageKey: key, size: staged.size, sha256: staged.sha256, sniffedType: staged.sniffedType };
      } finally {
        await rm(staged.temp, { force: true });
      }
    },
    open,
    async local(key) {
      const copy = path.join(scratchDir, `closeloop-download-${randomUUID()}`);
      try {
        await pipeline(await open(key), createWriteStream(copy, { flags: 'wx' }));
      } catch (error) {
        await rm(copy, { force: true });
        throw error;
      }
      return { path: copy, release: () => rm(copy, { force: true }) };
    },
    async remove(key) {
      const res = await client.fetch(url(key), { method: 'DELETE' });
      if (res.status !== 404) await check(res, 'delete');
    },
  };
}

export async function fileExists(p: string): Promise<boolean> {
  return stat(p).then(
    () => true,
    () => false,
  );
}
