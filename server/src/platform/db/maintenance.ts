import { z } from 'zod';
import { defineJob } from '../jobs/jobs';
import type { DatabaseHandle } from './database';

/**
 * Planner statistics for the embedded database. PostgreSQL's autovacuum keeps them fresh; PGlite runs no
 * background workers, so without this job its planner would never learn the size and spread of big tables
 * (leads, events) and would sort whole tables where an index would do.
 */
export const analyzeJob = defineJob({
  name: 'db.analyze',
  payload: z.object({}).passthrough(),
  cron: '17 3 * * *',
  policy: 'short',
  async handler(_payload, { platform }) {
    if (platform.db.kind !== 'pglite') return;
    await platform.db.raw.exec('ANALYZE');
  },
});

const TABLE_NAME = /^[a-z_][a-z0-9_]*$/;

/**
 * Planner statistics for tables a set-based job has just rewritten in bulk (e.g. every customer's tier):
 * until the next ANALYZE the planner estimates filters on the rewritten columns from the old spread (a tier
 * that was empty the night before looks empty) and may choose plans that read a large part of the table.
 * Autovacuum would catch up within a minute or so, when it runs at all; this does it at once.
 */
export async function refreshStatistics(handle: DatabaseHandle, tables: readonly string[]): Promise<void> {
  for (const table of tables) {
    if (!TABLE_NAME.test(table)) throw new Error(`not a table name: ${table}`);
  }
  if (tables.length > 0) await handle.raw.exec(`ANALYZE ${tables.join(', ')}`);
}
