import { type DrillResult, describe, tally } from './drill';
import { ANONYMOUS, type Answer, type Identity } from './http';
import { createToken, invite, json, PASSWORD, type Person, type World } from './world';

/**
 * Auth (issue 4, bad input): brute force on one account, and password spraying from one IP, are throttled
 * within 10 failures (429 with Retry-After, even for the right password); a reset token works once; a
 * deactivated user's session and token and a revoked token fail on the next request; the session cookie is
 * HttpOnly and SameSite. Each attack comes from its own loopback address, so nothing else is locked out.
 */

const FAILURES = 10;
const NEW_PASSWORD = 'drill-new-password-5678';

export async function authDrill(world: World): Promise<DrillResult> {
  const t = tally('auth');
  const { client, run } = world;
  const { a } = world;
  const user = (who: string) => invite(client, a.admin, 'rep', `${who}-${run}@a.drill.example`);
  const [victim, sprayed, resetee, leaver, revoker] = [
    await user('victim'),
    await user('sprayed'),
    await user('resetee'),
    await user('leaver'),
    await user('revoker'),
  ] as Person[];
  if (!victim || !sprayed || !resetee || !leaver || !revoker) throw new Error('users not created');

  const login = (email: string, password: string, from: string) =>
    client.call(ANONYMOUS, { method: 'POST', path: '/api/v1/auth/login', body: { email, password }, from });

  // 1. Brute force on one account: locked within 10 failures, then even the right password is refused.
  const victimAnswers: Answer[] = [];
  for (let i = 0; i < FAILURES; i++)
    victimAnswers.push(await login(victim.email, `wrong-${i}-password`, '127.0.0.40'));
  checkThrottled(t, 'one account', victimAnswers);
  const rightPassword = await login(victim.email, PASSWORD, '127.0.0.41');
  t.check(
    rightPassword.status === 429 && retryAfter(rightPassword) > 0,
    () => `locked account, right password from another IP: ${describe('POST', 'login', rightPassword)}`,
  );

  // 2. Password spraying from one IP: a different (unknown) account each time, then a real one.
  const sprayAnswers: Answer[] = [];
  for (let i = 0; i < FAILURES; i++) {
    sprayAnswers.push(await login(`nobody-${i}-${run}@a.drill.example`, 'wrong-password-1', '127.0.0.42'));
  }
  checkThrottled(t, 'one IP', sprayAnswers);
  const fromSprayer = await login(sprayed.email, PASSWORD, '127.0.0.42');
  t.check(
    fromSprayer.status === 429 && retryAfter(fromSprayer) > 0,
    () => `right password from the locked IP: ${describe('POST', 'login', fromSprayer)}`,
  );
  const elsewhere = await login(sprayed.email, PASSWORD, '127.0.0.43');
  t.check(elsewhere.status === 200, () => `the same account from another IP: ${elsewhere.status}`);

  // 3. A reset token works once, and ends the sessions the user had.
  const requested = await client.call(ANONYMOUS, {
    method: 'POST',
    path: '/api/v1/auth/password-reset/request',
    body: { email: resetee.email },
    from: '127.0.0.44',
  });
  t.check(requested.status === 202, () => `reset request: ${requested.status}`);
  const token = await resetTokenFor(world, resetee.email);
  t.check(token !== null, () => 'no reset mail in the outbox');
  const confirm = () =>
    client.call(ANONYMOUS, {
      method: 'POST',
      path: '/api/v1/auth/password-reset/confirm',
      body: { token: token ?? 'missing-token', password: NEW_PASSWORD },
      from: '127.0.0.44',
    });
  const first = await confirm();
  t.check(first.status === 204, () => `first use of the reset token: ${describe('POST', 'confirm', first)}`);
  const second = await confirm();
  t.check(
    second.status === 400,
    () => `second use of the reset token: ${describe('POST', 'confirm', second)}`,
  );
  const oldSession = await me(world, resetee.session);
  t.check(oldSession === 401, () => `session from before the reset answered ${oldSession}`);
  const withNew = await login(resetee.email, NEW_PASSWORD, '127.0.0.44');
  t.check(withNew.status === 200, () => `sign-in with the new password: ${withNew.status}`);

  // 4. A deactivated user: session and token fail on the next request.
  const leaverToken = await createToken(client, leaver, ['read']);
  t.check((await me(world, leaver.session)) === 200, () => 'session did not work before deactivation');
  t.check((await me(world, leaverToken.token)) === 200, () => 'token did not work before deactivation');
  const deactivated = await client.call(a.admin.session, {
    method: 'POST',
    path: `/api/v1/users/${leaver.userId}/deactivate`,
  });
  t.check(deactivated.status === 200, () => `deactivation: ${deactivated.status}`);
  const leaverSession = await me(world, leaver.session);
  const leaverBearer = await me(world, leaverToken.token);
  t.check(leaverSession === 401, () => `deactivated user's session answered ${leaverSession}`);
  t.check(leaverBearer === 401, () => `deactivated user's token answered ${leaverBearer}`);
  const leaverLogin = await login(leaver.email, PASSWORD, '127.0.0.45');
  t.check(leaverLogin.status === 401, () => `deactivated user's sign-in answered ${leaverLogin.status}`);

  // 5. A revoked token fails on the next request; the user's session goes on.
  const revokerToken = await createToken(client, revoker, ['read', 'write']);
  t.check((await me(world, revokerToken.token)) === 200, () => 'token did not work before revocation');
  const revoked = await client.call(revoker.session, {
    method: 'DELETE',
    path: `/api/v1/me/tokens/${revokerToken.id}`,
  });
  t.check(revoked.status === 204, () => `revocation: ${revoked.status}`);
  const afterRevoke = await me(world, revokerToken.token);
  t.check(afterRevoke === 401, () => `revoked token answered ${afterRevoke}`);
  t.check((await me(world, revoker.session)) === 200, () => "the user's session stopped with the token");

  // 6. The session cookie: HttpOnly and SameSite.
  const signIn = await login(revoker.email, PASSWORD, '127.0.0.46');
  const cookie = signIn.setCookies.find((c) => c.startsWith('cl_session='));
  t.check(
    cookie !== undefined && /;\s*HttpOnly/i.test(cookie) && /;\s*SameSite=(Lax|Strict)/i.test(cookie),
    () => `session cookie: ${cookie ?? 'none'}`,
  );

  t.note(
    `${FAILURES} wrong passwords on one account (127.0.0.40) and sprayed over ${FAILURES} accounts from one IP ` +
      '(127.0.0.42); reset token used twice; deactivation; token revocation; cookie flags',
  );
  t.note(
    'Reset and invitation expiry, the Secure flag behind TLS and the timing of wrong tokens: the public tokens drill.',
  );
  return t.result();
}

/**
 * Every answer a 401 until the lock, then 429 with Retry-After. Whether the lock came within the failures
 * sent is the next attempt's check (the right password, refused).
 */
function checkThrottled(t: ReturnType<typeof tally>, what: string, answers: Answer[]): void {
  const firstLocked = answers.findIndex((answer) => answer.status === 429);
  for (const [i, answer] of answers.entries()) {
    const ok =
      firstLocked === -1 || i < firstLocked
        ? answer.status === 401
        : answer.status === 429 && retryAfter(answer) > 0;
    t.check(ok, () => `${what}, failure ${i + 1}: ${describe('POST', '/api/v1/auth/login', answer)}`);
  }
  t.note(
    `${what}: ${firstLocked === -1 ? 'locked after the last failure' : `429 from attempt ${firstLocked + 1}`}`,
  );
}

function retryAfter(answer: Answer): number {
  const value = answer.headers['retry-after'];
  return typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : 0;
}

async function me(world: World, who: Identity): Promise<number> {
  return (await world.client.call(who, { method: 'GET', path: '/api/v1/me' })).status;
}

async function resetTokenFor(world: World, email: string): Promise<string | null> {
  const outbox = json<{ items: { to: string; text: string }[] }>(
    await world.client.call(world.a.admin.session, { method: 'GET', path: '/api/v1/admin/outbox?limit=50' }),
    200,
    'outbox',
  );
  const mail = outbox.items.find((m) => m.to === email && m.text.includes('reset-password?token='));
  const match = mail ? /reset-password\?token=([^\s]+)/.exec(mail.text) : null;
  return match?.[1] ? decodeURIComponent(match[1]) : null;
}
