import type { User } from '@contracts/users.contract';
import type { InjectOptions } from 'fastify';
import { describe, expect, it } from 'vitest';
import {
  addUser,
  as,
  bearer,
  login,
  newTenant,
  PASSWORD,
  type Session,
  useTestApp,
  waitFor,
} from '../../../test/helper';
import { systemActor } from '../../platform/audit';
import { AppError } from '../../platform/http/errors';
import * as usersService from './users.service';

/** Admin management of people, through the HTTP API. */

const t = await useTestApp();
const admin = await newTenant(t);
const rep = await addUser(t, admin, 'rep', 'Rita Rep');

type Page = { items: User[]; nextCursor: string | null };
type Problem = { code: string; errors?: { path: string; code: string }[] };

const call = (s: Session) => as(t, s);

async function invite(s: Session, payload: Record<string, unknown>) {
  return call(s)({ method: 'POST', url: '/api/v1/users/invitations', payload });
}

let seq = 0;
function email(prefix: string): string {
  return `${prefix}${++seq}-${Date.now()}@example.com`;
}

async function inviteOk(name: string, role = 'rep'): Promise<User> {
  const res = await invite(admin, { email: email('inv'), name, role });
  expect(res.statusCode).toBe(201);
  return res.json<{ user: User }>().user;
}

async function getUser(id: string): Promise<User> {
  const res = await call(admin)({ method: 'GET', url: `/api/v1/users/${id}` });
  expect(res.statusCode).toBe(200);
  return res.json<User>();
}

/** Follows nextCursor to the end and returns every id in order. */
async function pageThrough(query: string, limit: number): Promise<{ ids: string[]; pages: number }> {
  const ids: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const url: string = `/api/v1/users?${query}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const res = await call(admin)({ method: 'GET', url });
    expect(res.statusCode).toBe(200);
    const page = res.json<Page>();
    expect(page.items.length).toBeLessThanOrEqual(limit);
    ids.push(...page.items.map((u) => u.id));
    cursor = page.nextCursor;
    pages++;
    expect(pages).toBeLessThan(50);
  } while (cursor);
  return { ids, pages };
}

describe('invitations', () => {
  it('invites a user by link, queues the invitation mail, and lets the invitee sign in', async () => {
    const address = email('Invitee');
    const res = await invite(admin, { email: address, name: 'Ivy Invitee', role: 'manager' });
    expect(res.statusCode).toBe(201);
    const { user, inviteUrl } = res.json<{ user: User; inviteUrl: string }>();
    expect(user).toMatchObject({ email: address.toLowerCase(), role: 'manager', status: 'invited' });
    const token = new URL(inviteUrl).searchParams.get('token') ?? '';
    expect(token.length).toBeGreaterThan(20);

    const outbox = await call(admin)({ method: 'GET', url: '/api/v1/admin/outbox?limit=200' });
    expect(outbox.statusCode).toBe(200);
    const mails = outbox.json<{ items: { to: string; text: string; status: string }[] }>().items;
    const mail = mails.filter((m) => m.to === address.toLowerCase());
    expect(mail).toHaveLength(1);
    expect(mail[0]?.text).toContain(inviteUrl);
    expect(['queued', 'held']).toContain(mail[0]?.status);

    const accepted = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/invitations/accept',
      payload: { token, password: PASSWORD },
    });
    expect(accepted.statusCode).toBe(200);
    expect((await getUser(user.id)).status).toBe('active');
    const session = await login(t, address, PASSWORD);
    expect(session.me.user).toMatchObject({ id: user.id, role: 'manager' });

    const again = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/invitations/accept',
      payload: { token, password: PASSWORD },
    });
    expect(again.statusCode).toBe(400);
    expect(again.json<Problem>().code).toBe('link_invalid');
  });

  it('tells the invitee whom an invitation link is for', async () => {
    const address = email('Lookup');
    const res = await invite(admin, { email: address, name: 'Lou Lookup', role: 'rep' });
    const token = new URL(res.json<{ inviteUrl: string }>().inviteUrl).searchParams.get('token') ?? '';
    const info = await t.app.inject({
      method: 'GET',
      url: `/api/v1/auth/invitations/${encodeURIComponent(token)}`,
    });
    expect(info.statusCode).toBe(200);
    expect(info.json()).toMatchObject({ email: address.toLowerCase(), name: 'Lou Lookup' });
  });

  it('refuses to invite an email that already has a user in the tenant', async () => {
    const res = await invite(admin, { email: rep.email.toUpperCase(), name: 'Twin', role: 'rep' });
    expect(res.statusCode).toBe(409);
    expect(res.json<Problem>().code).toBe('email_taken');
  });
});

describe('listing users', () => {
  it('filters by text, role and status', async () => {
    const marker = `Zeta${Date.now()}`;
    const manager = await inviteOk(`${marker} Manager`, 'manager');
    const director = await inviteOk(`${marker} Director`, 'director');
    const list = async (query: string) => {
      const res = await call(admin)({ method: 'GET', url: `/api/v1/users?${query}` });
      expect(res.statusCode).toBe(200);
      return res.json<Page>().items;
    };
    expect((await list(`q=${marker}`)).map((u) => u.id).sort()).toEqual([manager.id, director.id].sort());
    expect((await list(`q=${marker.toLowerCase()}&role=director`)).map((u) => u.id)).toEqual([director.id]);
    const invited = await list('status=invited&limit=200');
    expect(invited.every((u) => u.status === 'invited')).toBe(true);
    expect(invited.map((u) => u.id)).toEqual(expect.arrayContaining([manager.id, director.id]));
    const active = await list('status=active&limit=200');
    expect(active.map((u) => u.id)).toEqual(expect.arrayContaining([admin.me.user.id, rep.userId]));
    expect(active.map((u) => u.id)).not.toContain(manager.id);
    // Wildcards in the search text are literal characters, not patterns.
    expect(await list('q=%25')).toEqual([]);
  });

  it('pages through every user exactly once by name, even with equal names', async () => {
    const marker = `Pager${Date.now()}`;
    const created: string[] = [];
    for (const suffix of ['A', 'B', 'B', 'B', 'C', 'D', 'D']) {
      created.push((await inviteOk(`${marker} ${suffix}`)).id);
    }
    for (const sort of ['name', '-name', 'email']) {
      const { ids, pages } = await pageThrough(`q=${marker}&sort=${sort}`, 2);
      expect(pages).toBe(4);
      expect(new Set(ids).size).toBe(ids.length);
      expect([...ids].sort()).toEqual([...created].sort());
    }
  });

  it('pages through every user exactly once by creation time', async () => {
    const marker = `Chrono${Date.now()}`;
    const created: string[] = [];
    for (let i = 0; i < 5; i++) created.push((await inviteOk(`${marker} ${i}`)).id);
    for (const sort of ['createdAt', '-createdAt']) {
      const { ids } = await pageThrough(`q=${marker}&sort=${sort}`, 2);
      expect(ids).toEqual(sort === 'createdAt' ? created : [...created].reverse());
    }
  });

  it('answers an unknown sort value or query field with 400 naming it', async () => {
    const badSort = await call(admin)({ method: 'GET', url: '/api/v1/users?sort=passwordHash' });
    expect(badSort.statusCode).toBe(400);
    expect(badSort.json<Problem>().errors?.map((e) => e.path)).toEqual(['sort']);
    const unknown = await call(admin)({ method: 'GET', url: '/api/v1/users?tenantId=x' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json<Problem>().errors?.map((e) => e.path)).toEqual(['tenantId']);
    const badCursor = await call(admin)({ method: 'GET', url: '/api/v1/users?cursor=not-a-cursor' });
    expect(badCursor.statusCode).toBe(400);
    expect(badCursor.json<Problem>().errors?.map((e) => e.path)).toEqual(['cursor']);
  });
});

describe('mass assignment', () => {
  const forbidden: Record<string, unknown> = {
    tenantId: '0190f5b4-0000-7000-8000-000000000001',
    id: '0190f5b4-0000-7000-8000-000000000002',
    createdAt: '2020-01-01T00:00:00Z',
    ownerId: '0190f5b4-0000-7000-8000-000000000003',
    deletedAt: '2020-01-01T00:00:00Z',
    status: 'active',
    passwordHash: 'x',
  };

  it('refuses server-owned fields in an invitation, naming each', async () => {
    for (const [field, value] of Object.entries(forbidden)) {
      const res = await invite(admin, { email: email('mass'), name: 'Mass', role: 'rep', [field]: value });
      expect(res.statusCode, field).toBe(400);
      expect(res.json<Problem>().errors?.map((e) => e.path)).toEqual([field]);
    }
  });

  it('refuses server-owned fields in an update, naming each, and changes nothing', async () => {
    const target = await inviteOk('Mass Target');
    for (const [field, value] of Object.entries(forbidden)) {
      const res = await call(admin)({
        method: 'PATCH',
        url: `/api/v1/users/${target.id}`,
        payload: { version: target.version, name: 'Changed', [field]: value },
      });
      expect(res.statusCode, field).toBe(400);
      expect(res.json<Problem>().errors?.map((e) => e.path)).toEqual([field]);
    }
    expect(await getUser(target.id)).toEqual(target);
  });
});

describe('permissions', () => {
  it('forbids a rep to invite, update, deactivate or reset anyone', async () => {
    const target = await inviteOk('Untouchable');
    const attempts: InjectOptions[] = [
      {
        method: 'POST',
        url: '/api/v1/users/invitations',
        payload: { email: email('r'), name: 'R', role: 'admin' },
      },
      { method: 'PATCH', url: `/api/v1/users/${target.id}`, payload: { version: 1, role: 'admin' } },
      { method: 'PATCH', url: `/api/v1/users/${rep.userId}`, payload: { version: 1, role: 'admin' } },
      { method: 'POST', url: `/api/v1/users/${admin.me.user.id}/deactivate` },
      { method: 'POST', url: `/api/v1/users/${target.id}/reactivate` },
      { method: 'POST', url: `/api/v1/users/${admin.me.user.id}/password-reset` },
    ];
    for (const attempt of attempts) {
      const res = await call(rep.session)(attempt);
      expect(res.statusCode, `${attempt.method} ${attempt.url}`).toBe(403);
      expect(res.json<Problem>().code).toBe('forbidden');
    }
    expect(await getUser(target.id)).toEqual(target);
    expect((await getUser(admin.me.user.id)).status).toBe('active');
  });

  it('lets a rep list and read colleagues', async () => {
    const res = await call(rep.session)({ method: 'GET', url: `/api/v1/users/${admin.me.user.id}` });
    expect(res.statusCode).toBe(200);
  });
});

describe('optimistic concurrency', () => {
  it('returns an ETag and accepts it back in If-Match', async () => {
    const target = await inviteOk('Etag Person');
    const res = await call(admin)({ method: 'GET', url: `/api/v1/users/${target.id}` });
    expect(res.headers.etag).toBe(`"${target.version}"`);
    const updated = await call(admin)({
      method: 'PATCH',
      url: `/api/v1/users/${target.id}`,
      headers: { 'if-match': String(res.headers.etag) },
      payload: { name: 'Etag Renamed' },
    });
    expect(updated.statusCode).toBe(200);
    expect(updated.json<User>()).toMatchObject({ name: 'Etag Renamed', version: target.version + 1 });
    expect(updated.headers.etag).toBe(`"${target.version + 1}"`);
  });

  it('refuses a stale version with 412 and changes nothing', async () => {
    const target = await inviteOk('Stale Person');
    const first = await call(admin)({
      method: 'PATCH',
      url: `/api/v1/users/${target.id}`,
      payload: { version: target.version, name: 'First Writer' },
    });
    expect(first.statusCode).toBe(200);
    for (const stale of [
      { payload: { version: target.version, name: 'Second Writer' } },
      { headers: { 'if-match': `"${target.version}"` }, payload: { name: 'Second Writer' } },
    ]) {
      const res = await call(admin)({ method: 'PATCH', url: `/api/v1/users/${target.id}`, ...stale });
      expect(res.statusCode).toBe(412);
      expect(res.json<Problem>().code).toBe('version_conflict');
    }
    expect((await getUser(target.id)).name).toBe('First Writer');
  });

  it('requires a version (If-Match or body) with 428', async () => {
    const target = await inviteOk('Versionless');
    for (const headers of [{}, { 'if-match': '*' }, { 'if-match': 'garbage' }]) {
      const res = await call(admin)({
        method: 'PATCH',
        url: `/api/v1/users/${target.id}`,
        headers,
        payload: { name: 'Blind Write' },
      });
      expect(res.statusCode).toBe(428);
      expect(res.json<Problem>().code).toBe('version_required');
    }
    expect((await getUser(target.id)).name).toBe('Versionless');
  });
});

describe('deactivation', () => {
  it('ends the user’s sessions and API tokens at once', async () => {
    const victim = await addUser(t, admin, 'rep');
    const token = await call(victim.session)({
      method: 'POST',
      url: '/api/v1/me/tokens',
      payload: { name: 'script', scopes: ['read'] },
    });
    expect(token.statusCode).toBe(201);
    const secret = token.json<{ secret: string }>().secret;
    expect((await bearer(t, secret)({ method: 'GET', url: '/api/v1/me' })).statusCode).toBe(200);

    const res = await call(admin)({ method: 'POST', url: `/api/v1/users/${victim.userId}/deactivate` });
    expect(res.statusCode).toBe(200);
    expect(res.json<User>().status).toBe('deactivated');

    expect((await call(victim.session)({ method: 'GET', url: '/api/v1/me' })).statusCode).toBe(401);
    expect((await bearer(t, secret)({ method: 'GET', url: '/api/v1/me' })).statusCode).toBe(401);
    const signIn = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: victim.email, password: PASSWORD },
    });
    expect(signIn.statusCode).toBe(401);

    // Reactivation restores sign-in, but not the ended session or the revoked token.
    const back = await call(admin)({ method: 'POST', url: `/api/v1/users/${victim.userId}/reactivate` });
    expect(back.json<User>().status).toBe('active');
    expect((await call(victim.session)({ method: 'GET', url: '/api/v1/me' })).statusCode).toBe(401);
    expect((await bearer(t, secret)({ method: 'GET', url: '/api/v1/me' })).statusCode).toBe(401);
    await login(t, victim.email, PASSWORD);
  });

  it('forbids an admin to deactivate or demote themselves', async () => {
    const self = await call(admin)({ method: 'POST', url: `/api/v1/users/${admin.me.user.id}/deactivate` });
    expect(self.statusCode).toBe(409);
    expect(self.json<Problem>().code).toBe('cannot_change_self');
    const me = await getUser(admin.me.user.id);
    const demote = await call(admin)({
      method: 'PATCH',
      url: `/api/v1/users/${admin.me.user.id}`,
      payload: { version: me.version, role: 'rep' },
    });
    expect(demote.statusCode).toBe(409);
    expect(demote.json<Problem>().code).toBe('cannot_change_self');
    expect((await getUser(admin.me.user.id)).role).toBe('admin');
  });

  it('keeps the last active admin', async () => {
    const lone = await newTenant(t);
    const actor = systemActor(lone.me.tenant.id);
    const error = await usersService.setActive(t.platform, actor, lone.me.user.id, false).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('last_admin');
    const demote = await usersService
      .update(t.platform, actor, lone.me.user.id, null, { role: 'director' })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect((demote as AppError).code).toBe('last_admin');
    expect((await as(t, lone)({ method: 'GET', url: '/api/v1/me' })).json()).toMatchObject({
      user: { role: 'admin' },
    });
  });

  it('keeps an active admin when two admins deactivate each other at the same time', async () => {
    const owner = await newTenant(t);
    const second = await addUser(t, owner, 'admin');
    const both = () =>
      Promise.all([
        as(t, owner)({ method: 'POST', url: `/api/v1/users/${second.userId}/deactivate` }),
        as(t, second.session)({ method: 'POST', url: `/api/v1/users/${owner.me.user.id}/deactivate` }),
      ]);
    // On PostgreSQL, hold both requests just after their checks (they queue behind a table lock on
    // api_tokens, which deactivation writes) so the interleaving is the worst case every run.
    const [x, y] =
      t.db.kind === 'postgres'
        ? await t.db.withConnection(async (_db, raw) => {
            await raw.query('BEGIN');
            await raw.query('LOCK TABLE api_tokens IN EXCLUSIVE MODE');
            const pending = both();
            await waitFor(
              async () => {
                const { rows } = await t.db.raw.query<{ n: number }>(
                  `SELECT count(*)::int AS n FROM pg_stat_activity
                    WHERE datname = current_database() AND wait_event_type = 'Lock'`,
                );
                return (rows[0]?.n ?? 0) >= 2 ? true : undefined;
              },
              'both deactivations to wait',
              3000,
            ).catch(() => undefined);
            await raw.query('COMMIT');
            return pending;
          })
        : await both();
    const statuses = [x?.statusCode, y?.statusCode];
    expect(statuses.filter((s) => s === 200).length, `statuses ${statuses.join(', ')}`).toBeLessThanOrEqual(
      1,
    );
    const admins = await usersService.list(t.platform, systemActor(owner.me.tenant.id), {
      limit: 10,
      role: 'admin',
      status: 'active',
      sort: 'name',
    });
    expect(admins.items.length).toBeGreaterThanOrEqual(1);
  });
});

describe('admin-issued password reset', () => {
  it('issues a single-use link that sets a new password and ends the user’s sessions', async () => {
    const person = await addUser(t, admin, 'rep');
    const res = await call(admin)({ method: 'POST', url: `/api/v1/users/${person.userId}/password-reset` });
    expect(res.statusCode).toBe(200);
    const token = new URL(res.json<{ resetUrl: string }>().resetUrl).searchParams.get('token') ?? '';
    const newPassword = 'a brand new passphrase';
    const confirm = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password-reset/confirm',
      payload: { token, password: newPassword },
    });
    expect(confirm.statusCode).toBe(204);
    expect((await call(person.session)({ method: 'GET', url: '/api/v1/me' })).statusCode).toBe(401);

    const reuse = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password-reset/confirm',
      payload: { token, password: 'yet another passphrase' },
    });
    expect(reuse.statusCode).toBe(400);
    expect(reuse.json<Problem>().code).toBe('link_invalid');

    await login(t, person.email, newPassword);
    await expect(login(t, person.email, PASSWORD)).rejects.toThrow(/401/);
  });

  it('invalidates an earlier link when a new one is issued', async () => {
    const person = await addUser(t, admin, 'rep');
    const issue = async () => {
      const res = await call(admin)({ method: 'POST', url: `/api/v1/users/${person.userId}/password-reset` });
      return new URL(res.json<{ resetUrl: string }>().resetUrl).searchParams.get('token') ?? '';
    };
    const first = await issue();
    await issue();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password-reset/confirm',
      payload: { token: first, password: 'another good passphrase' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json<Problem>().code).toBe('link_invalid');
  });
});
