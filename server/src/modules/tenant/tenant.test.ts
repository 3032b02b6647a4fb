import type { TenantSettings } from '@contracts/tenant.contract';
import { describe, expect, it } from 'vitest';
import { addUser, as, newTenant, useTestApp } from '../../../test/helper';

/** Company settings and the role catalogue. */

const t = await useTestApp();
const admin = await newTenant(t, 'Settings Co');
const call = as(t, admin);

type Problem = { code: string; detail: string; errors?: { path: string; detail: string }[] };

async function settings(): Promise<TenantSettings> {
  const res = await call({ method: 'GET', url: '/api/v1/tenant/settings' });
  expect(res.statusCode).toBe(200);
  expect(res.headers.etag).toBe(`"${res.json<TenantSettings>().version}"`);
  return res.json<TenantSettings>();
}

describe('company settings', () => {
  it('reads and changes settings with the version it read', async () => {
    const before = await settings();
    expect(before).toMatchObject({
      name: 'Settings Co',
      currency: 'USD',
      timeZone: 'UTC',
      defaultLocale: 'en-US',
    });
    const res = await call({
      method: 'PATCH',
      url: '/api/v1/tenant/settings',
      payload: {
        version: before.version,
        currency: 'EUR',
        timeZone: 'Europe/Berlin',
        fiscalYearStartMonth: 4,
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    const after = res.json<TenantSettings>();
    expect(after).toEqual({
      ...before,
      currency: 'EUR',
      timeZone: 'Europe/Berlin',
      fiscalYearStartMonth: 4,
      version: before.version + 1,
    });
    expect(await settings()).toEqual(after);
    expect(
      (await call({ method: 'GET', url: '/api/v1/me' })).json<{ tenant: { currency: string } }>().tenant
        .currency,
    ).toBe('EUR');
  });

  it('refuses a stale version with 412 and a missing one with 428', async () => {
    const current = await settings();
    const stale = await call({
      method: 'PATCH',
      url: '/api/v1/tenant/settings',
      payload: { version: current.version - 1, name: 'Overwritten' },
    });
    expect(stale.statusCode).toBe(412);
    expect(stale.json<Problem>().code).toBe('version_conflict');
    const missing = await call({
      method: 'PATCH',
      url: '/api/v1/tenant/settings',
      payload: { name: 'Blind' },
    });
    expect(missing.statusCode).toBe(428);
    const viaHeader = await call({
      method: 'PATCH',
      url: '/api/v1/tenant/settings',
      headers: { 'if-match': `"${current.version}"` },
      payload: { name: 'Settings Co Ltd' },
    });
    expect(viaHeader.statusCode).toBe(200);
    expect((await settings()).name).toBe('Settings Co Ltd');
  });

  it('names an invalid time zone or currency in the caller’s language', async () => {
    // An admin without a language of their own, so Accept-Language decides.
    const second = await addUser(t, admin, 'admin');
    const { version } = await settings();
    const cases = [
      {
        payload: { version, timeZone: 'Mars/Olympus_Mons' },
        path: 'timeZone',
        en: 'Unknown time zone.',
        zh: '未知的时区。',
      },
      {
        payload: { version, currency: 'euro' },
        path: 'currency',
        en: 'Use a 3-letter ISO currency code, e.g. CNY.',
        zh: '请使用 3 位 ISO 货币代码，例如 CNY。',
      },
    ];
    for (const c of cases) {
      for (const [language, detail] of [
        ['en-US,en;q=0.9', c.en],
        ['zh-CN,zh;q=0.9', c.zh],
      ] as const) {
        const res = await as(
          t,
          second.session,
        )({
          method: 'PATCH',
          url: '/api/v1/tenant/settings',
          headers: { 'accept-language': language },
          payload: c.payload,
        });
        expect(res.statusCode).toBe(400);
        const p = res.json<Problem>();
        expect(p.code).toBe('validation_failed');
        expect(p.errors).toEqual([{ path: c.path, code: expect.any(String), detail }]);
        expect(p.detail).toMatch(language.startsWith('zh') ? /[\u4e00-\u9fff]/ : /^[\x20-\x7e]+$/);
      }
    }
    expect(await settings()).toMatchObject({ version });
  });

  it('keeps settings changes to admins', async () => {
    const rep = await addUser(t, admin, 'director');
    const { version } = await settings();
    const res = await as(
      t,
      rep.session,
    )({
      method: 'PATCH',
      url: '/api/v1/tenant/settings',
      payload: { version, name: 'Hostile' },
    });
    expect(res.statusCode).toBe(403);
    const read = await as(t, rep.session)({ method: 'GET', url: '/api/v1/tenant/settings' });
    expect(read.statusCode).toBe(200);
  });
});

describe('role catalogue', () => {
  it('lists all eight roles with their visibility, permissions and active user counts', async () => {
    const other = await newTenant(t);
    const invite = (role: string, n: number) =>
      as(
        t,
        other,
      )({
        method: 'POST',
        url: '/api/v1/users/invitations',
        payload: { email: `role-${role}-${n}@example.com`, name: `${role} ${n}`, role },
      });
    for (const [role, n] of [
      ['rep', 1],
      ['rep', 2],
      ['rep', 3],
      ['legal', 1],
    ] as const) {
      expect((await invite(role, n)).statusCode).toBe(201);
    }
    const gone = await invite('manager', 1);
    const goneId = gone.json<{ user: { id: string } }>().user.id;
    expect(
      (await as(t, other)({ method: 'POST', url: `/api/v1/users/${goneId}/deactivate` })).statusCode,
    ).toBe(200);

    const res = await as(t, other)({ method: 'GET', url: '/api/v1/roles' });
    expect(res.statusCode).toBe(200);
    const items = res.json<{
      items: { role: string; visibility: string; permissions: string[]; userCount: number }[];
    }>().items;
    expect(items.map((i) => i.role).sort()).toEqual(
      ['admin', 'delivery', 'director', 'legal', 'manager', 'marketing', 'rep', 'service'].sort(),
    );
    const byRole = Object.fromEntries(items.map((i) => [i.role, i]));
    expect(byRole.rep).toMatchObject({ visibility: 'own', userCount: 3, permissions: [] });
    expect(byRole.manager).toMatchObject({ visibility: 'team', userCount: 0 });
    expect(byRole.director).toMatchObject({ visibility: 'tenant', userCount: 0 });
    expect(byRole.director?.permissions).toContain('audit.read');
    expect(byRole.director?.permissions).not.toContain('users.manage');
    expect(byRole.manager?.permissions).toContain('leads.assign');
    expect(byRole.admin).toMatchObject({ visibility: 'tenant', userCount: 1 });
    expect(byRole.admin?.permissions).toContain('users.manage');
    expect(byRole.legal).toMatchObject({ visibility: 'own', userCount: 1 });
    for (const role of ['marketing', 'delivery', 'service']) expect(byRole[role]?.userCount).toBe(0);
  });
});
