import type { LightMyRequestResponse } from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import {
  addUser,
  as,
  createTestApp,
  movableClock,
  newTenant,
  PASSWORD,
  type TestApp,
  useTestApp,
} from '../../../test/helper';

/**
 * Expiring links and the Secure cookie flag: reset and invitation links stop working at their TTL (moved
 * clock), a miss costs no password hashing and answers like any other miss, and session cookies are Secure
 * when the request came over TLS through a trusted proxy, or always with COOKIE_SECURE.
 */

const clock = movableClock(new Date('2031-03-01T08:00:00.000Z'));
const t = await useTestApp({ trustProxy: true }, { clock });
const HOUR = 3600_000;

type Problem = { code: string; status: number };

const tokenOf = (url: string) => new URL(url).searchParams.get('token') ?? '';

async function resetLink(admin: Awaited<ReturnType<typeof newTenant>>, userId: string): Promise<string> {
  const res = await as(t, admin)({ method: 'POST', url: `/api/v1/users/${userId}/password-reset` });
  expect(res.statusCode).toBe(200);
  return tokenOf(res.json<{ resetUrl: string }>().resetUrl);
}

const confirm = (token: string, password = 'a brand new passphrase') =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/password-reset/confirm', payload: { token, password } });

describe('reset and invitation links expire', () => {
  it('refuses a reset link past its hour, and accepts one just before', async () => {
    const admin = await newTenant(t);
    const person = await addUser(t, admin, 'rep');
    const late = await resetLink(admin, person.userId);
    clock.advance(HOUR + 1);
    const refused = await confirm(late);
    expect(refused.statusCode).toBe(400);
    expect(refused.json<Problem>().code).toBe('link_invalid');

    const timely = await resetLink(admin, person.userId);
    clock.advance(HOUR - 1000);
    expect((await confirm(timely)).statusCode).toBe(204);
  });

  it('refuses an invitation link past its week, for reading and for accepting', async () => {
    const admin = await newTenant(t);
    const res = await as(
      t,
      admin,
    )({
      method: 'POST',
      url: '/api/v1/users/invitations',
      payload: { email: `late-${Date.now()}@example.com`, name: 'Late', role: 'rep' },
    });
    expect(res.statusCode).toBe(201);
    const token = tokenOf(res.json<{ inviteUrl: string }>().inviteUrl);
    const read = () => t.app.inject({ method: 'GET', url: `/api/v1/auth/invitations/${token}` });
    expect((await read()).statusCode).toBe(200);
    clock.advance(7 * 24 * HOUR + 1);
    const info = await read();
    expect(info.statusCode).toBe(400);
    expect(info.json<Problem>().code).toBe('link_invalid');
    const accept = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/invitations/accept',
      payload: { token, password: PASSWORD },
    });
    expect(accept.statusCode).toBe(400);
    expect(accept.json<Problem>().code).toBe('link_invalid');
  });

  it('answers an expired, a spent, a near-miss and an unknown token alike', async () => {
    const admin = await newTenant(t);
    const person = await addUser(t, admin, 'rep');
    const shape = (res: LightMyRequestResponse) => {
      const { instance: _instance, requestId: _requestId, ...rest } = res.json<Record<string, unknown>>();
      return { status: res.statusCode, type: res.headers['content-type'], body: rest };
    };
    // Expired (and not replaced yet: a new link would also mark it used).
    const expired = await resetLink(admin, person.userId);
    clock.advance(HOUR + 1);
    const answers = [shape(await confirm(expired))];
    const spent = await resetLink(admin, person.userId);
    expect((await confirm(spent)).statusCode).toBe(204);
    const live = await resetLink(admin, person.userId);
    const nearMiss = `${live.slice(0, -1)}${live.at(-1) === 'A' ? 'B' : 'A'}`;
    const unknown = `${crypto.randomUUID()}.${crypto.randomUUID()}.${'x'.repeat(43)}`;
    for (const token of [spent, nearMiss, unknown]) answers.push(shape(await confirm(token)));
    for (const answer of answers) expect(answer).toEqual(answers[0]);
    expect(answers[0]?.status).toBe(400);
    // The near miss left the live link usable.
    expect((await confirm(live)).statusCode).toBe(204);
  });
});

describe('session cookies', () => {
  const cookieLines = (res: LightMyRequestResponse) => {
    const header = res.headers['set-cookie'];
    return (Array.isArray(header) ? header : [header ?? '']).filter((c) => /^cl_(session|csrf)=/.test(c));
  };
  const isSecure = (line: string) => /;\s*Secure(;|$)/i.test(line);

  async function signIn(app: TestApp, headers: Record<string, string>) {
    const admin = await newTenant(app);
    const res = await app.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: admin.me.user.email, password: PASSWORD },
      headers,
    });
    expect(res.statusCode).toBe(200);
    const lines = cookieLines(res);
    expect(lines).toHaveLength(2);
    return lines;
  }

  it('are Secure when a trusted proxy says the request came over https, and not over plain http', async () => {
    const overTls = await signIn(t, { 'x-forwarded-proto': 'https' });
    expect(overTls.every(isSecure)).toBe(true);
    expect(overTls.find((c) => c.startsWith('cl_session='))).toMatch(/HttpOnly/i);
    const plain = await signIn(t, {});
    expect(plain.some(isSecure)).toBe(false);
  });

  it('ignore X-Forwarded-Proto without TRUST_PROXY, and are always Secure with COOKIE_SECURE', async () => {
    const untrusting = await createTestApp();
    const forced = await createTestApp({ cookieSecure: true });
    afterAll(async () => {
      await untrusting.close();
      await forced.close();
    });
    expect((await signIn(untrusting, { 'x-forwarded-proto': 'https' })).some(isSecure)).toBe(false);
    expect((await signIn(forced, {})).every(isSecure)).toBe(true);
  });
});
