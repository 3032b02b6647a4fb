import { execFile } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import {
  freePort,
  onCleanup,
  type ServerEntry,
  signIn,
  sleep,
  startServer,
  stopChild,
} from '../../bench/harness';
import { type DrillResult, tally } from '../drill';

/**
 * Fault 3 of the issue: PostgreSQL restarts under write load — once shut down cleanly and once crashed
 * (immediate stop, then crash recovery). The drill runs its own PostgreSQL instance (initdb in a temporary
 * folder, its own port), never the shared one. Clients keep creating leads throughout and write down every
 * lead answered 2xx; afterwards each of those must be in the database, and after each restart the first
 * 2xx must come within 10 s, with nobody restarting the Closeloop server; meanwhile requests get 503 + Retry-After.
 */

const run = promisify(execFile);
const PG_BIN = '/usr/lib/postgresql/15/bin';
const CLIENTS = 6;
const RECOVERY_LIMIT_MS = 10_000;

type Cluster = { dir: string; port: number; ctl(...args: string[]): Promise<void> };

/** initdb + start, as the postgres user (PostgreSQL refuses to run as root). */
async function startCluster(): Promise<Cluster> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'closeloop-drill-pg-'));
  chmodSync(dir, 0o755);
  const port = await freePort();
  const asPostgres = async (bin: string, args: string[]) => {
    if (process.getuid?.() === 0) {
      chownSync(dir, Number((await run('id', ['-u', 'postgres'])).stdout.trim()), 0);
      await run('runuser', ['-u', 'postgres', '--', path.join(PG_BIN, bin), ...args]);
    } else {
      await run(path.join(PG_BIN, bin), args);
    }
  };
  const data = path.join(dir, 'data');
  await asPostgres('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync']);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
  const cluster: Cluster = {
    dir,
    port,
    ctl: (...args) =>
      asPostgres('pg_ctl', ['-D', data, '-o', options, '-l', path.join(dir, 'log'), '-w', ...args]),
  };
  await cluster.ctl('start');
  onCleanup(async () => {
    await cluster.ctl('-m', 'immediate', 'stop').catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  });
  return cluster;
}

export async function pgRestartDrill(entry: ServerEntry): Promise<DrillResult> {
  const t = tally('PostgreSQL restart under load');
  if (!existsSync(path.join(PG_BIN, 'initdb'))) {
    t.check(false, () => `no PostgreSQL binaries in ${PG_BIN}: the drill cannot run its own instance`);
    return t.result();
  }
  const cluster = await startCluster();
  const databaseUrl = `postgres://postgres@127.0.0.1:${cluster.port}/postgres`;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'closeloop-drill-pgr-'));
  onCleanup(async () => rmSync(dataDir, { recursive: true, force: true }));
  // Errors only: the 503s of the outage are warnings, so a 5xx's cause stays in the kept output.
  const server = await startServer(entry, 'postgres', dataDir, databaseUrl, { LOG_LEVEL: 'error' });
  try {
    const session = await signIn(server.base);
    const headers = {
      cookie: session.cookie,
      'x-csrf-token': session.csrfToken,
      'content-type': 'application/json',
    };
    const ledger: string[] = [];
    /** Bodies of unexpected 5xx answers, for the report. */
    const strange: string[] = [];
    const answers = new Map<number, number>();
    let last2xx = 0;
    let serial = 0;
    let stop = false;
    const client = async () => {
      while (!stop) {
        const n = ++serial;
        try {
          const res = await fetch(`${server.base}/api/v1/leads`, {
            method: 'POST',
            headers,
            body: JSON.stringify({ companyName: `重启演练 ${n}`, source: 'other' }),
            signal: AbortSignal.timeout(5000),
          });
          answers.set(res.status, (answers.get(res.status) ?? 0) + 1);
          const text = await res.text();
          if (res.status >= 500 && res.status !== 503 && strange.length < 3) strange.push(text.slice(0, 300));
          const body = JSON.parse(text) as { id?: string };
          if (res.status === 201 && body.id) {
            ledger.push(body.id);
            last2xx = Date.now();
          }
        } catch {
          answers.set(0, (answers.get(0) ?? 0) + 1);
          await sleep(50);
        }
      }
    };
    const clients = Array.from({ length: CLIENTS }, client);

    const recovery = async (label: string, action: () => Promise<void>) => {
      await sleep(1500);
      const before = ledger.length;
      await action();
      const back = Date.now();
      while (Date.now() - back < RECOVERY_LIMIT_MS * 2 && last2xx < back) await sleep(20);
      const ms = last2xx >= back ? last2xx - back : null;
      const proc = server.child.proc;
      const died = proc.exitCode !== null || proc.signalCode !== null;
      t.check(
        ms !== null && ms <= RECOVERY_LIMIT_MS,
        () =>
          `${label}: first 2xx ${ms === null ? 'never came' : `after ${ms} ms`}` +
          (died
            ? `; the server exited (${proc.exitCode ?? proc.signalCode}): ${server.child.output().slice(-1500)}`
            : ''),
      );
      t.note(
        `${label}: first 2xx ${ms} ms after PostgreSQL was back; ${ledger.length - before} 2xx around it`,
      );
    };
    await recovery('clean restart', () => cluster.ctl('-m', 'fast', 'restart'));
    await recovery('crash (immediate stop) and start', async () => {
      await cluster.ctl('-m', 'immediate', 'stop');
      await sleep(1000);
      await cluster.ctl('start');
    });
    await sleep(1000);
    stop = true;
    await Promise.all(clients);

    const db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    try {
      const found = await db.query<{ id: string }>('SELECT id FROM leads WHERE id = ANY($1::uuid[])', [
        ledger,
      ]);
      const stored = new Set(found.rows.map((r) => r.id));
      const lost = ledger.filter((id) => !stored.has(id));
      t.check(
        lost.length === 0,
        () => `${lost.length} of ${ledger.length} leads answered 201 are not stored`,
      );
      t.check(ledger.length > 0, () => 'no write succeeded at all');
    } finally {
      await db.end();
    }
    // While the database is away the API says so (503 with Retry-After), never a bare 500.
    const crashes = [...answers].filter(([status]) => status >= 500 && status !== 503);
    t.check(crashes.length === 0, () => {
      // The server logs each 5xx with its cause: name it in the report.
      const causes = server.child
        .output()
        .split('\n')
        .filter((line) => line.includes('"level":50'))
        .map((line) => line.slice(0, 600))
        .slice(-3);
      return `answers other than 503 during the outage: ${JSON.stringify(crashes)} (${strange.join(' | ')}); server: ${causes.join(' | ')}`;
    });
    const summary = [...answers]
      .map(([status, n]) => `${status === 0 ? 'no answer' : status}: ${n}`)
      .join(', ');
    t.note(`${ledger.length} leads answered 201 and all checked in the database; answers ${summary}`);
  } finally {
    await stopChild(server.child);
  }
  return t.result();
}
