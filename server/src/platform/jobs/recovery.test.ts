import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { newTenant, useSmtpReceiver, useTestApp, waitFor } from '../../../test/helper';
import { tryLease } from '../db/lease';
import { outboxMails } from '../db/platform.tables';
import { withTenant } from '../db/tenancy';
import { queueMail, sendMailJob } from '../mail/mail';
import { JOB_SCHEMA, recoverOrphanedJobs, UNMARKED_GRACE_SECONDS, workerLeaseName } from './jobs';

/**
 * Jobs of a killed worker: an active job whose worker's lease is gone goes back to retry at the next sweep and
 * then runs (its mail is delivered once); a job a live worker runs is never taken over, whichever process it
 * lives in.
 */

const smtp = await useSmtpReceiver();
const t = await useTestApp({ smtpUrl: smtp.smtpUrl });
const admin = await newTenant(t);
const tenantId = admin.me.tenant.id;
// Sweeps in these tests ignore this process's start (on PGlite, jobs fetched before it are all orphans).
const longAgo = new Date(0);

async function queuedMail(): Promise<string> {
  return withTenant(t.db, tenantId, (tx) =>
    queueMail(tx, tenantId, { to: `r${randomUUID()}@example.com`, subject: 'Recovered', text: 'Once.' }),
  );
}

/** A mail job as a worker leaves it when it dies: active, marked by `worker` (or not yet marked). */
async function activeJob(
  mailId: string,
  worker: string | null,
  startedSecondsAgo: number,
  retry = { count: 0, limit: 8 },
): Promise<string> {
  const { rows } = await t.db.raw.query<{ id: string }>(
    `INSERT INTO ${JOB_SCHEMA}.job (name, data, state, started_on, output, retry_count, retry_limit, singleton_key)
     VALUES ('mail.send', $1::jsonb, 'active', now() - make_interval(secs => $2),
             CASE WHEN $3::text IS NULL THEN NULL ELSE jsonb_build_object('runBy', $3::text) END, $4, $5, $6)
     RETURNING id::text`,
    [JSON.stringify({ tenantId, mailId }), startedSecondsAgo, worker, retry.count, retry.limit, mailId],
  );
  const id = rows[0]?.id;
  if (!id) throw new Error('no job inserted');
  return id;
}

async function job(id: string) {
  const { rows } = await t.db.raw.query<{ state: string; retry_count: number; output: unknown }>(
    `SELECT state::text, retry_count, output FROM ${JOB_SCHEMA}.job WHERE id = $1`,
    [id],
  );
  return rows[0];
}

const delivered = (mailId: string) =>
  smtp.received.filter((m) => m.raw.includes(`Message-ID: <${mailId}@closeloop>`)).length;

async function sent(mailId: string): Promise<true | undefined> {
  const rows = await withTenant(t.db, tenantId, (tx) =>
    tx.select().from(outboxMails).where(eq(outboxMails.id, mailId)),
  );
  return rows[0]?.status === 'sent' ? true : undefined;
}

/**
 * A worker lease held by another process. On PostgreSQL: an advisory lock on a connection this process's
 * lease book does not know, ended by terminating that connection's backend, as the death of its process does.
 * PGlite has one process, so there it is a lease of this one.
 */
async function otherWorker(workerId: string): Promise<{ die: () => Promise<void> }> {
  const name = workerLeaseName(workerId);
  if (t.db.kind === 'pglite') {
    const lease = await tryLease(t.db, name);
    if (!lease) throw new Error('lease taken');
    return { die: () => lease.release() };
  }
  let pid = 0;
  let locked = () => {};
  const ready = new Promise<void>((resolve) => {
    locked = resolve;
  });
  const held = t.db
    .withConnection(async (_db, raw) => {
      const { rows } = await raw.query<{ pid: number }>(
        'SELECT pg_backend_pid() AS pid, pg_advisory_lock(hashtextextended($1, 0))',
        [name],
      );
      pid = rows[0]?.pid ?? 0;
      locked();
      // Parked until the backend is terminated: the next statement fails with the lost connection.
      await raw.query('SELECT pg_sleep(60)');
    })
    .catch(() => {});
  await ready;
  return {
    async die() {
      await t.db.raw.query('SELECT pg_terminate_backend($1)', [pid]);
      await held;
    },
  };
}

describe('jobs of a stopped worker', () => {
  it('puts an active job whose worker died back to retry at the next sweep; it then runs once', async () => {
    const mailId = await queuedMail();
    const id = await activeJob(mailId, randomUUID(), 1);
    const swept = await recoverOrphanedJobs(t.db, longAgo);
    expect(swept.recovered).toBe(1);
    expect(['retry', 'active', 'completed']).toContain((await job(id))?.state);
    await waitFor(() => sent(mailId), 'the recovered mail to be sent');
    await waitFor(async () => ((await job(id))?.state === 'completed' ? true : undefined), 'completion');
    // The attempt the dead worker made counts.
    expect((await job(id))?.retry_count).toBe(1);
    expect(delivered(mailId)).toBe(1);
  });

  it('leaves alone a job a live worker in another process runs, and takes it back once that worker dies', async () => {
    const workerId = randomUUID();
    const worker = await otherWorker(workerId);
    const mailId = await queuedMail();
    const id = await activeJob(mailId, workerId, 3600);
    expect((await recoverOrphanedJobs(t.db, longAgo)).recovered).toBe(0);
    expect((await job(id))?.state).toBe('active');
    expect(delivered(mailId)).toBe(0);

    await worker.die();
    expect((await recoverOrphanedJobs(t.db, longAgo)).recovered).toBe(1);
    await waitFor(() => sent(mailId), 'the mail of the dead worker to be sent');
    expect(delivered(mailId)).toBe(1);
  });

  it('gives a fetched job its worker has not marked yet the grace, then takes it back', async () => {
    const mailId = await queuedMail();
    const id = await activeJob(mailId, null, 1);
    const young = await recoverOrphanedJobs(t.db, longAgo);
    expect(young.recovered).toBe(0);
    expect(young.unmarked).toBeGreaterThanOrEqual(1);
    expect((await job(id))?.state).toBe('active');

    await t.db.raw.query(
      `UPDATE ${JOB_SCHEMA}.job SET started_on = now() - make_interval(secs => $2) WHERE id = $1`,
      [id, UNMARKED_GRACE_SECONDS + 1],
    );
    expect((await recoverOrphanedJobs(t.db, longAgo)).recovered).toBe(1);
    await waitFor(() => sent(mailId), 'the unmarked job’s mail to be sent');
    expect(delivered(mailId)).toBe(1);
  });

  it('on PGlite takes back at once an unmarked job fetched before this process started (one process owns it)', async () => {
    const mailId = await queuedMail();
    const id = await activeJob(mailId, null, 1);
    const swept = await recoverOrphanedJobs(t.db, new Date());
    if (t.db.kind === 'pglite') {
      expect(swept.recovered).toBe(1);
      await waitFor(() => sent(mailId), 'the mail to be sent');
    } else {
      // Another live process may have fetched it a moment ago: PostgreSQL waits for the grace.
      expect(swept.recovered).toBe(0);
      expect((await job(id))?.state).toBe('active');
      await t.db.raw.query(`UPDATE ${JOB_SCHEMA}.job SET state = 'cancelled' WHERE id = $1`, [id]);
    }
  });

  it('fails a recovered job that has used up its retries, saying why', async () => {
    const mailId = await queuedMail();
    const id = await activeJob(mailId, randomUUID(), 1, { count: 8, limit: 8 });
    expect((await recoverOrphanedJobs(t.db, longAgo)).recovered).toBe(1);
    expect(await job(id)).toMatchObject({
      state: 'failed',
      output: { message: 'the worker running this job stopped' },
    });
  });
});

describe('the worker lease', () => {
  const advisoryHolders = async () =>
    (
      await t.db.raw.query<{ pid: number }>(
        `SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted
            AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
      )
    ).rows.map((r) => r.pid);

  it.skipIf(t.db.kind === 'pglite')(
    'is taken again when the database dropped it (its connection lost), before the worker marks more jobs',
    async () => {
      const [holder] = await advisoryHolders();
      expect(holder).toBeDefined();
      await t.db.raw.query('SELECT pg_terminate_backend($1)', [holder]);
      await waitFor(
        async () => ((await advisoryHolders()).length === 0 ? true : undefined),
        'the lock to go',
      );
      // The lease is checked at most every 5 s: after that, the next batch takes it again before it runs.
      await new Promise((resolve) => setTimeout(resolve, 5_100));
      const mailId = await queuedMail();
      await t.platform.jobs.send(sendMailJob, { tenantId, mailId });
      await waitFor(() => sent(mailId), 'the mail to be sent');
      const now = await advisoryHolders();
      expect(now).toHaveLength(1);
      expect(now[0]).not.toBe(holder);
    },
    20_000,
  );
});

describe('mail sending under duplicate jobs', () => {
  it('sends a mail once when two jobs for it run at the same time', async () => {
    const mailId = await queuedMail();
    const ctx = (jobId: string) => ({ jobId, log: t.platform.log, platform: t.platform });
    await Promise.all([
      sendMailJob.handler({ tenantId, mailId }, ctx(randomUUID())),
      sendMailJob.handler({ tenantId, mailId }, ctx(randomUUID())),
      sendMailJob.handler({ tenantId, mailId }, ctx(randomUUID())),
    ]);
    await waitFor(() => sent(mailId), 'the mail to be sent');
    expect(delivered(mailId)).toBe(1);
  });
});
