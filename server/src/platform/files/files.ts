import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileTypeFromFile } from 'file-type';

/**
 * Attachment bytes on the local disk under DATA_DIR/files/<tenant>/<id>. A write goes to a temporary file
 * and is renamed into place only when complete, so a failed upload leaves nothing behind.
 */

export type StoredBlob = { storageKey: string; size: number; sha256: string; sniffedType: string | null };

export type FileStore = {
  put(tenantId: string, id: string, body: Readable): Promise<StoredBlob>;
  open(storageKey: string): Readable;
  remove(storageKey: string): Promise<void>;
};

export function localFileStore(root: string): FileStore {
  const full = (key: string) => {
    const resolved = path.resolve(root, key);
    if (!resolved.startsWith(path.resolve(root) + path.sep)) throw new Error('storage key escapes the store');
    return resolved;
  };
  return {
    async put(tenantId, id, body) {
      const key = `${tenantId}/${id}`;
      const target = full(key);
      const temp = `${target}.part`;
      await mkdir(path.dirname(target), { recursive: true });
      const hash = createHash('sha256');
      let size = 0;
      body.on('data', (chunk: Buffer) => {
        size += chunk.length;
        hash.update(chunk);
      });
      try {
        await pipeline(body, createWriteStream(temp, { flags: 'wx' }));
        if ((body as Readable & { truncated?: boolean }).truncated) throw new FileTooLargeError();
        const sniffed = await fileTypeFromFile(temp);
        await rename(temp, target);
        return { storageKey: key, size, sha256: hash.digest('hex'), sniffedType: sniffed?.mime ?? null };
      } catch (error) {
        await rm(temp, { force: true });
        throw error;
      }
    },
    open: (key) => createReadStream(full(key)),
    async remove(key) {
      await rm(full(key), { force: true });
    },
  };
}

export class FileTooLargeError extends Error {}

export async function fileExists(p: string): Promise<boolean> {
  return stat(p).then(
    () => true,
    () => false,
  );
}
