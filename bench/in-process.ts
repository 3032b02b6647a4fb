import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { createTenantWithAdmin } from '../server/src/modules/auth';
import { createDeal } from '../server/src/modules/deals';
import { systemActor } from '../server/src/platform/audit';
import { loadConfig } from '../server/src/platform/config';
import { withTenant } from '../server/src/platform/db/tenancy';
import type { Platform } from '../server/src/platform/platform';
import { startServer } from '../server/src/server';
import { freshPostgres, reachable } from './harness';

/**
 * The set-up of the benches that measure in-process through the HTTP stack (`app.inject`): the real server on
 * a fresh PostgreSQL database, a company with its admin signed in, and one customer with one deal to work on.
 * `close()` stops the server and drops the database.
 */

export type InProcessBench = {
  app: FastifyInstance;
  platform: Platform;
  headers: Record<string, string>;
  tenantId: string;
  userId: string;
  dealId: string;
  close(): Promise<void>;
};

const PASSWORD = 'bench-password-1234';

export async function startInProcessBench(
  adminUrl: string,
  options: {
    label: string;
    companyName: string;
    customerName: string;
    dealName: string;
    amountMinor: number;
  },
): Promise<InProcessBench> {
  if (!(await reachable(adminUrl))) throw new Error(`no PostgreSQL at ${adminUrl}`);
  const dbUrl = await freshPostgres(adminUrl);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), `closeloop-bench-${options.label}-`));
  const config = { ...loadConfig({ LOG_LEVEL: 'silent', DATA_DIR: dataDir }), databaseUrl: dbUrl };
  const running = await startServer({ config, role: 'all', open: { databaseUrl: dbUrl, dataDir } });
  const close = async () => {
    await running.stop();
    rmSync(dataDir, { recursive: true, force: true });
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${new URL(dbUrl).pathname.slice(1)} WITH (FORCE)`);
    await admin.end();
  };
  try {
    const app = running.app;
    if (!app) throw new Error('no app');
    await app.ready();
    const email = `bench-${options.label}-${Date.now()}@example.com`;
    await createTenantWithAdmin(
      running.platform,
      { companyName: options.companyName, name: 'Admin', email, password: PASSWORD, locale: 'zh-CN' },
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
      payload: { name: options.customerName },
    });
    const customerId = customer.json<{ id: string }>().id;
    const deal = await withTenant(running.platform.db, tenantId, (tx) =>
      createDeal(tx, systemActor(tenantId), {
        name: options.dealName,
        customerId,
        contactId: null,
        amountMinor: options.amountMinor,
        currency: 'CNY',
        expectedCloseOn: null,
        source: null,
        campaignId: null,
        ownerId: me.user.id,
        teamId: null,
      }),
    );
    return {
      app,
      platform: running.platform,
      headers,
      tenantId,
      userId: me.user.id,
      dealId: deal.id,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/** The p-th percentile of ascending `sorted` (nearest rank). */
export const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;

/** Milliseconds to one decimal, for reports. */
export const round = (n: number) => Math.round(n * 10) / 10;
