import { createHash, randomInt } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { onCleanup, type Server, type ServerEntry, signIn, sleep, startServer } from '../../bench/harness';
import { type DrillResult, tally } from '../drill';

/**
 * Fault 1 of the issue: `kill -9` the server in the middle of a 200,000-row lead import, ten times at random
 * points, restarting it each time with nothing done by hand. The import must resume on its own and end with
 * exactly the file's valid rows: the count and a checksum of the imported leads' emails equal what this drill
 * works out from the file, independently of the importer, and no row is there twice.
 */

const ROWS = Number(process.env.DRILL_IMPORT_ROWS ?? 200_000);
const KILLS = 10;
/** How long an import may take to resume and finish once the last kill is over. */
const FINISH_LIMIT_MS = 150_000;

type Row = { company: string; contact: string; phone: string; email: string };

/**
 * The file: every 50th row has a bad email (2 %), every 20th other row repeats the email of a row 1,000
 * earlier (~5 % duplicates, in another batch), every 97th has neither company nor contact.
 */
function generate(run: string): Row[] {
  const rows: Row[] = [];
  for (let i = 1; i <= ROWS; i++) {
    let email = `k${run}-${i}@drill.example`;
    if (i % 50 === 0) email = `k${run}-${i}-at-drill.example`;
    else if (i % 20 === 0 && i > 1000) email = `k${run}-${i - 1000}@drill.example`;
    const nameless = i % 97 === 0;
    rows.push({
      company: nameless ? '' : `演练公司${i}有限公司`,
      contact: nameless ? '' : `联系人${i}`,
      phone: `13${String(100_000_000 + i).slice(-9)}`,
      email,
    });
  }
  return rows;
}

/** The emails the import must end with, worked out from the rules above. */
function expected(rows: readonly Row[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const r of rows) {
    if (!r.company && !r.contact) continue;
    if (!r.email.includes('@')) continue;
    if (seen.has(r.email)) continue;
    seen.add(r.email);
    out.push(r.email);
  }
  return out.sort();
}

const csvOf = (rows: readonly Row[]) =>
  ['公司名称,联系人,手机,邮箱', ...rows.map((r) => `${r.company},${r.contact},${r.phone},${r.email}`)].join(
    '\r\n',
  );

const checksum = (emails: readonly string[]) => createHash('sha256').update(emails.join('\n')).digest('hex');

type Progress = { status: string; processedRows: number; imported: number; skipped: number };

async function importState(base: string, cookie: string, id: string): Promise<Progress | null> {
  try {
    const res = await fetch(`${base}/api/v1/leads/import/${id}`, { headers: { cookie } });
    return res.status === 200 ? ((await res.json()) as Progress) : null;
  } catch {
    return null;
  }
}

/** What the database says about a stalled import: its row, advisory locks, and its jobs by state. */
async function diagnose(databaseUrl: string, importId: string): Promise<string> {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const row = await db.query(
      'SELECT status, processed_rows, attempts, error, updated_at FROM lead_imports WHERE id = $1',
      [importId],
    );
    const locks = await db.query(
      `SELECT l.pid, l.granted, a.state, a.backend_start FROM pg_locks l
         JOIN pg_stat_activity a ON a.pid = l.pid WHERE l.locktype = 'advisory'`,
    );
    const jobs = await db.query(
      `SELECT name, state, singleton_key IS NOT NULL AS keyed, created_on, started_on
         FROM pgboss.job WHERE name LIKE 'leads.import%' ORDER BY created_on DESC LIMIT 6`,
    );
    return JSON.stringify({ row: row.rows[0], locks: locks.rows, jobs: jobs.rows });
  } finally {
    await db.end();
  }
}

export async function importKillDrill(entry: ServerEntry, databaseUrl: string): Promise<DrillResult> {
  const t = tally('kill -9 during import');
  const run = Date.now().toString(36);
  const rows = generate(run);
  const want = expected(rows);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'closeloop-drill-import-'));
  onCleanup(async () => rmSync(dataDir, { recursive: true, force: true }));

  let server: Server = await startServer(entry, 'postgres', dataDir, databaseUrl);
  try {
    let session = await signIn(server.base);
    const form = new FormData();
    form.append('file', new Blob([csvOf(rows)], { type: 'text/csv' }), 'kill-drill.csv');
    const up = await fetch(`${server.base}/api/v1/leads/import`, {
      method: 'POST',
      headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken },
      body: form,
    });
    const uploaded = (await up.json()) as { id: string; suggestedMapping: Record<string, { field: string }> };
    if (!t.check(up.status === 201, () => `upload answered ${up.status}`)) return t.result();
    const mapping = Object.fromEntries(
      Object.entries(uploaded.suggestedMapping).map(([i, s]) => [i, s.field]),
    );
    const started = await fetch(`${server.base}/api/v1/leads/import/${uploaded.id}/start`, {
      method: 'POST',
      headers: {
        cookie: session.cookie,
        'x-csrf-token': session.csrfToken,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ mapping }),
    });
    if (!t.check(started.status === 202, () => `start answered ${started.status}`)) return t.result();

    // Ten kills, each at a random moment after the import has moved on since the restart before it.
    const killedAt: number[] = [];
    const resumeMs: number[] = [];
    let last = 0;
    for (let kill = 0; kill < KILLS; kill++) {
      const restartedAt = Date.now();
      let moved = false;
      while (Date.now() - restartedAt < 30_000) {
        const state = await importState(server.base, session.cookie, uploaded.id);
        if (state && state.processedRows > last) {
          moved = true;
          break;
        }
        await sleep(100);
      }
      if (kill > 0) resumeMs.push(Date.now() - restartedAt);
      const stalled = moved
        ? ''
        : `${await diagnose(databaseUrl, uploaded.id)} server: ${server.child.output().slice(-1500)}`;
      t.check(moved, () => `the import did not move on within 30 s of restart ${kill}: ${stalled}`);
      await sleep(randomInt(300, 2500));
      const before = await importState(server.base, session.cookie, uploaded.id);
      if (before?.status === 'done') {
        t.note(`the import finished before kill ${kill + 1}; ${kill} kills happened mid-import`);
        break;
      }
      process.kill(server.child.pid, 'SIGKILL');
      await server.child.exited;
      last = before?.processedRows ?? last;
      killedAt.push(last);
      server = await startServer(entry, 'postgres', dataDir, databaseUrl);
      session = await signIn(server.base);
    }
    t.check(killedAt.length === KILLS, () => `only ${killedAt.length} kills landed mid-import`);
    t.note(
      `killed after ~${killedAt.join(', ')} rows; resumed (moved on) ${resumeMs.join(', ')} ms after restart`,
    );

    // Then it must finish on its own.
    const waitFrom = Date.now();
    let end: Progress | null = null;
    while (Date.now() - waitFrom < FINISH_LIMIT_MS) {
      end = await importState(server.base, session.cookie, uploaded.id);
      if (end && !['mapped', 'running'].includes(end.status)) break;
      await sleep(500);
    }
    t.check(end?.status === 'done', () => `the import ended ${end?.status ?? 'unknown'}, not done`);

    const db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    try {
      const got = await db.query<{ email_norm: string }>(
        'SELECT email_norm FROM leads WHERE import_id = $1 ORDER BY email_norm',
        [uploaded.id],
      );
      const emails = got.rows.map((r) => r.email_norm);
      t.check(
        emails.length === want.length,
        () => `${emails.length} leads imported, the file has ${want.length}`,
      );
      t.check(new Set(emails).size === emails.length, () => 'a row was imported twice');
      t.check(
        checksum(emails) === checksum(want),
        () => 'the imported emails differ from the file’s valid rows',
      );
      t.check(
        end?.imported === want.length && end.skipped === ROWS - want.length,
        () => `the report says ${end?.imported} imported, ${end?.skipped} skipped`,
      );
      t.note(
        `${ROWS} rows, ${want.length} valid, ${ROWS - want.length} skipped; checksum ${checksum(want).slice(0, 12)}`,
      );
    } finally {
      await db.end();
    }
  } finally {
    process.kill(server.child.pid, 'SIGTERM');
    await server.child.exited;
  }
  return t.result();
}
