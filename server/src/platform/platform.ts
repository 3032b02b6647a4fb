import type { Config } from './config';
import type { DatabaseHandle } from './db/database';
import type { FileStore } from './files/files';
import type { Jobs } from './jobs/jobs';
import type { Logger } from './logger';

/** What every module receives: configuration, the database, jobs, files and the logger. No hidden globals. */
export type Platform = {
  config: Config;
  db: DatabaseHandle;
  jobs: Jobs;
  files: FileStore;
  log: Logger;
};
