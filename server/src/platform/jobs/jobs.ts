import PgBoss from 'pg-boss';
import type { z } from 'zod';
import type { DatabaseHandle } from '../db/database';
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

/** pg-boss speaks through `executeSql`; PGlite needs parameter-less (often multi-statement) SQL run with exec. */
function bossDb(handle: DatabaseHandle): PgBoss.Db {
  return {
    async executeSql(text: string, values: unknown[]) {
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

export async function startJobs(options: StartJobsOptions): Promise<Jobs> {
  const { handle, definitions, log, work, platform } = options;
  const boss = new PgBoss({
    db: bossDb(handle),
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

  return {
    async startWork() {
      if (!work) return;
      // Only now: a handler may send jobs itself, through the platform that holds this object.
      for (const def of definitions) {
        await boss.work(def.name, { batchSize: 1, pollingIntervalSeconds: 1 }, async (jobs) => {
          for (const job of jobs) {
            const payload = def.payload.parse(job.data);
            await def.handler(payload, {
              jobId: job.id,
              log: log.child({ job: def.name, jobId: job.id }),
              platform: platform(),
            });
          }
        });
        if (def.cron) await boss.schedule(def.name, def.cron, {}, { tz: 'UTC' });
        if (def.atStart) await boss.send(def.name, {});
      }
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
    },
  };
}
