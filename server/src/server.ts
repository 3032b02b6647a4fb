import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app';
import { jobDefinitions } from './modules';
import { createTenantWithAdmin, isSetupNeeded } from './modules/auth';
import { type Config, loadConfig } from './platform/config';
import { type DatabaseHandle, type OpenOptions, openDatabase } from './platform/db/database';
import { migrateDatabase } from './platform/db/migrate';
import { localFileStore, s3FileStore } from './platform/files/files';
import { reduceMemoryWhenIdle } from './platform/idle-memory';
import { type Jobs, startJobs } from './platform/jobs/jobs';
import { createLogger } from './platform/logger';
import { type Clock, type Platform, systemClock } from './platform/platform';

/**
 * Wires a running Closeloop: database (migrated), jobs, files, and the HTTP app. Used by the CLI, the tests
 * and the benchmarks alike, so they all exercise the same start-up path.
 */

export type Role = 'web' | 'worker' | 'all';

export type Running = { platform: Platform; app: FastifyInstance | null; stop(): Promise<void> };

export type StartOptions = {
  config?: Config;
  role?: Role;
  /** An already-open database (tests hand in a PGlite copied from a migrated template). */
  database?: DatabaseHandle;
  open?: OpenOptions;
  migrate?: boolean;
  /** Business time (tests pass a movable clock). */
  clock?: Clock;
  /** Hand garbage back to the system once HTTP goes quiet (platform/idle-memory.ts): for serving processes. */
  reduceIdleMemory?: boolean;
};

export async function startServer(options: StartOptions = {}): Promise<Running> {
  const config = options.config ?? loadConfig();
  const role = options.role ?? 'all';
  const log = createLogger(config.logLevel);
  const db =
    options.database ??
    (await openDatabase(options.open ?? { databaseUrl: config.databaseUrl, dataDir: config.dataDir }));
  if (options.migrate !== false) await migrateDatabase(db);

  let jobs: Jobs | null = null;
  const platform: Platform = {
    config,
    db,
    log,
    clock: options.clock ?? systemClock,
    files: config.s3 ? s3FileStore(config.s3) : localFileStore(path.join(config.dataDir, 'files')),
    get jobs(): Jobs {
      if (!jobs) throw new Error('jobs not started');
      return jobs;
    },
  };
  jobs = await startJobs({
    handle: db,
    definitions: jobDefinitions,
    log,
    work: role !== 'web',
    platform: () => platform,
  });
  await jobs.startWork();

  if (config.bootstrapAdmin && (await isSetupNeeded(platform))) {
    await createTenantWithAdmin(
      platform,
      { ...config.bootstrapAdmin, name: 'Admin' },
      { onlyIfFirst: true, meta: null },
    );
    log.info({ email: config.bootstrapAdmin.email }, 'created the first admin from CLOSELOOP_ADMIN_EMAIL');
  }

  const app = role === 'worker' ? null : await buildApp(platform);
  const stopReducing = app && options.reduceIdleMemory ? await reduceMemoryWhenIdle(app.server) : null;
  let stopped = false;
  return {
    platform,
    app,
    async stop() {
      if (stopped) return;
      stopped = true;
      stopReducing?.();
      // Stop accepting and finish in-flight requests, then let running jobs finish, then close the database.
      if (app) await app.close();
      await jobs?.stop();
      if (!options.database) await db.close();
    },
  };
}
