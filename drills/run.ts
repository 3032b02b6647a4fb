import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import {
  cleanupAll,
  DEFAULT_PG,
  FALLBACK_ENTRY,
  limitRun,
  onCleanup,
  ROOT,
  reachable,
  startServer,
  withDatabase,
} from '../bench/harness';
import { approvalBypassDrill } from './approval-bypass.drill';
import { authDrill } from './auth.drill';
import { concurrentEditsDrill } from './concurrent-edits.drill';
import { crossTenantDrill } from './cross-tenant.drill';
import type { DrillResult } from './drill';
import { importKillDrill } from './faults/import-kill.drill';
import { pgRestartDrill } from './faults/pg-restart.drill';
import { storageFailureDrill } from './faults/storage-failure.drill';
import { workerKillDrill } from './faults/worker-kill.drill';
import { formulaInjectionDrill } from './formula-injection.drill';
import { createClient } from './http';
import { injectionDrill } from './injection.drill';
import { massAssignmentDrill } from './mass-assignment.drill';
import { loadOperations, type Operation } from './openapi';
import { publicFormDrill } from './public-form.drill';
import { publicTokensDrill } from './public-tokens.drill';
import { replaysDrill } from './replays.drill';
import { signingLinksDrill } from './signing-links.drill';
import { storedXssDrill } from './stored-xss.drill';
import { uploadsDrill } from './uploads.drill';
import { withinTenantDrill } from './within-tenant.drill';
import { buildWorld, type World } from './world';

/**
 * `npm run drills`: the real server (startServer through bench/harness.ts, as the bench runs it) on a fresh
 * PostgreSQL database, two companies set up over HTTP, then every drill in turn. Prints a table (drill,
 * attempts, failures), writes drills-report.md, drops the database, and exits non-zero on any failure.
 * Bounded: each drill has a time limit and the whole run another.
 */

const RUN_LIMIT_MS = 540_000;
const DRILL_LIMIT_MS = 60_000;
const REPORT = path.join(ROOT, 'drills-report.md');

/** What a drill gets: the shared two-company world, the API's operations, and for fault drills that start
 * (and kill) servers of their own, the entry that starts one and a fresh database each. */
type Context = {
  world: World;
  operations: Operation[];
  /** The shared server's data folder (its file store). */
  dataDir: string;
  newDatabase: () => Promise<string>;
};

type Drill = { name: string; limitMs?: number; run: (context: Context) => Promise<DrillResult> };

const DRILLS: Drill[] = [
  { name: 'replays', run: ({ world }) => replaysDrill(world) },
  { name: 'concurrent edits', run: ({ world }) => concurrentEditsDrill(world) },
  { name: 'cross-tenant', run: ({ world, operations }) => crossTenantDrill(world, operations) },
  { name: 'within tenant', run: ({ world, operations }) => withinTenantDrill(world, operations) },
  { name: 'injection', run: ({ world, operations }) => injectionDrill(world, operations) },
  { name: 'mass assignment', run: ({ world }) => massAssignmentDrill(world) },
  { name: 'formula injection', run: ({ world }) => formulaInjectionDrill(world) },
  { name: 'public form limits', run: ({ world }) => publicFormDrill(world) },
  { name: 'auth', run: ({ world }) => authDrill(world) },
  {
    name: 'public tokens',
    limitMs: 90_000,
    run: async ({ world, newDatabase }) => publicTokensDrill(world, FALLBACK_ENTRY, await newDatabase()),
  },
  { name: 'stored XSS', run: ({ world }) => storedXssDrill(world) },
  { name: 'hostile uploads', run: ({ world, dataDir }) => uploadsDrill(world, dataDir) },
  { name: 'signing links', run: ({ world, dataDir }) => signingLinksDrill(world, dataDir) },
  { name: 'approval bypass', run: ({ world }) => approvalBypassDrill(world) },
  // Faults: each starts servers of its own on a database of its own, and kills or starves them.
  {
    name: 'kill -9 during import',
    limitMs: 240_000,
    run: async ({ newDatabase }) => importKillDrill(FALLBACK_ENTRY, await newDatabase()),
  },
  { name: 'PostgreSQL restart', limitMs: 90_000, run: () => pgRestartDrill(FALLBACK_ENTRY) },
  {
    name: 'kill -9 a worker',
    limitMs: 120_000,
    run: async ({ newDatabase }) => workerKillDrill(FALLBACK_ENTRY, await newDatabase()),
  },
  {
    name: 'failing store, full disk',
    run: async ({ newDatabase }) => storageFailureDrill(FALLBACK_ENTRY, await newDatabase()),
  },
];

async function freshDatabase(adminUrl: string): Promise<string> {
  const name = `closeloop_drills_${Date.now()}_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5000 });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  onCleanup(async () => {
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

async function runDrill(drill: Drill, context: Context): Promise<DrillResult> {
  const limitMs = drill.limitMs ?? DRILL_LIMIT_MS;
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no result after ${limitMs / 1000} s`)), limitMs);
  });
  try {
    return await Promise.race([drill.run(context), limit]);
  } catch (error) {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    return { drill: drill.name, attempts: 1, failures: 1, notes: [`FAIL the drill stopped: ${message}`] };
  } finally {
    clearTimeout(timer);
  }
}

function table(results: DrillResult[]): string {
  const width = Math.max(5, ...results.map((r) => r.drill.length));
  const rows = results.map(
    (r) => `${r.drill.padEnd(width)}  ${String(r.attempts).padStart(8)}  ${String(r.failures).padStart(8)}`,
  );
  return [`${'drill'.padEnd(width)}  ${'attempts'.padStart(8)}  ${'failures'.padStart(8)}`, ...rows].join(
    '\n',
  );
}

function report(results: DrillResult[], facts: string[], serverErrors: string[]): string {
  const lines = [
    '# Drills report',
    '',
    ...facts.map((f) => `- ${f}`),
    '',
    '| drill | attempts | failures |',
    '|---|---:|---:|',
    ...results.map((r) => `| ${r.drill} | ${r.attempts} | ${r.failures} |`),
    '',
  ];
  for (const r of results) {
    lines.push(`## ${r.drill}`, '', ...r.notes.map((n) => `- ${n.replace(/\n/g, ' ')}`), '');
  }
  if (serverErrors.length > 0) {
    lines.push('## Server errors (last lines of its log)', '', '```', ...serverErrors, '```', '');
  }
  return lines.join('\n');
}

async function main(): Promise<number> {
  limitRun(RUN_LIMIT_MS);
  const started = Date.now();
  const adminUrl = process.env.DATABASE_URL ?? DEFAULT_PG;
  if (!(await reachable(adminUrl))) {
    console.error(`drills: PostgreSQL is not reachable at ${adminUrl}`);
    console.log('0 passed, 1 failed');
    return 1;
  }
  // The stored-XSS drill renders the web client the server serves: build it first when missing or stale
  // (in a child process: drills import no server code).
  const build = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      '--eval',
      "await (await import('./server/src/cli/web-build.ts')).ensureWebBuild((m) => console.log(m));",
    ],
    { cwd: ROOT, stdio: 'inherit' },
  );
  if (build.status !== 0)
    console.error('drills: the web client does not build; the stored-XSS drill will fail');
  const databaseUrl = await freshDatabase(adminUrl);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'closeloop-drills-'));
  onCleanup(async () => rmSync(dataDir, { recursive: true, force: true }));

  // The API needs no web client: the bench's fallback entry runs the same startServer as `closeloop start`
  // without building one first.
  const server = await startServer(FALLBACK_ENTRY, 'postgres', dataDir, databaseUrl);
  console.log(`drills: server ready at ${server.base} in ${server.readyMs} ms`);
  const client = createClient(server.base);
  const world = await buildWorld(client, databaseUrl, dataDir);
  const operations = await loadOperations(client);
  console.log(`drills: two companies set up; ${operations.length} operations in the OpenAPI document`);

  // DRILLS_ONLY=replays,auth runs some of them (the set-up is the same).
  const only = process.env.DRILLS_ONLY?.split(',').map((name) => name.trim());
  const results: DrillResult[] = [];
  for (const drill of DRILLS.filter((d) => !only || only.includes(d.name))) {
    const at = Date.now();
    const result = await runDrill(drill, {
      world,
      operations,
      dataDir,
      newDatabase: () => freshDatabase(adminUrl),
    });
    results.push(result);
    console.log(
      `drills: ${result.drill}: ${result.attempts} attempts, ${result.failures} failures (${Date.now() - at} ms)`,
    );
  }

  // The server logs at warn level; its errors (the 5xx a drill saw) help the reader of a failed report.
  const serverErrors = server.child
    .output()
    .split('\n')
    .filter((line) => /"level":(50|60)/.test(line))
    .map((line) => (line.length > 400 ? `${line.slice(0, 400)}…` : line))
    .slice(-20);
  const failed = results.filter((r) => r.failures > 0);
  const facts = [
    `${new Date().toISOString()}, ${Math.round((Date.now() - started) / 1000)} s`,
    `server: ${FALLBACK_ENTRY.label.split(' (')[0]} on PostgreSQL (a fresh database, dropped afterwards)`,
    `${operations.length} operations in /api/openapi.json; run ${world.run}`,
  ];
  writeFileSync(REPORT, report(results, facts, serverErrors));
  console.log(`\n${table(results)}\n`);
  for (const r of failed) {
    console.log(`${r.drill}:`);
    for (const note of r.notes.filter((n) => n.startsWith('FAIL'))) console.log(`  ${note}`);
  }
  console.log(`report: ${path.relative(ROOT, REPORT)}`);
  console.log(`${results.length - failed.length} passed, ${failed.length} failed`);
  return failed.length > 0 ? 1 : 0;
}

let code = 1;
try {
  code = await main();
} catch (error) {
  console.error('drills: could not run:', error instanceof Error ? (error.stack ?? error.message) : error);
  console.log('0 passed, 1 failed');
} finally {
  await cleanupAll();
}
process.exit(code);
