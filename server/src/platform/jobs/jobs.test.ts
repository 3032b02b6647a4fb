import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import {
  addUser,
  as,
  freshDatabase,
  newTenant,
  type TestApp,
  useSmtpReceiver,
  useTestApp,
  waitFor,
} from '../../../test/helper';
import { startServer } from '../../server';
import { loadConfig } from '../config';
import type { DatabaseHandle } from '../db/database';
import { outboxMails } from '../db/platform.tables';
import { withTenant } from '../db/tenancy';
import { sendMailJob } from '../mail/mail';
import type { Platform } from '../platform';

/** Background jobs: durable across restarts, idempotent mail delivery over real SMTP, and the dead-letter view. */

/** The text body of a single-part message, undoing quoted-printable or base64 transfer encoding. */
function bodyText(raw: string): string {
  const split = raw.indexOf('\r\n\r\n');
  const headers = raw.slice(0, split).toLowerCase();
  const body = raw.slice(split + 4);
  if (headers.includes('content-transfer-encoding: quoted-printable')) {
    const bytes = body
      .replace(/=\r?\n/g, '')
      .replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  }
  if (headers.includes('content-transfer-encoding: base64')) {
    return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  }
  return body;
}

const smtp = await useSmtpReceiver();
const t = await useTestApp({ smtpUrl: smtp.smtpUrl });

async function outboxRow(db: DatabaseHandle, tenantId: string, to: string) {
  const rows = await withTenant(db, tenantId, (tx) =>
    tx.select().from(outboxMails).where(eq(outboxMails.to, to)),
  );
  return rows[0];
}

describe('durable jobs', () => {
  it('runs a job enqueued by a web process in a worker started later on the same database', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'closeloop-jobs-'));
    const config = loadConfig({ LOG_LEVEL: 'silent', DATA_DIR: dataDir });
    // PGlite: a data directory on disk, reopened by the second process. PostgreSQL: the same database.
    const shared = t.db.kind === 'postgres' ? await freshDatabase() : undefined;
    const start = (role: 'web' | 'worker') =>
      startServer({ config, role, ...(shared ? { database: shared } : {}) });

    const web = await start('web');
    let tenantId = '';
    const invitee = 'durable@example.com';
    try {
      const app = web.app;
      if (!app) throw new Error('web role has no app');
      await app.ready();
      const webApp: TestApp = { app, platform: web.platform, db: web.platform.db, dataDir, close: web.stop };
      const admin = await newTenant(webApp);
      tenantId = admin.me.tenant.id;
      const res = await as(
        webApp,
        admin,
      )({
        method: 'POST',
        url: '/api/v1/users/invitations',
        payload: { email: invitee, name: 'Durable', role: 'rep' },
      });
      expect(res.statusCode).toBe(201);
      // A web process only enqueues: the mail is still waiting a while later.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect((await outboxRow(web.platform.db, tenantId, invitee))?.status).toBe('queued');
    } finally {
      await web.stop();
    }

    const worker = await start('worker');
    try {
      expect(worker.app).toBeNull();
      const row = await waitFor(async () => {
        const r = await outboxRow(worker.platform.db, tenantId, invitee);
        return r && r.status !== 'queued' ? r : undefined;
      }, 'the worker to run the mail job');
      // No SMTP server configured: the mail is held in the outbox for admins to read.
      expect(row).toMatchObject({ status: 'held', attempts: 1 });
    } finally {
      await worker.stop();
      await shared?.close();
    }
  });
});

describe('mail delivery over SMTP', () => {
  it('delivers an invitation exactly once, and a repeated send job sends nothing more', async () => {
    const admin = await newTenant(t);
    const invitee = 'smtp-invitee@example.com';
    const res = await as(
      t,
      admin,
    )({
      method: 'POST',
      url: '/api/v1/users/invitations',
      payload: { email: invitee, name: 'Sam Smtp', role: 'rep' },
    });
    expect(res.statusCode).toBe(201);
    const { inviteUrl } = res.json<{ inviteUrl: string }>();

    const mine = () => smtp.received.filter((m) => m.to.includes(invitee));
    const row = await waitFor(async () => {
      const r = await outboxRow(t.db, admin.me.tenant.id, invitee);
      return r?.status === 'sent' && mine().length > 0 ? r : undefined;
    }, 'the invitation to be sent');
    expect(row.sentAt).not.toBeNull();
    expect(mine()).toHaveLength(1);
    expect(bodyText(mine()[0]?.raw ?? '')).toContain(inviteUrl);

    await sendMailJob.handler(
      { tenantId: admin.me.tenant.id, mailId: row.id },
      { jobId: 'manual-repeat', log: t.platform.log, platform: t.platform },
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(mine()).toHaveLength(1);
    expect(await outboxRow(t.db, admin.me.tenant.id, invitee)).toMatchObject({
      status: 'sent',
      attempts: row.attempts,
    });
  });
});

describe('failed jobs (dead letters)', () => {
  /** Enqueues a job for later and marks it failed, as pg-boss does once its retries are spent. */
  async function failedJobFor(platform: Platform, tenantId: string): Promise<string> {
    const id = await platform.jobs.send(
      sendMailJob,
      { tenantId, mailId: '0190f5b4-0000-7000-8000-0000000000ff' },
      { startAfter: new Date(Date.now() + 3600_000) },
    );
    await platform.db.raw.query(
      `UPDATE pgboss.job SET state = 'failed', completed_on = now(), output = '{"message":"boom"}' WHERE id = $1`,
      [id],
    );
    return id;
  }

  it('lists the tenant’s failed jobs for admins and runs one again on request', async () => {
    const admin = await newTenant(t);
    const list = async () => {
      const res = await as(t, admin)({ method: 'GET', url: '/api/v1/admin/jobs/failed' });
      expect(res.statusCode).toBe(200);
      return res.json<{ items: { id: string; name: string; error: unknown }[] }>().items;
    };
    expect(await list()).toEqual([]);
    const id = await failedJobFor(t.platform, admin.me.tenant.id);
    expect(await list()).toEqual([
      expect.objectContaining({ id, name: 'mail.send', error: { message: 'boom' } }),
    ]);

    const retry = await as(t, admin)({ method: 'POST', url: `/api/v1/admin/jobs/${id}/retry` });
    expect(retry.statusCode).toBe(202);
    expect(await list()).toEqual([]);
    const again = await as(t, admin)({ method: 'POST', url: `/api/v1/admin/jobs/${id}/retry` });
    expect(again.statusCode).toBe(404);
  });

  it('is closed to reps', async () => {
    const admin = await newTenant(t);
    const rep = await addUser(t, admin, 'rep');
    const res = await as(t, rep.session)({ method: 'GET', url: '/api/v1/admin/jobs/failed' });
    expect(res.statusCode).toBe(403);
    expect(res.json<{ code: string }>().code).toBe('forbidden');
  });
});

describe('the outbox view', () => {
  it('shows an admin the tenant’s mails and filters by status', async () => {
    const admin = await newTenant(t);
    await addUser(t, admin, 'rep');
    const sent = await waitFor(async () => {
      const rows = await withTenant(t.db, admin.me.tenant.id, (tx) =>
        tx
          .select()
          .from(outboxMails)
          .where(and(eq(outboxMails.tenantId, admin.me.tenant.id), eq(outboxMails.status, 'sent'))),
      );
      return rows.length > 0 ? rows : undefined;
    }, 'a sent mail');
    const res = await as(t, admin)({ method: 'GET', url: '/api/v1/admin/outbox?status=sent' });
    expect(res.statusCode).toBe(200);
    const items = res.json<{ items: { id: string; status: string }[] }>().items;
    expect(items.map((i) => i.id)).toEqual(sent.map((s) => s.id));
    const queued = await as(t, admin)({ method: 'GET', url: '/api/v1/admin/outbox?status=queued' });
    expect(queued.json<{ items: unknown[] }>().items).toEqual([]);
  });
});
