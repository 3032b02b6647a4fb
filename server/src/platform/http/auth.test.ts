import { and, eq } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { describe, expect, it } from 'vitest';
import { newTenant, type Session, useTestApp } from '../../../test/helper';
import { sessions } from '../db/identity.tables';
import { withTenant } from '../db/tenancy';

/**
 * The session lookup every API request makes (one round trip of fixed SQL): only a session whose id,
 * tenant and secret all match, that has not expired, of an active user, is let in.
 */

const t = await useTestApp();
const a = await newTenant(t);

/** The three parts of a session cookie: tenant id, session id, secret. */
function partsOf(s: Session): { tenantId: string; id: string; secret: string } {
  const [tenantId = '', id = '', secret = ''] = s.cookie.replace('cl_session=', '').split('.');
  return { tenantId, id, secret };
}

const me = (cookie: string) => t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } });

async function setSession(s: Session, patch: Partial<typeof sessions.$inferInsert>): Promise<void> {
  const { tenantId, id } = partsOf(s);
  await withTenant(t.db, tenantId, (tx) =>
    tx
      .update(sessions)
      .set(patch)
      .where(and(eq(sessions.tenantId, tenantId), eq(sessions.id, id))),
  );
}

async function lastSeen(s: Session): Promise<Date | undefined> {
  const { tenantId, id } = partsOf(s);
  const [row] = await withTenant(t.db, tenantId, (tx) =>
    tx
      .select({ lastSeenAt: sessions.lastSeenAt })
      .from(sessions)
      .where(and(eq(sessions.tenantId, tenantId), eq(sessions.id, id))),
  );
  return row?.lastSeenAt;
}

describe('session lookup', () => {
  it('lets the session in, then refuses a wrong secret, an unknown id and a malformed cookie', async () => {
    expect((await me(a.cookie)).statusCode).toBe(200);
    const { tenantId, id, secret } = partsOf(a);
    const wrongSecret = `cl_session=${tenantId}.${id}.${secret.slice(1)}x`;
    const unknownId = `cl_session=${tenantId}.${uuidv7()}.${secret}`;
    for (const cookie of [wrongSecret, unknownId, `cl_session=${tenantId}.${id}`, "cl_session=x'; --"]) {
      expect((await me(cookie)).statusCode).toBe(401);
    }
  });

  it('refuses a session from the moment it expires', async () => {
    const s = await newTenant(t);
    await setSession(s, { expiresAt: new Date(Date.now() - 1000) });
    expect((await me(s.cookie)).statusCode).toBe(401);
  });

  it('notes when a session was last seen, at most once every five minutes', async () => {
    const s = await newTenant(t);
    const tenMinutesAgo = new Date(Date.now() - 10 * 60_000);
    await setSession(s, { lastSeenAt: tenMinutesAgo });
    expect((await me(s.cookie)).statusCode).toBe(200);
    const touched = await lastSeen(s);
    expect(touched?.getTime()).toBeGreaterThan(Date.now() - 60_000);

    const oneMinuteAgo = new Date(Date.now() - 60_000);
    await setSession(s, { lastSeenAt: oneMinuteAgo });
    expect((await me(s.cookie)).statusCode).toBe(200);
    expect(await lastSeen(s)).toEqual(oneMinuteAgo);
  });
});
