import { z } from 'zod';
import { defineJob } from '../jobs/jobs';

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
