import { mkdtempSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Me } from '@contracts/auth.contract';
import { PGlite } from '@electric-sql/pglite';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { SMTPServer } from 'smtp-server';
import { afterAll, inject } from 'vitest';
import { type Config, loadConfig } from '../src/platform/config';
import { type DatabaseHandle, openDatabase } from '../src/platform/db/database';
import { pgliteExtensions } from '../src/platform/db/pglite-extensions';
import type { Clock, Platform } from '../src/platform/platform';
import { startServer } from '../src/server';
import { withDatabase } from './global-setup';

/**
 * The test app: a fresh database per test file (copied from the migrated template), the real start-up
 * path, and `inject` for HTTP. Only what leaves the process (SMTP) is replaced, by real local servers.
 */

export type TestApp = {
  app: FastifyInstance;
  platform: Platform;
  db: DatabaseHandle;
  dataDir: string;
  close(): Promise<void>;
};

export async function freshDatabase(): Promise<DatabaseHandle> {
  if (process.env.TEST_DB === 'postgres') {
    const url = process.env.DATABASE_URL ?? '';
    const template = inject('pgTemplate');
    const name = `${template}_f${Math.random().toString(36).slice(2, 10)}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
    await admin.end();
    return openDatabase({ databaseUrl: withDatabase(url, name) });
  }
  const tar = readFileSync(inject('pgliteTemplate'));
  const db = new PGlite({ loadDataDir: new Blob([tar]), extensions: await pgliteExtensions() });
  await db.waitReady;
  return openDatabase({ pglite: db });
}

/** A clock the test moves by hand: SLA deadlines, decay and revisit dates without waiting. */
export type MovableClock = Clock & { advance(ms: number): void; set(at: Date): void };

export function movableClock(start = new Date()): MovableClock {
  let at = start.getTime();
  return {
    now: () => new Date(at),
    advance(ms) {
      at += ms;
    },
    set(date) {
      at = date.getTime();
    },
  };
}

export type TestAppOptions = { clock?: Clock };

export async function createTestApp(
  overrides: Partial<Config> = {},
  options: TestAppOptions = {},
): Promise<TestApp> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'closeloop-test-'));
  const config: Config = {
    ...loadConfig({ LOG_LEVEL: 'silent', DATA_DIR: dataDir }),
    ...overrides,
  };
  const db = await freshDatabase();
  const running = await startServer({
    config,
    database: db,
    role: 'all',
    ...(options.clock ? { clock: options.clock } : {}),
  });
  if (!running.app) throw new Error('no app');
  await running.app.ready();
  const testApp: TestApp = {
    app: running.app,
    platform: running.platform,
    db,
    dataDir,
    async close() {
      await running.stop();
      await db.close();
    },
  };
  return testApp;
}

/** Creates the app for this file and closes it after the file's tests. */
export async function useTestApp(
  overrides: Partial<Config> = {},
  options: TestAppOptions = {},
): Promise<TestApp> {
  const t = await createTestApp(overrides, options);
  afterAll(() => t.close());
  return t;
}

/** One message a test SMTP receiver accepted: the envelope recipients and the raw RFC 5322 text. */
export type ReceivedMail = { to: string[]; raw: string };

/**
 * A real SMTP receiver on 127.0.0.1 for this file, keeping every message it accepts; closed after the
 * file's tests. Pass `smtpUrl` to the app under test.
 */
export async function useSmtpReceiver(): Promise<{ received: ReceivedMail[]; smtpUrl: string }> {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  const listening = server.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => listening.once('listening', () => resolve()));
  const { port } = listening.address() as AddressInfo;
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { received, smtpUrl: `smtp://127.0.0.1:${port}` };
}

export type Session = { cookie: string; csrf: string; me: Me };

function cookiesOf(res: LightMyRequestResponse): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of res.cookies) out[c.name] = c.value;
  return out;
}

export function sessionFrom(res: LightMyRequestResponse): Session {
  const cookies = cookiesOf(res);
  const me = res.json<Me>();
  return {
    cookie: `cl_session=${cookies.cl_session ?? ''}`,
    csrf: me.csrfToken ?? '',
    me,
  };
}

let counter = 0;
export const PASSWORD = 'correct horse battery';

/** Signs up a brand-new tenant with its admin (setup is one-time, so later tenants go through the service). */
export async function newTenant(t: TestApp, company = `Company ${++counter}`): Promise<Session> {
  const { createTenantWithAdmin } = await import('../src/modules/auth');
  const email = `admin${++counter}-${Date.now()}@example.com`;
  await createTenantWithAdmin(
    t.platform,
    { companyName: company, name: 'Admin', email, password: PASSWORD, locale: 'en-US' },
    { onlyIfFirst: false, meta: null },
  );
  return login(t, email, PASSWORD);
}

export async function login(t: TestApp, email: string, password: string): Promise<Session> {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
  return sessionFrom(res);
}

/** An HTTP call as a signed-in user: cookie and CSRF header included. */
export function as(t: TestApp, s: Session) {
  return (options: InjectOptions) =>
    t.app.inject({
      ...options,
      headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, ...(options.headers ?? {}) },
    });
}

/** Invites a user with a role and accepts the invitation, returning their session. */
export async function addUser(t: TestApp, admin: Session, role: string, name = `User ${++counter}`) {
  const email = `u${++counter}-${Date.now()}@example.com`;
  const res = await as(
    t,
    admin,
  )({
    method: 'POST',
    url: '/api/v1/users/invitations',
    payload: { email, name, role },
  });
  if (res.statusCode !== 201) throw new Error(`invite failed: ${res.statusCode} ${res.body}`);
  const { inviteUrl, user } = res.json<{ inviteUrl: string; user: { id: string } }>();
  const token = new URL(inviteUrl).searchParams.get('token') ?? '';
  const accepted = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/invitations/accept',
    payload: { token, password: PASSWORD },
  });
  if (accepted.statusCode !== 200) throw new Error(`accept failed: ${accepted.statusCode} ${accepted.body}`);
  return { session: sessionFrom(accepted), userId: user.id, email };
}

/** An HTTP call authenticated with a personal API token (no cookie, no CSRF header). */
export function bearer(t: TestApp, secret: string) {
  return (options: InjectOptions) =>
    t.app.inject({ ...options, headers: { authorization: `Bearer ${secret}`, ...(options.headers ?? {}) } });
}

/** Polls `probe` until it returns a value other than undefined, or fails after `timeoutMs`. */
export async function waitFor<T>(
  probe: () => Promise<T | undefined>,
  what: string,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A multipart/form-data body with one file part, built by hand (what a browser form would send). */
export function multipartFile(
  filename: string,
  content: Buffer | string,
  contentType = 'application/octet-stream',
  field = 'file',
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----closeloop${Math.random().toString(16).slice(2)}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\n` +
        `Content-Type: ${contentType}\r\n\r\n`,
    ),
    Buffer.isBuffer(content) ? content : Buffer.from(content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
