import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import {
  chooseEntry,
  cleanupAll,
  DEFAULT_PG,
  freePort,
  freshPostgres,
  keepDatabaseIfAsked,
  type Load,
  limitRun,
  load,
  loadWith,
  onCleanup,
  ROOT,
  reachable,
  START_LIMIT_MS,
  settle,
  signIn,
  sleep,
  spawnChild,
  startServer,
  stopChild,
  waitFor200,
  wasInterrupted,
} from './harness';

/**
 * `npm run bench:customers`: the customer goals of issue #5 on PostgreSQL with 200,000 customers, 600,000
 * contacts, 5,000,000 activities and 300,000 deals (CUSTOMERS scales all four): a customer's page and its
 * timeline's first page (p99 ≤ 30 ms each, loaded like the platform bench next to the bare Fastify route), and
 * the nightly tier, lifecycle and health recompute of every customer (≤ 60 s), started through the API and
 * timed until the last customer is graded, and a saved segment over a custom field and the tier (its list
 * page, p99 ≤ 100 ms). Every customer carries a select and a number custom field. The at-risk list is checked
 * to run on its partial index (customers_at_risk_idx). A small run to try it out: `CUSTOMERS=2000`;
 * CUSTOMERS_KEEP_DB=name keeps the seeded database (renamed) for EXPLAIN.
 * Writes bench/results/customers.json.
 */

const RESULTS = path.join(ROOT, 'bench', 'results', 'customers.json');
const CUSTOMERS = Number(process.env.CUSTOMERS ?? 200_000);
const REPS = 40;
const GOALS = { detailP99Ms: 30, recomputeS: 60, segmentP99Ms: 100 };
/** Values of the bench's select custom field, spread evenly over the customers. */
const PLANS = ['basic', 'standard', 'pro', 'enterprise', 'custom'] as const;
const RECOMPUTE_LIMIT_MS = 10 * 60_000;

limitRun(40 * 60_000);

type Seeded = { sampleIds: string[] };

/** The book of a large sales team in a few set-based statements, spread by row number. */
async function seed(url: string, tenantId: string): Promise<Seeded> {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  const started = Date.now();
  const say = (what: string) =>
    process.stdout.write(`\rseed: ${what} (${Math.round((Date.now() - started) / 1000)} s)          `);
  try {
    const teamId = (
      await db.query<{ id: string }>(
        `INSERT INTO teams (tenant_id, id, name, region) VALUES ($1, gen_random_uuid(), 'Bench South', '华南') RETURNING id`,
        [tenantId],
      )
    ).rows[0]?.id as string;
    const reps = (
      await db.query<{ id: string }>(
        `INSERT INTO users (tenant_id, id, email, name, role, status)
         SELECT $1, gen_random_uuid(), 'rep' || g || '@bench.example', 'Rep ' || g, 'rep', 'active'
           FROM generate_series(1, ${REPS}) g RETURNING id`,
        [tenantId],
      )
    ).rows.map((r) => r.id);
    await db.query(
      `INSERT INTO team_members (tenant_id, team_id, user_id) SELECT $1, $2, unnest($3::uuid[])`,
      [tenantId, teamId, reps],
    );
    const step = 50_000;
    for (let from = 1; from <= CUSTOMERS; from += step) {
      const to = Math.min(CUSTOMERS, from + step - 1);
      await db.query(
        `INSERT INTO customers (tenant_id, id, name, name_norm, legal_name, industry, region, owner_id, team_id,
                                created_at, updated_at, last_activity_at, custom)
         SELECT $1, gen_random_uuid(), '客户' || g, 'kehu' || g, '深圳客户' || g || '有限公司',
                (ARRAY['装备制造','电子制造','软件与信息服务','新能源'])[1 + g % 4],
                (ARRAY['华东','华南','华北','Singapore'])[1 + g % 4],
                CASE WHEN g % 10 = 0 THEN NULL ELSE ($3::uuid[])[1 + g % ${REPS}] END, $2,
                now() - make_interval(days => 30 + g % 700), now() - make_interval(days => g % 30),
                now() - make_interval(days => g % 200),
                jsonb_build_object('plan', ($6::text[])[1 + (g / 7) % ${PLANS.length}], 'plants', (g * 37) % 100)
           FROM generate_series($4::int, $5::int) g`,
        [tenantId, teamId, reps, from, to, [...PLANS]],
      );
      say(`${to.toLocaleString('en-US')} customers`);
    }
    const ids = `(SELECT id, row_number() OVER (ORDER BY id) AS n FROM customers WHERE tenant_id = $1)`;
    await db.query(
      `INSERT INTO contacts (tenant_id, id, customer_id, name, title, email, email_norm, role, attitude, created_at, updated_at)
       SELECT $1, gen_random_uuid(), c.id, (ARRAY['张伟','王芳','李娜'])[k], (ARRAY['总经理','技术总监','采购经理'])[k],
              'c' || c.n || '-' || k || '@bench.example', 'c' || c.n || '-' || k || '@bench.example',
              (ARRAY['decision_maker','technical_evaluator','procurement'])[k], 'neutral', now(), now()
         FROM ${ids} c CROSS JOIN generate_series(1, 3) k`,
      [tenantId],
    );
    say('contacts');
    await db.query(
      `INSERT INTO deals (tenant_id, id, name, customer_id, amount_minor, currency, status, closed_at, owner_id,
                          created_at, updated_at)
       SELECT $1, gen_random_uuid(), '项目 ' || c.n || '-' || k, c.id, (10000 + (c.n * 7919 + k) % 990000) * 100, 'CNY',
              (ARRAY['won','won','lost','open'])[1 + (c.n + k) % 4],
              CASE WHEN (c.n + k) % 4 = 3 THEN NULL ELSE now() - make_interval(days => ((c.n * 31 + k * 97) % 900)::int) END,
              $2::uuid, now() - make_interval(days => ((c.n * 31 + k * 97) % 900)::int + 30), now()
         FROM ${ids} c CROSS JOIN generate_series(1, 1 + (c.n % 2)::int) k`,
      [tenantId, reps[0]],
    );
    say('deals');
    // 25 activities per customer, a day apart, the newest 0–199 days ago; every fifth an open task.
    const perCustomer = 25;
    const batch = 20_000;
    for (let from = 1; from <= CUSTOMERS; from += batch) {
      const to = Math.min(CUSTOMERS, from + batch - 1);
      await db.query(
        `INSERT INTO activities (tenant_id, id, kind, subject, occurred_at, due_at, customer_id, owner_id,
                                 created_at, updated_at)
         SELECT $1, gen_random_uuid(),
                CASE WHEN k % 5 = 0 THEN 'task' ELSE (ARRAY['call','email','meeting','visit','note'])[1 + k % 5] END,
                '跟进 ' || k, t.at, CASE WHEN k % 5 = 0 THEN t.at + interval '3 days' END, c.id, $2::uuid, t.at, t.at
           FROM ${ids} c
           CROSS JOIN generate_series(1, ${perCustomer}) k
           CROSS JOIN LATERAL (SELECT now() - make_interval(days => (c.n % 200)::int + k) AS at) t
          WHERE c.n BETWEEN $3 AND $4`,
        [tenantId, reps[1], from, to],
      );
      say(`${(to * perCustomer).toLocaleString('en-US')} activities`);
    }
    process.stdout.write('\n');
    await db.query('ANALYZE');
    const sample = await db.query<{ id: string }>(
      `SELECT id FROM customers WHERE tenant_id = $1 ORDER BY id LIMIT 200`,
      [tenantId],
    );
    return { sampleIds: sample.rows.map((r) => r.id) };
  } finally {
    await db.end();
  }
}

/** Starts the nightly recompute through the API and waits until every customer is graded after the start. */
async function timeRecompute(
  url: string,
  base: string,
  session: { cookie: string; csrfToken: string },
  tenantId: string,
): Promise<number> {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    const start = (await db.query<{ now: Date }>('SELECT now() AS now')).rows[0]?.now ?? new Date();
    const started = performance.now();
    const res = await fetch(`${base}/api/v1/retention-settings/recompute`, {
      method: 'POST',
      headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken },
    });
    if (res.status !== 202) throw new Error(`recompute answered ${res.status}: ${await res.text()}`);
    for (;;) {
      const { rows } = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM customer_retention WHERE tenant_id = $1 AND computed_at >= $2`,
        [tenantId, start],
      );
      if ((rows[0]?.n ?? 0) >= CUSTOMERS) return (performance.now() - started) / 1000;
      if (performance.now() - started > RECOMPUTE_LIMIT_MS) return Number.POSITIVE_INFINITY;
      await sleep(250);
    }
  } finally {
    await db.end();
  }
}

type ApiSession = { cookie: string; csrfToken: string };

/** A JSON write through the API as the signed-in admin; the answer's body, or an error naming the call. */
async function post<T>(base: string, session: ApiSession, url: string, body: unknown): Promise<T> {
  const res = await fetch(`${base}${url}`, {
    method: 'POST',
    headers: {
      cookie: session.cookie,
      'x-csrf-token': session.csrfToken,
      'content-type': 'application/json',
    },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status !== 201) throw new Error(`POST ${url} answered ${res.status}: ${text}`);
  return JSON.parse(text) as T;
}

/** The custom fields the seed fills on every customer: a select (`plan`) and a number (`plants`). */
async function defineCustomFields(base: string, session: ApiSession): Promise<void> {
  await post(base, session, '/api/v1/custom-fields', {
    object: 'customer',
    key: 'plan',
    labelZh: '套餐',
    labelEn: 'Plan',
    type: 'select',
    options: PLANS.map((value) => ({ value, labelZh: value, labelEn: value })),
  });
  await post(base, session, '/api/v1/custom-fields', {
    object: 'customer',
    key: 'plants',
    labelZh: '工厂数',
    labelEn: 'Plants',
    type: 'number',
  });
}

/**
 * A saved segment combining the custom fields with the tier most customers got from the recompute (so the
 * segment is neither empty nor everything): its id and how many customers it holds (capped).
 */
async function createSegment(
  url: string,
  base: string,
  session: ApiSession,
  tenantId: string,
): Promise<{ id: string; tier: string; count: string }> {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  let tier = 'potential';
  try {
    const { rows } = await db.query<{ tier: string }>(
      `SELECT tier FROM customers WHERE tenant_id = $1 AND tier IS NOT NULL
        GROUP BY tier ORDER BY count(*) DESC LIMIT 1`,
      [tenantId],
    );
    tier = rows[0]?.tier ?? tier;
  } finally {
    await db.end();
  }
  const segment = await post<{ id: string }>(base, session, '/api/v1/customer-segments', {
    name: 'Enterprise plan, 20+ plants',
    filters: { tier, custom: JSON.stringify({ plan: 'enterprise', plants: { min: 20 } }) },
  });
  const res = await fetch(`${base}/api/v1/customers/count?segment=${segment.id}`, {
    headers: { cookie: session.cookie },
  });
  const counted = (await res.json()) as { count: number; capped: boolean };
  return { id: segment.id, tier, count: `${counted.count}${counted.capped ? '+' : ''}` };
}

/** Scans of the at-risk list's partial index so far (the statistics collector's count, flushed lazily). */
async function atRiskIndexScans(url: string): Promise<number> {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    const { rows } = await db.query<{ n: string }>(
      `SELECT coalesce(sum(idx_scan), 0)::text AS n FROM pg_stat_user_indexes
        WHERE indexrelname = 'customers_at_risk_idx'`,
    );
    return Number(rows[0]?.n ?? 0);
  } finally {
    await db.end();
  }
}

/** Waits (the server's backends flush their counts within seconds of going idle) until the scans show up. */
async function atRiskScansSince(url: string, before: number, expected: number): Promise<number> {
  const until = performance.now() + 15_000;
  for (;;) {
    const scans = (await atRiskIndexScans(url)) - before;
    if (scans >= expected || performance.now() > until) return scans;
    await sleep(500);
  }
}

type Result = { name: string; load: Load };

const measured = (l: Load) => l.requests > 0 && l.errors === 0;

async function main(): Promise<number> {
  const adminUrl = process.env.DATABASE_URL ?? DEFAULT_PG;
  if (!(await reachable(adminUrl))) {
    console.error(`bench:customers needs PostgreSQL; ${new URL(adminUrl).host} is not reachable`);
    return 1;
  }
  const { entry } = await chooseEntry();
  const url = await freshPostgres(adminUrl);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'closeloop-bench-customers-'));
  onCleanup(async () => rmSync(dataDir, { recursive: true, force: true }));

  const server = await startServer(entry, 'postgres', dataDir, url);
  const session = await signIn(server.base);
  const tenantId = (JSON.parse(session.meBody) as { tenant: { id: string } }).tenant.id;
  await defineCustomFields(server.base, session);
  const { sampleIds } = await seed(url, tenantId);
  await settle(server.child.pid);

  console.log('recompute: tiers, lifecycle and health of every customer…');
  const recomputeS = await timeRecompute(url, server.base, session, tenantId);
  console.log(`recompute: ${recomputeS.toFixed(1)} s`);
  const segment = await createSegment(url, server.base, session, tenantId);
  console.log(`segment: tier ${segment.tier}, plan enterprise, 20+ plants: ${segment.count} customers`);

  const auth = { cookie: session.cookie };
  const barePort = await freePort();
  const bareUrl = `http://127.0.0.1:${barePort}/api/v1/me`;
  const bare = spawnChild(['--import', 'tsx', 'bench/bare-server.ts'], {
    ...process.env,
    PORT: String(barePort),
    BODY: session.meBody,
  });
  const results: Result[] = [];
  let atRisk = { requests: 0, scans: 0 };
  try {
    await waitFor200(bareUrl, bare, START_LIMIT_MS);
    const run = async (name: string, fn: () => Promise<Load>) => {
      console.log(`load: ${name}…`);
      results.push({ name, load: await fn() });
    };
    const each = (pathOf: (id: string) => string) => {
      let next = 0;
      return loadWith({
        url: server.base,
        headers: auth,
        requests: [
          {
            setupRequest: (request) => ({
              ...request,
              method: 'GET',
              path: pathOf(sampleIds[next++ % sampleIds.length] ?? ''),
            }),
          },
        ],
      });
    };
    await run('bare Fastify route (reference)', () => load(bareUrl));
    await run('customer page (GET /api/v1/customers/:id)', () => each((id) => `/api/v1/customers/${id}`));
    await run('timeline, first page (GET /api/v1/customers/:id/timeline)', () =>
      each((id) => `/api/v1/customers/${id}/timeline`),
    );
    await run('retention cards (GET /api/v1/customers/:id/retention)', () =>
      each((id) => `/api/v1/customers/${id}/retention`),
    );
    const scansBefore = await atRiskIndexScans(url);
    await run('at-risk list (GET /api/v1/customers?atRisk=true&sort=healthScore)', () =>
      load(`${server.base}/api/v1/customers?atRisk=true&sort=healthScore&limit=50`, auth),
    );
    atRisk = { requests: results[results.length - 1]?.load.requests ?? 0, scans: 0 };
    atRisk.scans = await atRiskScansSince(url, scansBefore, atRisk.requests);
    await run('segment list: custom fields + tier (GET /api/v1/customers?segment=…)', () =>
      load(`${server.base}/api/v1/customers?segment=${segment.id}&limit=50`, auth),
    );
    await run('bare Fastify route (reference, again)', () => load(bareUrl));
  } finally {
    await stopChild(bare);
    await stopChild(server.child);
  }
  await keepDatabaseIfAsked(adminUrl, url, 'CUSTOMERS_KEEP_DB');

  const bareMean =
    ((results[0]?.load.reqPerSec ?? 0) + (results[results.length - 1]?.load.reqPerSec ?? 0)) / 2;
  console.log(`\nPostgreSQL, ${CUSTOMERS.toLocaleString('en-US')} customers`);
  for (const r of results) {
    const ratio = bareMean > 0 ? `${((r.load.reqPerSec / bareMean) * 100).toFixed(1)} %` : '—';
    console.log(
      `  ${r.name.padEnd(66)} ${String(r.load.reqPerSec).padStart(6)} req/s  p50 ${String(r.load.p50Ms).padStart(3)} ms  p99 ${String(r.load.p99Ms).padStart(4)} ms  vs bare ${ratio.padStart(7)}  non-2xx ${r.load.non2xx}  errors ${r.load.errors}`,
    );
  }
  const pages = results.filter((r) => r.name.startsWith('customer page') || r.name.startsWith('timeline'));
  const goals = [
    ...pages.map((r) => ({
      goal: `${r.name} p99`,
      value: `${r.load.p99Ms} ms`,
      target: `<= ${GOALS.detailP99Ms} ms`,
      pass: measured(r.load) && r.load.p99Ms <= GOALS.detailP99Ms,
    })),
    {
      goal: `recompute of ${CUSTOMERS.toLocaleString('en-US')} customers`,
      value: `${recomputeS.toFixed(1)} s`,
      target: `<= ${GOALS.recomputeS} s`,
      pass: recomputeS <= GOALS.recomputeS,
    },
    ...results
      .filter((r) => r.name.startsWith('segment list'))
      .map((r) => ({
        goal: `${r.name} p99`,
        value: `${r.load.p99Ms} ms`,
        target: `<= ${GOALS.segmentP99Ms} ms`,
        pass: measured(r.load) && r.load.p99Ms <= GOALS.segmentP99Ms,
      })),
    {
      goal: 'at-risk list on its partial index (customers_at_risk_idx scans per request)',
      value: `${atRisk.scans} scans / ${atRisk.requests} requests`,
      target: '>= 1 scan per request',
      pass: atRisk.requests > 0 && atRisk.scans >= atRisk.requests,
    },
  ];
  console.log('\nGoals');
  for (const g of goals)
    console.log(`  ${g.pass ? 'PASS' : 'MISS'}  ${g.goal}: ${g.value} (goal ${g.target})`);
  mkdirSync(path.dirname(RESULTS), { recursive: true });
  writeFileSync(
    RESULTS,
    `${JSON.stringify({ at: new Date().toISOString(), customers: CUSTOMERS, cpus: os.cpus().length, loadAverage: os.loadavg(), recomputeS, segment, atRisk, results, goals }, null, 2)}\n`,
  );
  const broken = results.filter((r) => r.load.non2xx > 0 || r.load.errors > 0);
  if (broken.length > 0) {
    console.error(`bench:customers: answered with errors: ${broken.map((r) => r.name).join(', ')}`);
    return 1;
  }
  return Number.isFinite(recomputeS) ? 0 : 1;
}

let code = 1;
try {
  code = await main();
} catch (error) {
  if (!wasInterrupted())
    console.error('bench:customers failed:', error instanceof Error ? (error.stack ?? error.message) : error);
} finally {
  await cleanupAll();
}
process.exit(wasInterrupted() ? 130 : code);
