import { describe, expect, it } from 'vitest';
import { as, login, newTenant, PASSWORD, sessionFrom, useTestApp } from '../../../test/helper';

const t = await useTestApp();

describe('first-run setup', () => {
  it('creates the first tenant and admin once, then refuses', async () => {
    const status = await t.app.inject({ method: 'GET', url: '/api/v1/setup' });
    expect(status.json()).toEqual({ needed: true });
    const payload = {
      companyName: '测试公司',
      name: 'Boss',
      email: 'Boss@Example.com',
      password: PASSWORD,
      locale: 'zh-CN',
    };
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/setup', payload });
    expect(res.statusCode).toBe(201);
    const s = sessionFrom(res);
    expect(s.me.user.email).toBe('boss@example.com');
    expect(s.me.user.role).toBe('admin');
    const again = await t.app.inject({ method: 'POST', url: '/api/v1/setup', payload });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('setup_done');
  });
});

describe('sessions', () => {
  it('returns the signed-in user and ends the session on logout', async () => {
    const s = await newTenant(t);
    const me = await as(t, s)({ method: 'GET', url: '/api/v1/me' });
    expect(me.statusCode).toBe(200);
    const out = await as(t, s)({ method: 'POST', url: '/api/v1/auth/logout' });
    expect(out.statusCode).toBe(204);
    const after = await as(t, s)({ method: 'GET', url: '/api/v1/me' });
    expect(after.statusCode).toBe(401);
    expect(after.headers['content-type']).toContain('application/problem+json');
  });

  it('rejects a cookie-authenticated write without the CSRF token', async () => {
    const s = await newTenant(t);
    const res = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/me',
      headers: { cookie: s.cookie },
      payload: { name: 'X' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('csrf_failed');
    const ok = await as(t, s)({ method: 'PATCH', url: '/api/v1/me', payload: { name: 'X' } });
    expect(ok.statusCode).toBe(200);
  });

  it('answers a wrong password with 401 in the caller’s language', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'accept-language': 'zh-CN,zh;q=0.9' },
      payload: { email: 'nobody@example.com', password: 'wrong-password' },
    });
    expect(res.statusCode).toBe(401);
    expect(res.json().detail).toBe('邮箱或密码错误。');
  });

  it('locks an account after repeated failures, even for the right password', async () => {
    const s = await newTenant(t);
    const email = s.me.user.email;
    for (let i = 0; i < 5; i++) {
      const r = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email, password: 'nope-nope-nope' },
      });
      expect(r.statusCode).toBe(401);
    }
    const locked = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email, password: PASSWORD },
    });
    expect(locked.statusCode).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    await expect(login(t, email, PASSWORD)).rejects.toThrow(/429/);
  });

  it('locks a client address after 10 failures over different accounts, even for a right password', async () => {
    const s = await newTenant(t);
    const from = { remoteAddress: '10.9.8.7' };
    for (let i = 0; i < 10; i++) {
      const r = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: `sprayed-${i}@example.com`, password: 'nope-nope-nope' },
        ...from,
      });
      expect(r.statusCode).toBe(401);
    }
    const locked = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: s.me.user.email, password: PASSWORD },
      ...from,
    });
    expect(locked.statusCode).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    await expect(login(t, s.me.user.email, PASSWORD)).resolves.toBeDefined();
  });
});
