import { randomUUID } from 'node:crypto';
import PgBoss from 'pg-boss';
import { z } from 'zod';
import type { DatabaseHandle } from '../db/database';
import { isLeased, type Lease, tryLease } from '../db/lease';
import type { Logger } from '../logger';
import type { Platform } from '../platform';

/**
 * Durable background work on pg-boss, in the same database as the data (PGlite or PostgreSQL).
 * A job is a definition: a name, a zod payload and a handler. Anything that must happen later is a job,
 * never a timer in memory, so it survives a restart.
 */

export type JobContext = { jobId: string; log: Logger; platform: Platform };

export type JobDefinition<P extends z.ZodType = z.ZodType> = {
  name: string;
  payload: P;
  handler: (payload: z.output<P>, ctx: JobContext) => Promise<void>;
  retryLimit?: number;
  retryDelaySeconds?: number;
  expireInSeconds?: number;
  /** Cron expression (UTC): pg-boss runs each slot once however many workers run. */
  cron?: string;
  /** Also run once whenever a worker starts (recovery sweeps that should not wait for their cron slot). */
  atStart?: boolean;
  /** pg-boss queue policy; `short` keeps at most one job waiting (a send while one waits is dropped). */
  policy?: 'standard' | 'short' | 'singleton' | 'stately';
  /** Jobs fetched per poll (1 by default): a worker polls once a second, so a busy queue (mail) takes more. */
  batchSize?: number;
  /** Jobs of a batch run at once (1 by default); keep it well under the connection pool's size. */
  concurrency?: number;
};

export function defineJob<P extends z.ZodType>(definition: JobDefinition<P>): JobDefinition<P> {
  return definition;
}

export type SendOptions = { startAfter?: Date | number; singletonKey?: string; id?: string };

export type Jobs = {
  send<P extends z.ZodType>(
    job: JobDefinition<P>,
    payload: z.input<P>,
    options?: SendOptions,
  ): Promise<string>;
  /** Jobs in state "failed" for a tenant (payloads carry tenantId): the dead letters admins see. */
  failed(tenantId: string): Promise<FailedJobRow[]>;
  retry(tenantId: string, jobId: string): Promise<boolean>;
  /**
   * Starts the handlers, cron schedules and start-up jobs (role worker or all). Separate from `startJobs` so
   * that the platform handed to handlers already holds these jobs when the first handler runs.
   */
  startWork(): Promise<void>;
  stop(): Promise<void>;
};

export type FailedJobRow = {
  id: string;
  name: string;
  data: unknown;
  output: unknown;
  retry_count: number;
  created_on: Date;
  completed_on: Date | null;
};

export const JOB_SCHEMA = 'pgboss';

/**
 * pg-boss speaks through `executeSql`; PGlite needs parameter-less (often multi-statement) SQL run with exec.
 *
 * pg-boss records a finished job (complete/fail) without awaiting it, and its graceful stop returns as soon as
 * no handler runs, so that statement may still be in flight. `drain` waits for every statement sent. Once
 * `close` was called, a late statement (from a handler that outlived the stop) is dropped with a warning and
 * never answers: rejecting would be an unhandled rejection inside pg-boss, and the job it would have recorded
 * stays `active`, so the orphan sweep of the next start runs it again.
 */
function bossDb(handle: DatabaseHandle, log: Logger): PgBoss.Db & { drain(): Promise<void>; close(): void } {
  const inFlight = new Set<Promise<unknown>>();
  let closed = false;
  const run = async (text: string, values: unknown[]) => {
    if (handle.kind === 'pglite' && (!values || values.length === 0)) {
      try {
        return await handle.raw.exec(text);
      } catch (error) {
        // A failed multi-statement script may leave the single PGlite connection inside a transaction.
        await handle.raw.exec('ROLLBACK').catch(() => {});
        throw error;
      }
    }
    return handle.raw.query(text, values ?? []);
  };
  return {
    executeSql(text: string, values: unknown[]) {
      if (closed) {
        log.warn({ statement: text.slice(0, 80) }, 'job queue statement after stop dropped');
        return new Promise<never>(() => {});
      }
      const sent = run(text, values);
      inFlight.add(sent);
      const forget = () => inFlight.delete(sent);
      sent.then(forget, forget);
      return sent;
    },
    async drain() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
    close() {
      closed = true;
    },
  };
}

export type StartJobsOptions = {
  handle: DatabaseHandle;
  definitions: readonly JobDefinition[];
  log: Logger;
  /** The platform handed to handlers (it holds these jobs, hence the getter). */
  platform: () => Platform;
  /** Run handlers and cron schedules in this process (role worker or all). */
  work: boolean;
};

/**
 * Jobs of a worker that died. pg-boss leaves a job its killed worker was running `active` until it expires
 * (15 minutes for mail), so each worker process holds a lease named after its own id for as long as it runs,
 * and marks every job it fetches with that id (in `output`, which pg-boss only writes when the job ends). A
 * sweep at every worker start, every minute and shortly after it saw a job not yet marked, puts the active
 * jobs of workers whose lease is gone back to `retry` (the next fetch counts the attempt), and never touches a
 * job whose worker lives.
 */
export const RECOVER_JOB = 'jobs.recover';
const RUN_BY = 'runBy';
/** The mark follows the fetch within milliseconds: a job left unmarked longer lost its worker in between. */
export const UNMARKED_GRACE_SECONDS = 15;
export const workerLeaseName = (workerId: string) => `jobs.worker:${workerId}`;

const LEASE_CHECK_MS = 5_000;
/** How much longer than pg-boss's own stop timeout a running handler may take before the database closes. */
const STOP_GRACE_MS = 20_000;

/**
 * Whether some session holds the advisory lock of lease `name` (worker ids are unique, so it is this worker's).
 * PGlite: this process's lease book is the whole truth. pg_locks shows a bigint key as two oids.
 */
async function holdsInDatabase(handle: DatabaseHandle, name: string): Promise<boolean> {
  if (handle.kind === 'pglite') return true;
  const { rows } = await handle.raw.query<{ held: boolean }>(
    `SELECT EXISTS (
       SELECT 1 FROM pg_locks
        WHERE locktype = 'advisory' AND granted AND objsubid = 1
          AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
          AND ((classid::bigint << 32) | objid::bigint) = hashtextextended($1, 0)) AS held`,
    [name],
  );
  return rows[0]?.held === true;
}

type ActiveJob = { id: string; name: string; worker: string | null; started: string; stale: boolean };

/** Puts the active jobs of dead workers back to retry (failed past their retry limit); returns how many. */
export async function recoverOrphanedJobs(
  handle: DatabaseHandle,
  startedAt: Date,
): Promise<{ recovered: number; unmarked: number }> {
  // Unmarked jobs: past the grace, or on PGlite (one process owns the data) fetched before this process began.
  const { rows } = await handle.raw.query<ActiveJob>(
    `SELECT id::text, name, output->>'${RUN_BY}' AS worker, started_on::text AS started,
            (started_on < now() - make_interval(secs => $1) OR ($2::boolean AND started_on < $3::timestamptz)) AS stale
       FROM ${JOB_SCHEMA}.job WHERE state = 'active'`,
    [UNMARKED_GRACE_SECONDS, handle.kind === 'pglite', startedAt.toISOString()],
  );
  const alive = new Map<string, boolean>();
  for (const worker of new Set(rows.map((r) => r.worker))) {
    if (worker) alive.set(worker, await isLeased(handle, workerLeaseName(worker)));
  }
  let recovered = 0;
  let unmarked = 0;
  for (const job of rows) {
    const orphaned = job.worker ? alive.get(job.worker) === false : job.stale;
    if (!job.worker && !job.stale) unmarked += 1;
    if (!orphaned) continue;
    // Only the run seen above: still active, same start, same mark (another sweep may have been first).
    const res = await handle.raw.query(
      `UPDATE ${JOB_SCHEMA}.job SET
          state = CASE WHEN retry_count < retry_limit THEN 'retry'::${JOB_SCHEMA}.job_state
                       ELSE 'failed'::${JOB_SCHEMA}.job_state END,
          start_after = now(),
          completed_on = CASE WHEN retry_count < retry_limit THEN NULL ELSE now() END,
          output = jsonb_build_object('message', 'the worker running this job stopped'::text)
        WHERE name = $1 AND id = $2::uuid AND state = 'active' AND started_on::text = $3
          AND (output->>'${RUN_BY}') IS NOT DISTINCT FROM $4::text
        RETURNING id`,
      [job.name, job.id, job.started, job.worker],
    );
    recovered += res.rows.length;
  }
  return { recovered, unmarked };
}

export async function startJobs(options: StartJobsOptions): Promise<Jobs> {
  const { handle, definitions, log, work, platform } = options;
  const db = bossDb(handle, log);
  const boss = new PgBoss({
    db,
    schema: JOB_SCHEMA,
    supervise: work,
    schedule: work,
    migrate: true,
  });
  boss.on('error', (error) => log.error({ err: error }, 'job queue error'));
  await boss.start();

  for (const def of definitions) {
    await boss.createQueue(def.name, {
      name: def.name,
      policy: def.policy ?? 'standard',
      retryLimit: def.retryLimit ?? 5,
      retryDelay: def.retryDelaySeconds ?? 10,
      retryBackoff: true,
      expireInSeconds: def.expireInSeconds ?? 15 * 60,
    });
  }
  if (work) await boss.createQueue(RECOVER_JOB, { name: RECOVER_JOB, retryLimit: 2, expireInSeconds: 120 });

  const workerId = randomUUID();
  const startedAt = new Date();
  let workerLease: Lease | null = null;
  let leaseCheckedAt = 0;
  /**
   * Holds this worker's lease, taking it again when the database dropped it (the lease's connection was lost,
   * e.g. a PostgreSQL restart): checked at most every few seconds, before marking jobs and in every sweep.
   */
  const holdWorkerLease = async (force = false) => {
    if (!force && Date.now() - leaseCheckedAt < LEASE_CHECK_MS) return;
    leaseCheckedAt = Date.now();
    if (workerLease && (await holdsInDatabase(handle, workerLeaseName(workerId)))) return;
    await workerLease?.release();
    workerLease = await tryLease(handle, workerLeaseName(workerId));
    if (!workerLease) throw new Error(`worker lease ${workerId} is held elsewhere`);
  };

  /** Marks a fetched batch as this worker's; a job a sweep took back meanwhile is not returned. */
  const markRunning = async (name: string, jobs: readonly PgBoss.JobWithMetadata<unknown>[]) => {
    const { rows } = await handle.raw.query<{ id: string }>(
      `UPDATE ${JOB_SCHEMA}.job j SET output = jsonb_build_object('${RUN_BY}', $1::text)
         FROM jsonb_to_recordset($3::jsonb) AS r(id uuid, retry_count integer)
        WHERE j.name = $2 AND j.id = r.id AND j.retry_count = r.retry_count AND j.state = 'active'
        RETURNING j.id::text`,
      [workerId, name, JSON.stringify(jobs.map((j) => ({ id: j.id, retry_count: j.retryCount })))],
    );
    return new Set(rows.map((r) => r.id));
  };

  /** Batches whose handlers run now: a stop waits for them (bounded) before the database may close. */
  const running = new Set<Promise<void>>();
  const track = (batch: Promise<void>) => {
    running.add(batch);
    const forget = () => running.delete(batch);
    batch.then(forget, forget);
    return batch;
  };

  const runBatch = async (def: JobDefinition, jobs: PgBoss.JobWithMetadata<unknown>[]) => {
    await holdWorkerLease();
    const mine = await markRunning(def.name, jobs);
    const context = (job: PgBoss.JobWithMetadata<unknown>) => ({
      jobId: job.id,
      log: log.child({ job: def.name, jobId: job.id }),
      platform: platform(),
    });
    const [only] = jobs;
    if (jobs.length === 1 && only) {
      if (mine.has(only.id)) await def.handler(def.payload.parse(only.data), context(only));
      return;
    }
    // In a batch each job ends on its own, so one failure does not fail (and re-run) the others.
    const runOne = async (job: PgBoss.JobWithMetadata<unknown>) => {
      const ctx = context(job);
      try {
        await def.handler(def.payload.parse(job.data), ctx);
        await boss.complete(def.name, job.id);
      } catch (error) {
        ctx.log.warn({ err: error }, 'job failed');
        await boss.fail(def.name, job.id, error instanceof Error ? error : { value: String(error) });
      }
    };
    const queue = jobs.filter((job) => mine.has(job.id));
    await Promise.all(
      Array.from({ length: Math.min(def.concurrency ?? 1, queue.length) }, async () => {
        for (let job = queue.shift(); job; job = queue.shift()) await runOne(job);
      }),
    );
  };

  return {
    async startWork() {
      if (!work) return;
      await holdWorkerLease(true);
      // Only now: a handler may send jobs itself, through the platform that holds this object.
      for (const def of definitions) {
        await boss.work(
          def.name,
          { batchSize: def.batchSize ?? 1, pollingIntervalSeconds: 1, includeMetadata: true },
          (jobs) => track(runBatch(def, jobs)),
        );
        if (def.cron) await boss.schedule(def.name, def.cron, {}, { tz: 'UTC' });
        if (def.atStart) await boss.send(def.name, {});
      }
      const recover = defineJob({
        name: RECOVER_JOB,
        payload: z.object({ followUp: z.boolean().optional() }).passthrough(),
        async handler({ followUp }, ctx) {
          await holdWorkerLease(true);
          const { recovered, unmarked } = await recoverOrphanedJobs(handle, startedAt);
          if (recovered > 0) ctx.log.warn({ recovered }, 'jobs of a stopped worker put back to retry');
          // A job fetched but not yet marked: look again once the grace is over, durably (a follow-up sweep
          // starts no further one; the minute's sweep covers the rest).
          if (unmarked > 0 && !followUp) {
            await boss.send(RECOVER_JOB, { followUp: true }, { startAfter: UNMARKED_GRACE_SECONDS + 1 });
          }
        },
      });
      await boss.work(
        RECOVER_JOB,
        { batchSize: 1, pollingIntervalSeconds: 1, includeMetadata: true },
        (jobs) => track(runBatch(recover, jobs)),
      );
      await boss.schedule(RECOVER_JOB, '* * * * *', {}, { tz: 'UTC' });
      await boss.send(RECOVER_JOB, {});
    },
    async send(job, payload, sendOptions = {}) {
      const data = job.payload.parse(payload);
      const id = await boss.send(job.name, data as object, {
        ...(sendOptions.startAfter !== undefined ? { startAfter: sendOptions.startAfter } : {}),
        ...(sendOptions.singletonKey ? { singletonKey: sendOptions.singletonKey } : {}),
        ...(sendOptions.id ? { id: sendOptions.id } : {}),
      });
      // null means a singleton job with this key is already queued: the work will happen once.
      return id ?? '';
    },
    async failed(tenantId) {
      const { rows } = await handle.raw.query<FailedJobRow>(
        `SELECT id::text, name, data, output, retry_count, created_on, completed_on
           FROM ${JOB_SCHEMA}.job
          WHERE state = 'failed' AND data->>'tenantId' = $1
          ORDER BY completed_on DESC NULLS LAST LIMIT 200`,
        [tenantId],
      );
      return rows;
    },
    async retry(tenantId, jobId) {
      const { rows } = await handle.raw.query<{ name: string }>(
        `SELECT name FROM ${JOB_SCHEMA}.job WHERE id = $1 AND state = 'failed' AND data->>'tenantId' = $2`,
        [jobId, tenantId],
      );
      const row = rows[0];
      if (!row) return false;
      await boss.retry(row.name, jobId);
      return true;
    },
    async stop() {
      await boss.stop({ graceful: true, timeout: 10_000, wait: true });
      // pg-boss stops waiting after its timeout; a handler still running gets a little longer, then pg-boss's
      // un-awaited complete/fail that follows it (sent a few microtasks later) is waited for too.
      const settled = Promise.allSettled([...running]);
      await Promise.race([settled, new Promise((resolve) => setTimeout(resolve, STOP_GRACE_MS).unref())]);
      await new Promise((resolve) => setImmediate(resolve));
      await db.drain();
      db.close();
      await workerLease?.release();
    },
  };
}
