import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { type DatabaseHandle, rowsOf } from '../db/database';
import { loginThrottle } from '../db/identity.tables';
import { withSystem } from '../db/tenancy';
import { defineJob } from '../jobs/jobs';

/**
 * Request limits for public endpoints whose requests leave no row to count (the web form counts its stored
 * submissions instead): a fixed-window counter per key, kept in the database like sign-in throttling (the
 * same table), so every process sees the same count — API processes keep no state of their own. One upsert
 * per request.
 */

export type RateWindow = { limit: number; ms: number };

/**
 * Counts one request against `key` at `now`: 0 when it is within the window's limit, else the seconds until
 * the window ends (at least 1). Keys are stored hashed, so a secret in a key (a feed's URL) is not kept.
 */
export async function takeRequest(
  db: DatabaseHandle,
  key: string,
  window: RateWindow,
  now: Date,
): Promise<number> {
  const stored = `rate:${createHash('sha256').update(key).digest('base64url')}`;
  const at = now.toISOString();
  const expired = sql`${loginThrottle.windowStartedAt} <= ${at}::timestamptz - make_interval(secs => ${window.ms / 1000})`;
  const rows = await withSystem(db, (tx) =>
    tx.execute(sql`
      INSERT INTO ${loginThrottle} (key, failures, window_started_at) VALUES (${stored}, 1, ${at}::timestamptz)
      ON CONFLICT (key) DO UPDATE SET
        failures = CASE WHEN ${expired} THEN 1 ELSE ${loginThrottle.failures} + 1 END,
        window_started_at = CASE WHEN ${expired} THEN ${at}::timestamptz ELSE ${loginThrottle.windowStartedAt} END
      RETURNING failures, window_started_at AS "startedAt"`),
  );
  const [row] = rowsOf<{ failures: number; startedAt: Date | string }>(rows);
  if (!row || row.failures <= window.limit) return 0;
  const ends = new Date(row.startedAt).getTime() + window.ms;
  return Math.max(1, Math.ceil((ends - now.getTime()) / 1000));
}

/** Counters whose window ended a day ago and that lock nobody out (rate limits and sign-in throttles alike). */
export async function forgetOldCounters(db: DatabaseHandle, now: Date): Promise<number> {
  const rows = await withSystem(db, (tx) =>
    tx.execute(sql`
      DELETE FROM ${loginThrottle}
       WHERE ${loginThrottle.windowStartedAt} < ${now.toISOString()}::timestamptz - interval '1 day'
         AND (${loginThrottle.lockedUntil} IS NULL OR ${loginThrottle.lockedUntil} < ${now.toISOString()}::timestamptz)
      RETURNING 1 AS gone`),
  );
  return rowsOf(rows).length;
}

export const forgetCountersJob = defineJob({
  name: 'http.forget-counters',
  payload: z.object({}).passthrough(),
  cron: '41 4 * * *',
  policy: 'short',
  async handler(_payload, { platform }) {
    await forgetOldCounters(platform.db, platform.clock.now());
  },
});
