import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/helper';
import { forgetOldCounters, takeRequest } from './rate-limit';

/** Fixed-window request counters kept in the database (shared by every server process). */

const t = await useTestApp();
const HOUR = 3_600_000;

describe('request limits', () => {
  it('lets the limit through, then answers the seconds left in the window, then starts a new window', async () => {
    const window = { limit: 3, ms: HOUR };
    const start = new Date('2031-01-01T00:00:00.000Z');
    const key = `test:${Math.random()}`;
    for (let i = 0; i < 3; i++) expect(await takeRequest(t.db, key, window, start)).toBe(0);
    const later = new Date(start.getTime() + 10 * 60_000);
    expect(await takeRequest(t.db, key, window, later)).toBe(50 * 60);
    // Another key has its own count.
    expect(await takeRequest(t.db, `${key}:other`, window, later)).toBe(0);
    expect(await takeRequest(t.db, key, window, new Date(start.getTime() + HOUR))).toBe(0);
  });

  it('stores keys hashed, and forgets counters a day after their window', async () => {
    const start = new Date('2031-02-01T00:00:00.000Z');
    const secret = `feed-secret-${Math.random()}`;
    await takeRequest(t.db, secret, { limit: 1, ms: HOUR }, start);
    const { rows } = await t.db.raw.query<{ key: string }>('SELECT key FROM login_throttle');
    expect(rows.some((r) => r.key.includes(secret))).toBe(false);
    const mine = async () =>
      (
        await t.db.raw.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM login_throttle WHERE window_started_at = $1',
          [start.toISOString()],
        )
      ).rows[0]?.n;
    await forgetOldCounters(t.db, new Date(start.getTime() + 2 * HOUR));
    expect(await mine()).toBe(1);
    expect(await forgetOldCounters(t.db, new Date(start.getTime() + 26 * HOUR))).toBeGreaterThan(0);
    expect(await mine()).toBe(0);
  });
});
