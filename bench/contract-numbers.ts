import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { createTenantWithAdmin } from '../server/src/modules/auth';
import { createDeal } from '../server/src/modules/deals';
import { systemActor } from '../server/src/platform/audit';
import { loadConfig } from '../server/src/platform/config';
import { withTenant } from '../server/src/platform/db/tenancy';
import { startServer } from '../server/src/server';
import { DEFAULT_PG, freshPostgres, limitRun, ROOT, reachable } from './harness';

/**
 * `npm run bench:contracts`: contract-number allocation under concurrency on PostgreSQL, in-process through
 * the HTTP stack (`app.inject`). ROUNDS rounds of CONCURRENCY drafts fired at once; every round must yield
 * consecutive numbers with no gap and no duplicate (checked over all rounds together), and the latency of each
 * draft is recorded (they queue on the tenant's counter row, so the slowest waits for all the others).
 * Writes bench/results/contract-numbers.json.
 */

const RESULTS = path.join(ROOT, 'bench', 'results', 'contract-numbers.json');
const ADMIN_URL = process.env.PG_URL ?? DEFAULT_PG;
const CONCURRENCY = Number(process.env.CONTRACT_CONCURRENCY ?? 50);
const ROUNDS = Number(process.env.CONTRACT_ROUNDS ?? 5);
const PASSWORD = 'bench-password-1234';

limitRun(10 * 60_000);

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
const round = (n: number) => Math.round(n * 10) / 10;

async function main(): Promise<void> {
  if (!(await reachable(ADMIN_URL))) throw new Error(`no PostgreSQL at ${ADMIN_URL}`);
  const dbUrl = await freshPostgres(ADMIN_URL);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'closeloop-bench-contracts-'));
  const config = { ...loadConfig({ LOG_LEVEL: 'silent', DATA_DIR: dataDir }), databaseUrl: dbUrl };
  const running = await startServer({ config, role: 'all', open: { databaseUrl: dbUrl, dataDir } });
  const app = running.app;
  if (!app) throw new Error('no app');
  try {
    await app.ready();
    const email = `bench-contracts-${Date.now()}@example.com`;
    await createTenantWithAdmin(
      running.platform,
      { companyName: '合同编号基准公司', name: 'Admin', email, password: PASSWORD, locale: 'zh-CN' },
      { onlyIfFirst: false, meta: null },
    );
    const login = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email, password: PASSWORD },
    });
    const me = login.json<{ tenant: { id: string }; user: { id: string }; csrfToken: string }>();
    const cookie = String(login.headers['set-cookie'] ?? '')
      .split(/,(?=\s*cl_)/)
      .map((c) => c.split(';')[0]?.trim() ?? '')
      .find((c) => c.startsWith('cl_session='));
    const headers = { cookie: cookie ?? '', 'x-csrf-token': me.csrfToken };
    const tenantId = me.tenant.id;
    const customer = await app.inject({
      method: 'POST',
      url: '/api/v1/customers',
      headers,
      payload: { name: '编号客户' },
    });
    const customerId = customer.json<{ id: string }>().id;
    const deal = await withTenant(running.platform.db, tenantId, (tx) =>
      createDeal(tx, systemActor(tenantId), {
        name: '编号商机',
        customerId,
        contactId: null,
        amountMinor: 1_00,
        currency: 'CNY',
        expectedCloseOn: null,
        source: null,
        campaignId: null,
        ownerId: me.user.id,
        teamId: null,
      }),
    );
    // The built-in templates are made on first use: once, before the measured rounds.
    await app.inject({ method: 'GET', url: '/api/v1/contract-templates', headers });

    const draft = async () => {
      const started = performance.now();
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/contracts',
        headers,
        payload: { dealId: deal.id, amountMinor: 1_00, currency: 'CNY' },
      });
      const ms = performance.now() - started;
      if (res.statusCode !== 201)
        throw new Error(`draft answered ${res.statusCode}: ${res.body.slice(0, 300)}`);
      return { ms, number: res.json<{ number: string }>().number };
    };
    const latencies: number[] = [];
    const roundMs: number[] = [];
    const numbers: string[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      const started = performance.now();
      const results = await Promise.all(Array.from({ length: CONCURRENCY }, draft));
      roundMs.push(performance.now() - started);
      for (const x of results) {
        latencies.push(x.ms);
        numbers.push(x.number);
      }
    }
    latencies.sort((a, b) => a - b);
    const counters = numbers.map((n) => Number(n.split('-').pop())).sort((a, b) => a - b);
    const duplicates = counters.length - new Set(counters).size;
    const expected = Array.from({ length: counters.length }, (_, i) => i + 1);
    const gaps = expected.filter((n) => !counters.includes(n)).length;
    const result = {
      at: new Date().toISOString(),
      database: 'postgres',
      concurrency: CONCURRENCY,
      rounds: ROUNDS,
      drafts: numbers.length,
      first: numbers.sort()[0],
      last: numbers[numbers.length - 1],
      duplicates,
      gaps,
      draftMs: {
        p50: round(percentile(latencies, 50)),
        p95: round(percentile(latencies, 95)),
        max: round(latencies[latencies.length - 1] ?? Number.NaN),
      },
      roundMs: roundMs.map(round),
      draftsPerSecond: round((numbers.length / roundMs.reduce((a, b) => a + b, 0)) * 1000),
    };
    mkdirSync(path.dirname(RESULTS), { recursive: true });
    writeFileSync(RESULTS, `${JSON.stringify(result, null, 2)}\n`);
    console.log(JSON.stringify(result, null, 2));
    const ok = duplicates === 0 && gaps === 0 && counters.length === CONCURRENCY * ROUNDS;
    console.log(ok ? 'contract numbers: no gap, no duplicate' : 'contract numbers: GAPS OR DUPLICATES');
    process.exitCode = ok ? 0 : 1;
  } finally {
    await running.stop();
    rmSync(dataDir, { recursive: true, force: true });
    const admin = new pg.Client({ connectionString: ADMIN_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${new URL(dbUrl).pathname.slice(1)} WITH (FORCE)`);
    await admin.end();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
