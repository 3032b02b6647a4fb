import type { Config } from './config';
import type { DatabaseHandle } from './db/database';
import type { FileStore } from './files/files';
import type { Jobs } from './jobs/jobs';
import type { Logger } from './logger';

/** The time business rules read (SLA deadlines, decay, revisits); tests move it instead of waiting. */
export type Clock = { now(): Date };

export const systemClock: Clock = { now: () => new Date() };

/** What every module receives: configuration, the database, jobs, files, the logger and the clock. No hidden globals. */
export type Platform = {
  config: Config;
  db: DatabaseHandle;
  jobs: Jobs;
  files: FileStore;
  log: Logger;
  clock: Clock;
};
