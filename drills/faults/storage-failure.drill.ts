import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import {
  onCleanup,
  type Server,
  type ServerEntry,
  type Session,
  signIn,
  startServer,
  stopChild,
} from '../../bench/harness';
import { type DrillResult, type Tally, tally } from '../drill';

/**
 * Fault 6 of the issue: the attachment store fails during an upload — an S3 endpoint that breaks off
 * every write, and a full disk (the data folder on a 1 MB tmpfs). Each failed upload must get a clear
 * problem (`storage_failed`, or 413 for a file over the limit) and leave no record: no `files` row, no lead
 * import, no partial file on disk; the next upload that fits must work again.
 */

const run = promisify(execFile);

type Upload = { status: number; code: string | null };

/** Posts one file (`content`, or that many bytes of filler) to an upload route; the status and problem code. */
async function upload(
  server: Server,
  session: Session,
  route: string,
  name: string,
  content: string | number,
): Promise<Upload> {
  const body = typeof content === 'number' ? Buffer.alloc(content, 'x') : content;
  const form = new FormData();
  form.append('file', new Blob([body], { type: 'text/csv' }), name);
  const res = await fetch(`${server.base}${route}`, {
    method: 'POST',
    headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken },
    body: form,
  });
  const problem = (await res.json().catch(() => ({}))) as { code?: string };
  return { status: res.status, code: problem.code ?? null };
}

const IMPORT = '/api/v1/leads/import';

async function countRows(databaseUrl: string): Promise<{ files: number; imports: number }> {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const files = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM files');
    const imports = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM lead_imports');
    return { files: files.rows[0]?.n ?? -1, imports: imports.rows[0]?.n ?? -1 };
  } finally {
    await db.end();
  }
}

function filesOnDisk(dir: string): { count: number; bytes: number } {
  let count = 0;
  let bytes = 0;
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else {
        count += 1;
        bytes += statSync(p).size;
      }
    }
  };
  try {
    walk(dir);
  } catch {
    // no files folder yet
  }
  return { count, bytes };
}

const csvOf = (rows: number) =>
  [
    '公司名称,联系人,邮箱',
    ...Array.from({ length: rows }, (_, i) => `存储演练${i},联系人${i},s${i}@drill.example`),
  ].join('\n');

/** An S3 endpoint that reads a little of each write, then breaks the connection. */
async function brokenS3(): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    let seen = 0;
    req.on('data', (chunk: Buffer) => {
      seen += chunk.length;
      if (seen > 4096) req.socket.destroy();
    });
    req.on('end', () => {
      res.writeHead(500, { 'content-type': 'application/xml' });
      res.end('<Error><Code>InternalError</Code></Error>');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function failingS3(t: Tally, entry: ServerEntry, databaseUrl: string): Promise<void> {
  const s3 = await brokenS3();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'closeloop-drill-s3-'));
  onCleanup(async () => rmSync(dataDir, { recursive: true, force: true }));
  const server = await startServer(entry, 'postgres', dataDir, databaseUrl, {
    S3_ENDPOINT: s3.url,
    S3_BUCKET: 'drill',
    S3_ACCESS_KEY_ID: 'drill',
    S3_SECRET_ACCESS_KEY: 'drill-secret',
  });
  try {
    const session = await signIn(server.base);
    const before = await countRows(databaseUrl);
    for (const [route, name, content] of [
      ['/api/v1/files', 'report.pdf', 100_000],
      [IMPORT, 'leads.csv', csvOf(2000)],
    ] as const) {
      const answer = await upload(server, session, route, name, content);
      t.check(
        answer.status === 500 && answer.code === 'storage_failed',
        () => `failing S3, ${route}: ${answer.status} ${answer.code}`,
      );
    }
    const after = await countRows(databaseUrl);
    t.check(
      after.files === before.files && after.imports === before.imports,
      () => `failing S3 left records: ${JSON.stringify({ before, after })}`,
    );
  } finally {
    await stopChild(server.child);
    await s3.close();
  }
}

async function fullDisk(t: Tally, entry: ServerEntry, databaseUrl: string): Promise<void> {
  if (process.getuid?.() !== 0) {
    t.note('full disk: skipped (mounting a small tmpfs needs root); the failing-S3 case covers the store');
    return;
  }
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'closeloop-drill-full-'));
  await run('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', dataDir]);
  onCleanup(async () => {
    await run('umount', [dataDir]).catch(() => {});
    rmSync(dataDir, { recursive: true, force: true });
  });
  const server = await startServer(entry, 'postgres', dataDir, databaseUrl);
  try {
    const session = await signIn(server.base);
    const files = path.join(dataDir, 'files');
    const first = await upload(server, session, '/api/v1/files', 'first.bin', 600_000);
    t.check(
      first.status === 201,
      () => `full disk: the first 600 kB upload answered ${first.status} ${first.code}`,
    );
    const before = await countRows(databaseUrl);
    const onDisk = filesOnDisk(files);
    const second = await upload(server, session, '/api/v1/files', 'second.bin', 600_000);
    t.check(
      second.status === 500 && second.code === 'storage_failed',
      () => `full disk: the upload that does not fit answered ${second.status} ${second.code}`,
    );
    const big = await upload(server, session, IMPORT, 'leads.csv', csvOf(15_000));
    t.check(
      big.status === 500 && big.code === 'storage_failed',
      () => `full disk: the import upload that does not fit answered ${big.status} ${big.code}`,
    );
    const after = await countRows(databaseUrl);
    t.check(
      after.files === before.files && after.imports === before.imports,
      () => `full disk left records: ${JSON.stringify({ before, after })}`,
    );
    const left = filesOnDisk(files);
    t.check(
      left.count === onDisk.count && left.bytes === onDisk.bytes,
      () => `full disk left partial files: ${JSON.stringify({ before: onDisk, after: left })}`,
    );
    const third = await upload(server, session, '/api/v1/files', 'third.bin', 100_000);
    t.check(third.status === 201, () => `full disk: an upload that fits afterwards answered ${third.status}`);
  } finally {
    await stopChild(server.child);
  }
}

export async function storageFailureDrill(entry: ServerEntry, databaseUrl: string): Promise<DrillResult> {
  const t = tally('failing store, full disk');
  await failingS3(t, entry, databaseUrl);
  await fullDisk(t, entry, databaseUrl);
  return t.result();
}
