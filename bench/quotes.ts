import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { createTenantWithAdmin } from '../server/src/modules/auth';
import { products } from '../server/src/modules/catalog/catalog.tables';
import { createDeal } from '../server/src/modules/deals';
import { systemActor } from '../server/src/platform/audit';
import { loadConfig } from '../server/src/platform/config';
import { withTenant } from '../server/src/platform/db/tenancy';
import { startServer } from '../server/src/server';
import { DEFAULT_PG, freshPostgres, limitRun, ROOT, reachable } from './harness';

/**
 * `npm run bench:quotes`: the quote goals of issue #7 on PostgreSQL, measured in-process through the HTTP
 * stack (`app.inject`: routing, validation, auth, the service and the database; no socket):
 *   - a 200-line quote recalculated and saved (PUT lines, every line from the catalogue) p99 ≤ 50 ms;
 *   - the PDF of a 50-line bilingual quote ≤ 500 ms.
 * Absolute numbers, no baseline. PG_URL (default the local postgres) is the admin URL a fresh database is made
 * from; it is dropped at the end. Writes bench/results/quotes.json.
 */

const RESULTS = path.join(ROOT, 'bench', 'results', 'quotes.json');
const ADMIN_URL = process.env.PG_URL ?? DEFAULT_PG;
const SAVES = Number(process.env.QUOTE_SAVES ?? 200);
const PDFS = Number(process.env.QUOTE_PDFS ?? 20);
const GOALS = { saveP99Ms: 50, pdfMaxMs: 500 };
const PASSWORD = 'bench-password-1234';

limitRun(15 * 60_000);

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
const round = (n: number) => Math.round(n * 10) / 10;

async function main(): Promise<void> {
  if (!(await reachable(ADMIN_URL))) throw new Error(`no PostgreSQL at ${ADMIN_URL}`);
  const dbUrl = await freshPostgres(ADMIN_URL);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'closeloop-bench-quotes-'));
  const config = { ...loadConfig({ LOG_LEVEL: 'silent', DATA_DIR: dataDir }), databaseUrl: dbUrl };
  const running = await startServer({ config, role: 'all', open: { databaseUrl: dbUrl, dataDir } });
  const app = running.app;
  if (!app) throw new Error('no app');
  try {
    await app.ready();
    const email = `bench-quotes-${Date.now()}@example.com`;
    await createTenantWithAdmin(
      running.platform,
      { companyName: '基准测试公司', name: 'Admin', email, password: PASSWORD, locale: 'zh-CN' },
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
      payload: { name: '上海云帆信息科技有限公司' },
    });
    const customerId = customer.json<{ id: string }>().id;
    const deal = await withTenant(running.platform.db, tenantId, (tx) =>
      createDeal(tx, systemActor(tenantId), {
        name: '集团 ERP 升级',
        customerId,
        contactId: null,
        amountMinor: 5_000_000_00,
        currency: 'CNY',
        expectedCloseOn: null,
        source: null,
        campaignId: null,
        ownerId: me.user.id,
        teamId: null,
      }),
    );
    const productIds = Array.from({ length: 200 }, () => crypto.randomUUID());
    await withTenant(running.platform.db, tenantId, (tx) =>
      tx.insert(products).values(
        productIds.map((id, i) => ({
          tenantId,
          id,
          code: `P-${String(i).padStart(4, '0')}`,
          nameZh: `企业云服务套件 第${i}号（含实施与培训）`,
          nameEn: `Enterprise cloud suite no. ${i} (with implementation and training)`,
          category: i % 3 === 0 ? 'service' : 'software',
          unit: '套',
          listPriceMinor: 1_000_00 + i * 37,
          currency: 'CNY',
          taxRateBp: i % 3 === 0 ? 600 : 1300,
          costMinor: 400_00 + i * 11,
        })),
      ),
    );

    const create = await app.inject({
      method: 'POST',
      url: '/api/v1/quotes',
      headers,
      payload: { dealId: deal.id },
    });
    let quote = create.json<{ id: string; version: number }>();
    const save = async (lines: unknown[]) => {
      const started = performance.now();
      const res = await app.inject({
        method: 'PUT',
        url: `/api/v1/quotes/${quote.id}/lines`,
        headers,
        payload: { version: quote.version, lines },
      });
      const ms = performance.now() - started;
      if (res.statusCode !== 200)
        throw new Error(`PUT lines answered ${res.statusCode}: ${res.body.slice(0, 300)}`);
      quote = res.json<{ id: string; version: number }>();
      return ms;
    };
    const linesFor = (n: number, round: number) =>
      productIds.slice(0, n).map((productId, i) => ({
        productId,
        quantity: `${(i % 7) + 1}.${String((round * 13 + i) % 1000).padStart(3, '0')}`,
        discountBp: (i * 17 + round) % 1500,
      }));

    // Warm-up, then the measured saves: 200 catalogue lines, each save with new quantities and discounts.
    for (let r = 0; r < 5; r++) await save(linesFor(200, r));
    const saveMs: number[] = [];
    for (let r = 0; r < SAVES; r++) saveMs.push(await save(linesFor(200, r + 10)));
    saveMs.sort((a, b) => a - b);

    // A 50-line quote's PDF (live preview: snapshot, layout and CJK font subsetting every time).
    await save(linesFor(50, 1));
    const pdfMs: number[] = [];
    let pdfBytes = 0;
    for (let r = 0; r < PDFS + 2; r++) {
      const started = performance.now();
      const res = await app.inject({ method: 'GET', url: `/api/v1/quotes/${quote.id}/pdf`, headers });
      const ms = performance.now() - started;
      if (res.statusCode !== 200) throw new Error(`PDF answered ${res.statusCode}`);
      pdfBytes = res.rawPayload.length;
      if (r >= 2) pdfMs.push(ms);
    }
    pdfMs.sort((a, b) => a - b);

    const result = {
      at: new Date().toISOString(),
      database: 'postgres',
      save200Lines: {
        requests: saveMs.length,
        p50Ms: round(percentile(saveMs, 50)),
        p99Ms: round(percentile(saveMs, 99)),
        maxMs: round(saveMs[saveMs.length - 1] ?? Number.NaN),
        goalP99Ms: GOALS.saveP99Ms,
      },
      pdf50Lines: {
        renders: pdfMs.length,
        p50Ms: round(percentile(pdfMs, 50)),
        maxMs: round(pdfMs[pdfMs.length - 1] ?? Number.NaN),
        bytes: pdfBytes,
        goalMaxMs: GOALS.pdfMaxMs,
      },
    };
    mkdirSync(path.dirname(RESULTS), { recursive: true });
    writeFileSync(RESULTS, `${JSON.stringify(result, null, 2)}\n`);
    console.log(JSON.stringify(result, null, 2));
    const met = result.save200Lines.p99Ms <= GOALS.saveP99Ms && result.pdf50Lines.maxMs <= GOALS.pdfMaxMs;
    console.log(met ? 'quotes bench: goals met' : 'quotes bench: GOALS MISSED');
    process.exitCode = met ? 0 : 1;
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
