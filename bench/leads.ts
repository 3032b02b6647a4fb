import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { chromium } from 'playwright-core';
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
  spawnChild,
  startServer,
  stopChild,
  waitFor200,
  wasInterrupted,
} from './harness';

/**
 * `npm run bench:leads`: the lead screens' goals of issue #3 on PostgreSQL with 1,000,000 leads (LEADS to
 * change): a filtered and sorted list page (p99 ≤ 50 ms), a lead's page (p99 ≤ 20 ms), and creating leads
 * through the API with duplicate check, scoring, assignment and audit (≥ 500/s). Each is loaded like the
 * platform bench (autocannon, 10 connections, 5 s) next to the bare Fastify route of the same run, so the
 * absolute goals come with a ratio that travels between machines. LEADS_KEEP_DB=name keeps the seeded database
 * (renamed) for EXPLAIN. Writes bench/results/leads.json.
 */

const RESULTS = path.join(ROOT, 'bench', 'results', 'leads.json');
const COUNT = Number(process.env.LEADS ?? 1_000_000);
const REPS = 40;
const GOALS = { listP99Ms: 50, detailP99Ms: 20, createPerSec: 500, firstRowsMs: 1000 };
const CHROMIUM = '/usr/bin/chromium';

limitRun(30 * 60_000);

/** A million leads in a few set-based statements: varied enough that filters and sorts behave as in life. */
async function seedLeads(
  url: string,
  tenantId: string,
): Promise<{ repIds: string[]; teamId: string; sampleIds: string[] }> {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    const teamId = (
      await db.query<{ id: string }>(
        `INSERT INTO teams (tenant_id, id, name, region) VALUES ($1, gen_random_uuid(), 'Bench East', '华东') RETURNING id`,
        [tenantId],
      )
    ).rows[0]?.id as string;
    const reps = await db.query<{ id: string }>(
      `INSERT INTO users (tenant_id, id, email, name, role, status)
       SELECT $1, gen_random_uuid(), 'rep' || g || '@bench.example', 'Rep ' || g, 'rep', 'active'
         FROM generate_series(1, ${REPS}) g RETURNING id`,
      [tenantId],
    );
    const repIds = reps.rows.map((r) => r.id);
    await db.query(
      `INSERT INTO team_members (tenant_id, team_id, user_id) SELECT $1, $2, unnest($3::uuid[])`,
      [tenantId, teamId, repIds],
    );
    const started = Date.now();
    const step = 100_000;
    for (let from = 1; from <= COUNT; from += step) {
      const to = Math.min(COUNT, from + step - 1);
      // Deterministic spread from the row number: statuses, grades, sources, owners, scores and ages.
      await db.query(
        `INSERT INTO leads (tenant_id, id, company_name, contact_name, title, phone, email, region, industry,
                            company_size, source, grade, status, score, owner_id, team_id, phone_norm,
                            email_norm, company_norm, assigned_at, sla_due_at, created_at, updated_at,
                            status_changed_at)
         SELECT $1, gen_random_uuid(),
                '上海' || (ARRAY['云帆','星河','恒瑞','华拓','精工'])[1 + g % 5] || '科技有限公司 ' || g,
                (ARRAY['张伟','王芳','李娜','刘洋','陈静','Priya Nair','Kevin Tan'])[1 + g % 7],
                (ARRAY['采购总监','技术总监','信息部经理','工程师','CTO'])[1 + g % 5],
                '138' || lpad((g % 100000000)::text, 8, '0'),
                'lead' || g || '@bench.example',
                (ARRAY['华东','华南','华北','Singapore'])[1 + g % 4],
                (ARRAY['装备制造','电子制造','软件与信息服务','新能源'])[1 + (g / 7) % 4],
                (ARRAY['1-19','20-99','100-499','500-999','1000-4999','5000+'])[1 + g % 6],
                (ARRAY['event','content','online_ad','partner_referral','customer_referral','social','cold_outreach','website_form'])[1 + (g / 3) % 8],
                (ARRAY['A','B','C',NULL])[1 + (g / 11) % 4],
                (ARRAY['new','contacted','nurturing','mql','sql','disqualified','archived','converted'])[1 + (g / 13) % 8],
                ((g::bigint * 7919) % 100)::int,
                ($3::uuid[])[1 + g % ${REPS}], $2,
                '+86138' || lpad((g % 100000000)::text, 8, '0'),
                'lead' || g || '@bench.example',
                '上海科技' || g,
                now() - make_interval(days => g % 180), now() - make_interval(days => g % 180) + interval '24 hours',
                now() - make_interval(days => g % 180, secs => g % 86400),
                now() - make_interval(days => g % 180, secs => g % 86400),
                now() - make_interval(days => g % 180)
           FROM generate_series($4::int, $5::int) g`,
        [tenantId, teamId, repIds, from, to],
      );
      process.stdout.write(
        `\rseed: ${to.toLocaleString('en-US')} leads (${Math.round((Date.now() - started) / 1000)} s)`,
      );
    }
    process.stdout.write('\n');
    // What the import and intake would leave: a scoring rule and a routing rule the API create path uses.
    await db.query(
      `INSERT INTO lead_score_rules (tenant_id, id, name, kind, field, operator, value, points)
       VALUES ($1, gen_random_uuid(), 'Senior title', 'attribute', 'title', 'contains', '"总监"', 15),
              ($1, gen_random_uuid(), 'Big company', 'attribute', 'companySize', 'in', '["1000-4999","5000+"]', 10)`,
      [tenantId],
    );
    await db.query(
      `INSERT INTO lead_assignment_rules (tenant_id, id, name, conditions, team_id)
       VALUES ($1, gen_random_uuid(), 'East', '{"regions":["华东"]}', $2)`,
      [tenantId, teamId],
    );
    await db.query('ANALYZE');
    const sample = await db.query<{ id: string }>(
      `SELECT id FROM leads WHERE tenant_id = $1 ORDER BY created_at DESC LIMIT 200`,
      [tenantId],
    );
    return { repIds, teamId, sampleIds: sample.rows.map((r) => r.id) };
  } finally {
    await db.end();
  }
}

type Result = { name: string; load: Load };

type Paint = { name: string; ms: number[] };

/**
 * The lead list in a real browser, filtered to about 125,000 leads (status new): from the start of the
 * navigation to the first table row on screen, over a full page load and over a click in the app's own
 * navigation, each five times (the median counts).
 */
async function browserPaint(base: string, cookie: string): Promise<Paint[] | null> {
  if (!existsSync(CHROMIUM)) {
    console.log(`browser: ${CHROMIUM} not installed, first-paint timing skipped`);
    return null;
  }
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    const context = await browser.newContext({ locale: 'en-US' });
    await context.addCookies(
      cookie.split('; ').map((pair) => {
        const [name = '', value = ''] = pair.split('=');
        return { name, value, url: base };
      }),
    );
    const page = await context.newPage();
    // What went wrong when no row shows: failed requests and script errors, printed with the timeout.
    const trouble: string[] = [];
    page.on('response', (r) => {
      if (r.status() >= 400) trouble.push(`${r.status()} ${r.url().replace(base, '')}`);
    });
    page.on('pageerror', (e) => trouble.push(`page error: ${e.message.split('\n')[0]}`));
    const firstRow = () =>
      page
        .locator('.ant-table-row')
        .first()
        .waitFor({ timeout: 30_000 })
        .catch(async (error: unknown) => {
          await page.screenshot({ path: path.join(ROOT, 'bench', 'results', 'lead-list-timeout.png') });
          throw new Error(
            `${error instanceof Error ? error.message.split('\n')[0] : String(error)}; ${trouble.slice(-5).join('; ') || 'no failed request'}`,
          );
        });
    const full: number[] = [];
    const inApp: number[] = [];
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      await page.goto(`${base}/leads?status=new`);
      await firstRow();
      full.push(Math.round(performance.now() - started));

      await page.goto(`${base}/profile`);
      await page.locator('h2').first().waitFor();
      const clicked = performance.now();
      // The Leads entry of the side navigation (antd names each item's element after its key, the path).
      await page.locator('aside [role="menuitem"][data-menu-id$="-/leads"]').click();
      await firstRow();
      inApp.push(Math.round(performance.now() - clicked));
    }
    return [
      { name: 'lead list, full page load to first rows', ms: full },
      { name: 'lead list, in-app navigation to first rows', ms: inApp },
    ];
  } finally {
    await browser.close();
  }
}

/** A load that completed no request, or timed out, measured nothing: never a pass. */
const measured = (l: Load) => l.requests > 0 && l.errors === 0;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

async function main(): Promise<number> {
  const adminUrl = process.env.DATABASE_URL ?? DEFAULT_PG;
  if (!(await reachable(adminUrl))) {
    console.error(`bench:leads needs PostgreSQL; ${new URL(adminUrl).host} is not reachable`);
    return 1;
  }
  const { entry } = await chooseEntry();
  const url = await freshPostgres(adminUrl);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'closeloop-bench-leads-'));
  onCleanup(async () => rmSync(dataDir, { recursive: true, force: true }));

  const server = await startServer(entry, 'postgres', dataDir, url);
  const session = await signIn(server.base);
  const tenantId = (JSON.parse(session.meBody) as { tenant: { id: string } }).tenant.id;
  const { repIds, sampleIds } = await seedLeads(url, tenantId);
  await settle(server.child.pid);

  const auth = { cookie: session.cookie };
  const barePort = await freePort();
  const bareUrl = `http://127.0.0.1:${barePort}/api/v1/me`;
  const bare = spawnChild(['--import', 'tsx', 'bench/bare-server.ts'], {
    ...process.env,
    PORT: String(barePort),
    BODY: session.meBody,
  });
  const results: Result[] = [];
  let paints: Paint[] | null = null;
  try {
    await waitFor200(bareUrl, bare, START_LIMIT_MS);
    const run = async (name: string, fn: () => Promise<Load>) => {
      console.log(`load: ${name}…`);
      results.push({ name, load: await fn() });
    };
    await run('bare Fastify route (reference)', () => load(bareUrl));
    await run('list: status + grade filter, sorted by score', () =>
      load(`${server.base}/api/v1/leads?status=new,contacted,mql&grade=A,B&sort=-score&limit=50`, auth),
    );
    await run("list: one rep's leads, newest first", () =>
      load(`${server.base}/api/v1/leads?ownerId=${repIds[3]}&sort=-createdAt&limit=50`, auth),
    );
    let next = 0;
    await run('lead page (GET /api/v1/leads/:id)', () =>
      loadWith({
        url: server.base,
        headers: auth,
        requests: [
          {
            setupRequest: (request) => ({
              ...request,
              method: 'GET',
              path: `/api/v1/leads/${sampleIds[next++ % sampleIds.length]}`,
            }),
          },
        ],
      }),
    );
    let serial = 0;
    await run('create (POST /api/v1/leads: dedupe, scoring, routing, audit)', () =>
      loadWith({
        url: server.base,
        headers: { ...auth, 'x-csrf-token': session.csrfToken, 'content-type': 'application/json' },
        requests: [
          {
            setupRequest: (request) => {
              serial += 1;
              return {
                ...request,
                method: 'POST',
                path: '/api/v1/leads',
                body: JSON.stringify({
                  companyName: `杭州新建科技有限公司 ${serial}`,
                  contactName: '赵磊',
                  title: '技术总监',
                  phone: `139${String(serial).padStart(8, '0')}`,
                  email: `new${serial}@bench.example`,
                  region: '华东',
                  companySize: '1000-4999',
                  source: 'event',
                  grade: 'A',
                }),
              };
            },
          },
        ],
      }),
    );
    // Last: a search that runs long must not leave queries behind that slow the workloads after it.
    await run('list: search by a phone number (trigram index), newest first', () =>
      load(`${server.base}/api/v1/leads?q=13800042424&sort=-createdAt&limit=50`, auth),
    );
    await run('bare Fastify route (reference, again)', () => load(bareUrl));
    console.log('browser: first rows of the lead list…');
    // A browser that cannot start or a page that never shows rows is reported, and the API numbers still count.
    paints = await browserPaint(server.base, session.cookie).catch((error: unknown) => {
      console.error(`browser: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
      return [{ name: 'lead list, first rows never painted', ms: [Number.POSITIVE_INFINITY] }];
    });
  } finally {
    await stopChild(bare);
    await stopChild(server.child);
  }
  await keepDatabaseIfAsked(adminUrl, url, 'LEADS_KEEP_DB');

  const bareMean =
    ((results[0]?.load.reqPerSec ?? 0) + (results[results.length - 1]?.load.reqPerSec ?? 0)) / 2;
  console.log(`\nPostgreSQL, ${COUNT.toLocaleString('en-US')} leads`);
  for (const r of results) {
    const ratio = bareMean > 0 ? `${((r.load.reqPerSec / bareMean) * 100).toFixed(1)} %` : '—';
    console.log(
      `  ${r.name.padEnd(62)} ${String(r.load.reqPerSec).padStart(6)} req/s  p50 ${String(r.load.p50Ms).padStart(3)} ms  p99 ${String(r.load.p99Ms).padStart(4)} ms  vs bare ${ratio.padStart(7)}  non-2xx ${r.load.non2xx}  errors ${r.load.errors}`,
    );
  }
  for (const p of paints ?? [])
    console.log(`  ${p.name.padEnd(62)} median ${median(p.ms)} ms  (${p.ms.join(', ')})`);
  const list = results.filter((r) => r.name.startsWith('list:'));
  const detail = results.find((r) => r.name.startsWith('lead page'));
  const create = results.find((r) => r.name.startsWith('create'));
  const goals = [
    ...list.map((r) => ({
      goal: `${r.name} p99`,
      value: `${r.load.p99Ms} ms`,
      target: `<= ${GOALS.listP99Ms} ms`,
      pass: measured(r.load) && r.load.p99Ms <= GOALS.listP99Ms,
    })),
    {
      goal: 'lead page p99',
      value: `${detail?.load.p99Ms} ms`,
      target: `<= ${GOALS.detailP99Ms} ms`,
      pass: detail !== undefined && measured(detail.load) && detail.load.p99Ms <= GOALS.detailP99Ms,
    },
    {
      goal: 'creates per second',
      value: `${create?.load.reqPerSec}/s`,
      target: `>= ${GOALS.createPerSec}/s`,
      pass: (create?.load.reqPerSec ?? 0) >= GOALS.createPerSec,
    },
    ...(paints ?? []).map((p) => ({
      goal: `${p.name} (median of ${p.ms.length})`,
      value: `${median(p.ms)} ms`,
      target: `<= ${GOALS.firstRowsMs} ms`,
      pass: median(p.ms) <= GOALS.firstRowsMs,
    })),
  ];
  console.log('\nGoals');
  for (const g of goals)
    console.log(`  ${g.pass ? 'PASS' : 'MISS'}  ${g.goal}: ${g.value} (goal ${g.target})`);
  mkdirSync(path.dirname(RESULTS), { recursive: true });
  writeFileSync(
    RESULTS,
    `${JSON.stringify({ at: new Date().toISOString(), leads: COUNT, cpus: os.cpus().length, loadAverage: os.loadavg(), results, paints, goals }, null, 2)}\n`,
  );
  const broken = results.filter((r) => r.load.non2xx > 0 || r.load.errors > 0);
  if (broken.length > 0) {
    console.error(`bench:leads: answered with errors: ${broken.map((r) => r.name).join(', ')}`);
    return 1;
  }
  return 0;
}

let code = 1;
try {
  code = await main();
} catch (error) {
  if (!wasInterrupted())
    console.error('bench:leads failed:', error instanceof Error ? (error.stack ?? error.message) : error);
} finally {
  await cleanupAll();
}
process.exit(wasInterrupted() ? 130 : code);
