import { describe, expect, it } from 'vitest';
import { as, movableClock, useTestApp } from '../../../../test/helper';
import { company } from '../activity-fixtures';
import { FEED_IP_WINDOW, FEED_KEY_WINDOW } from './calendar.service';

/** The public ICS feed answers a client or a key that fetches too often with 429 and Retry-After. */

const clock = movableClock(new Date('2030-06-03T00:00:00.000Z'));
const t = await useTestApp({}, { clock });

const fetchFeed = (url: string, remoteAddress: string) => t.app.inject({ method: 'GET', url, remoteAddress });

async function feedPath(session: Parameters<typeof as>[1]) {
  const res = await as(t, session)({ method: 'POST', url: '/api/v1/calendar/feed' });
  return new URL(res.json<{ url: string }>().url).pathname;
}

describe('ICS feed rate limits', () => {
  it('limits one key however many addresses fetch it, and lets it in again once the window passes', async () => {
    const c = await company(t);
    const mine = await feedPath(c.rep.session);
    const theirs = await feedPath(c.otherRep.session);
    for (let i = 0; i < FEED_KEY_WINDOW.limit; i += 1) {
      expect((await fetchFeed(mine, `198.51.100.${i % 3}`)).statusCode, `fetch ${i}`).toBe(200);
    }

    clock.advance(60_000);
    const refused = await fetchFeed(mine, '198.51.100.7');
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.json()).toMatchObject({ code: 'too_many_requests' });
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBe(FEED_KEY_WINDOW.ms / 1000 - 60);
    expect((await fetchFeed(theirs, '198.51.100.7')).statusCode).toBe(200);

    clock.advance(retryAfter * 1000);
    expect((await fetchFeed(mine, '198.51.100.7')).statusCode).toBe(200);
  });

  it('limits one address whatever keys it tries, without stopping other addresses', async () => {
    const c = await company(t);
    const mine = await feedPath(c.rep.session);
    const walker = '203.0.113.9';
    for (let i = 0; i < FEED_IP_WINDOW.limit; i += 1) {
      const res = await fetchFeed(`/ical/guess-${i}.ics`, walker);
      expect(res.statusCode, `guess ${i}`).toBe(404);
    }
    const refused = await fetchFeed('/ical/guess-next.ics', walker);
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    // The address is refused before its key is looked at: a real key does not get it through either.
    expect((await fetchFeed(mine, walker)).statusCode).toBe(429);
    expect((await fetchFeed(mine, '203.0.113.10')).statusCode).toBe(200);
  });
});
