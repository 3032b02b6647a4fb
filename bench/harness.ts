import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import autocannon, { type Options, type Result } from 'autocannon';
import pg from 'pg';

/**
 * What every bench script shares: child processes that are always killed, the real server started through
 * the CLI, sign-in, autocannon loads, process memory from /proc, and a fresh PostgreSQL database per run.
 */

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const DEFAULT_PG = 'postgres://postgres@127.0.0.1:5432/postgres';
export const ADMIN = { email: 'bench@example.com', password: 'bench-password-1234' };
export const LOAD = { connections: 10, duration: 5, warmup: 1 };
export const START_LIMIT_MS = 60_000;
const STOP_LIMIT_MS = 10_000;
export const SETTLE_LIMIT_MS = 5_000;

export type Engine = 'pglite' | 'postgres';

export type Load = {
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  non2xx: number;
  errors: number;
};

// ---------------------------------------------------------------------------------------------------------
// Children: every process the bench starts is tracked and killed on any way out.

const children = new Set<ChildProcess>();
const cleanups: (() => Promise<void>)[] = [];

export function killAll(): void {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
  children.clear();
}

let cleaning: Promise<void> | null = null;
let interrupted = false;

/** Kills the children, then runs the cleanups (temp folders, the PostgreSQL database) once. */
export function cleanupAll(): Promise<void> {
  cleaning ??= (async () => {
    killAll();
    for (const fn of cleanups.splice(0).reverse()) {
      try {
        await fn();
      } catch (error) {
        console.error('cleanup failed:', error instanceof Error ? error.message : error);
      }
    }
  })();
  return cleaning;
}

process.on('exit', killAll);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    interrupted = true;
    console.error(`\nbench: ${signal}, stopping`);
    void cleanupAll().finally(() => process.exit(130));
  });
}
/** Bounds a whole bench run: past `limitMs` every child is killed and the process exits with 1. */
export function limitRun(limitMs: number): void {
  const timer = setTimeout(() => {
    console.error(`bench: still running after ${limitMs / 1000} s, giving up`);
    void cleanupAll().finally(() => process.exit(1));
  }, limitMs);
  timer.unref();
}

/** True once SIGINT or SIGTERM stopped the run. */
export function wasInterrupted(): boolean {
  return interrupted;
}

/** Registers work to undo on any way out (temp folders, databases), run in reverse order. */
export function onCleanup(fn: () => Promise<void>): void {
  cleanups.push(fn);
}

export type Child = { proc: ChildProcess; pid: number; output: () => string; exited: Promise<number | null> };

export function spawnChild(args: string[], env: NodeJS.ProcessEnv): Child {
  const proc = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  if (proc.pid === undefined) throw new Error(`could not spawn node ${args.join(' ')}`);
  children.add(proc);
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-8000);
  };
  proc.stdout?.on('data', keep);
  proc.stderr?.on('data', keep);
  const exited = new Promise<number | null>((resolve) => {
    proc.once('exit', (code) => {
      children.delete(proc);
      resolve(code);
    });
  });
  return { proc, pid: proc.pid, output: () => output, exited };
}

export async function stopChild(child: Child): Promise<void> {
  if (child.proc.exitCode !== null || child.proc.signalCode !== null) return;
  child.proc.kill('SIGTERM');
  const timer = setTimeout(() => child.proc.kill('SIGKILL'), STOP_LIMIT_MS);
  await child.exited;
  clearTimeout(timer);
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls until `url` answers 200; returns when it did, or throws if the child died or time ran out. */
export async function waitFor200(url: string, child: Child, limitMs: number): Promise<void> {
  const deadline = Date.now() + limitMs;
  let dead = false;
  void child.exited.then(() => {
    dead = true;
  });
  while (Date.now() < deadline) {
    if (dead) throw new Error(`server exited before ${url} was OK:\n${child.output()}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
      await res.arrayBuffer();
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await sleep(20);
  }
  throw new Error(`${url} not OK after ${limitMs / 1000} s:\n${child.output()}`);
}

// ---------------------------------------------------------------------------------------------------------
// Memory, from /proc: the serving process and any process it started (the CLI starts none today).

export function procKb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
    return match?.[1] ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

export function descendants(pid: number): number[] {
  let direct: number[] = [];
  try {
    direct = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
  return direct.flatMap((child) => [child, ...descendants(child)]);
}

export function rssMb(pid: number, field: 'VmRSS' | 'VmHWM' = 'VmRSS'): number {
  const kb = [pid, ...descendants(pid)].reduce((sum, p) => sum + procKb(p, field), 0);
  return Math.round((kb / 1024) * 10) / 10;
}

/** CPU time (user + system) of a process, in clock ticks (normally 1/100 s). */
export function cpuTicks(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11] ?? 0) + Number(fields[12] ?? 0);
  } catch {
    return 0;
  }
}

/**
 * Waits until the just-started server stops working in the background (job queue, caches, checkpoints):
 * under 5 % of a core over half a second, or at most SETTLE_LIMIT_MS. Otherwise its start-up work would be
 * counted against the first workload loaded, or steal CPU from the reference on a small machine.
 */
export async function settle(pid: number): Promise<number> {
  const started = Date.now();
  let last = cpuTicks(pid);
  while (Date.now() - started < SETTLE_LIMIT_MS) {
    await sleep(500);
    const now = cpuTicks(pid);
    if (now - last <= 2) break;
    last = now;
  }
  return Date.now() - started;
}

// ---------------------------------------------------------------------------------------------------------
// The server under test.

export type ServerEntry = { label: string; args: string[] };

export const CLI_ENTRY: ServerEntry = {
  label: 'node bin/closeloop.js start --role all',
  args: ['bin/closeloop.js', 'start', '--role', 'all'],
};
export const FALLBACK_ENTRY: ServerEntry = {
  label: 'node --import tsx bench/server-entry.ts (web client does not build)',
  args: ['--import', 'tsx', 'bench/server-entry.ts'],
};

/**
 * The CLI's `start` builds the web client when its bundle is stale, and stops if that fails; `bin/closeloop.js`
 * builds the server bundle when it is stale. Build both here, before any timed start, so that start-up
 * numbers never include a bundler run. If the web client does not build, fall back to an entry that starts
 * the same server without it, and say so; if the server bundle does not build, the CLI runs through tsx, and
 * the label says that too.
 */
export async function chooseEntry(): Promise<{
  entry: ServerEntry;
  webBuildMs: number;
  webBuildError: string | null;
}> {
  const started = Date.now();
  let serverNote = ' (server bundle dist/server/closeloop.js)';
  try {
    const { ensureServerBuild } = await import('../bin/server-build.js');
    await ensureServerBuild((m) => console.log(m));
  } catch (error) {
    const message = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
    console.warn(`bench: the server bundle does not build (${message}); the CLI runs it through tsx`);
    serverNote = ' (through tsx: the server bundle does not build)';
  }
  try {
    const { ensureWebBuild } = await import('../server/src/cli/web-build');
    await ensureWebBuild((m) => console.log(m));
    return {
      entry: { ...CLI_ENTRY, label: `${CLI_ENTRY.label}${serverNote}` },
      webBuildMs: Date.now() - started,
      webBuildError: null,
    };
  } catch (error) {
    const message = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
    console.warn(`bench: the web client does not build (${message}); using ${FALLBACK_ENTRY.label}`);
    return { entry: FALLBACK_ENTRY, webBuildMs: Date.now() - started, webBuildError: message };
  }
}

export type Server = { child: Child; base: string; readyMs: number };

export async function startServer(
  entry: ServerEntry,
  engine: Engine,
  dataDir: string,
  databaseUrl: string | null,
  extraEnv: NodeJS.ProcessEnv = {},
): Promise<Server> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    CLOSELOOP_ADMIN_EMAIL: ADMIN.email,
    CLOSELOOP_ADMIN_PASSWORD: ADMIN.password,
    ...extraEnv,
  };
  if (engine === 'postgres' && databaseUrl) env.DATABASE_URL = databaseUrl;
  else delete env.DATABASE_URL;
  const base = `http://127.0.0.1:${port}`;
  const started = performance.now();
  const child = spawnChild(entry.args, env);
  await waitFor200(`${base}/readyz`, child, START_LIMIT_MS);
  return { child, base, readyMs: Math.round(performance.now() - started) };
}

export type Session = { cookie: string; csrfToken: string; meBody: string };

export async function signIn(base: string): Promise<Session> {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`login answered ${res.status}: ${text}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0] ?? '')
    .filter(Boolean)
    .join('; ');
  const me = JSON.parse(text) as { csrfToken?: unknown };
  if (!cookie.includes('cl_session=')) throw new Error('login set no cl_session cookie');
  const csrfToken = typeof me.csrfToken === 'string' ? me.csrfToken : '';
  const meRes = await fetch(`${base}/api/v1/me`, { headers: { cookie } });
  const meBody = await meRes.text();
  if (meRes.status !== 200) throw new Error(`GET /api/v1/me answered ${meRes.status}: ${meBody}`);
  return { cookie, csrfToken, meBody };
}

export async function createTeam(base: string, session: Session): Promise<string> {
  const res = await fetch(`${base}/api/v1/teams`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      cookie: session.cookie,
      'x-csrf-token': session.csrfToken,
    },
    body: JSON.stringify({
      name: 'Bench team',
      region: 'EMEA',
      description: 'A record for the bench to read',
    }),
  });
  const text = await res.text();
  if (res.status !== 201) throw new Error(`POST /api/v1/teams answered ${res.status}: ${text}`);
  const team = JSON.parse(text) as { id?: unknown };
  if (typeof team.id !== 'string') throw new Error(`POST /api/v1/teams returned no id: ${text}`);
  return team.id;
}

export async function load(url: string, headers: Record<string, string> = {}): Promise<Load> {
  const check = await fetch(url, { headers });
  const body = await check.text();
  if (check.status !== 200) throw new Error(`GET ${url} answered ${check.status} before the load: ${body}`);
  return loadWith({ url, headers });
}

/** The standard load (connections, warm-up, duration) with any autocannon request options. */
export async function loadWith(options: Options): Promise<Load> {
  const result: Result = await autocannon({
    connections: LOAD.connections,
    duration: LOAD.duration,
    warmup: { connections: LOAD.connections, duration: LOAD.warmup },
    timeout: 10,
    ...options,
  });
  return {
    reqPerSec: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

// ---------------------------------------------------------------------------------------------------------
// PostgreSQL: a fresh database per run on the server of DATABASE_URL (or the local default), dropped after.

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export async function reachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function freshPostgres(adminUrl: string): Promise<string> {
  const name = `closeloop_bench_${Date.now()}_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5000 });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  cleanups.push(async () => {
    const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5000 });
    await client.connect();
    try {
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    } finally {
      await client.end();
    }
  });
  return withDatabase(adminUrl, name);
}

/**
 * Keeps a bench database under the name in the environment variable `envName`, if set (a plain identifier),
 * for EXPLAIN afterwards: renamed, so the clean-up finds no bench database to drop.
 */
export async function keepDatabaseIfAsked(adminUrl: string, url: string, envName: string): Promise<void> {
  const keep = process.env[envName];
  if (!keep || !/^[a-z_][a-z0-9_]*$/.test(keep)) return;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`ALTER DATABASE ${new URL(url).pathname.slice(1)} RENAME TO ${keep}`);
    console.log(`kept the database as ${keep}`);
  } finally {
    await admin.end();
  }
}
