import type { Team } from '@contracts/teams.contract';
import type { User } from '@contracts/users.contract';
import { describe, expect, it } from 'vitest';
import { addUser, as, newTenant, useTestApp } from '../../../test/helper';

/** Sales teams: create, list, read, rename, members, delete. */

const t = await useTestApp();
const admin = await newTenant(t);
const call = as(t, admin);
const rep = await addUser(t, admin, 'rep', 'Rosa Rep');
const manager = await addUser(t, admin, 'manager', 'Max Manager');

type Page = { items: Team[]; nextCursor: string | null };
type Problem = { code: string; errors?: { path: string }[] };

async function create(name: string, region = 'North', description?: string): Promise<Team> {
  const res = await call({
    method: 'POST',
    url: '/api/v1/teams',
    payload: { name, region, ...(description === undefined ? {} : { description }) },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Team>();
}

async function read(id: string): Promise<Team> {
  const res = await call({ method: 'GET', url: `/api/v1/teams/${id}` });
  expect(res.statusCode).toBe(200);
  return res.json<Team>();
}

async function setMembers(id: string, members: { userId: string; isLead?: boolean }[]) {
  return call({ method: 'PUT', url: `/api/v1/teams/${id}/members`, payload: { members } });
}

describe('teams', () => {
  it('creates a team and reads it back', async () => {
    const team = await create('  Harbour  ', 'Coast', 'Port accounts');
    expect(team).toMatchObject({
      name: 'Harbour',
      region: 'Coast',
      description: 'Port accounts',
      members: [],
      version: 1,
    });
    expect(await read(team.id)).toEqual(team);
  });

  it('lists teams sorted, filtered by text and region, and paged', async () => {
    const names = ['List Alpha', 'List Bravo', 'List Charlie', 'List Delta'];
    for (const [i, name] of names.entries()) await create(name, i % 2 === 0 ? 'ListEven' : 'ListOdd');
    const get = async (query: string) => {
      const res = await call({ method: 'GET', url: `/api/v1/teams?${query}` });
      expect(res.statusCode, res.body).toBe(200);
      return res.json<Page>();
    };
    expect((await get('q=list&sort=-name')).items.map((x) => x.name)).toEqual([...names].reverse());
    expect((await get('region=ListEven')).items.map((x) => x.name)).toEqual(['List Alpha', 'List Charlie']);
    const first = await get('q=List&limit=3');
    expect(first.items.map((x) => x.name)).toEqual(names.slice(0, 3));
    const second = await get(`q=List&limit=3&cursor=${encodeURIComponent(first.nextCursor ?? '')}`);
    expect(second).toEqual({ items: [expect.objectContaining({ name: 'List Delta' })], nextCursor: null });
    const bad = await call({ method: 'GET', url: '/api/v1/teams?sort=members' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<Problem>().errors?.map((e) => e.path)).toEqual(['sort']);
  });

  it('renames a team with the version it read', async () => {
    const team = await create('Rename Me');
    const res = await call({
      method: 'PATCH',
      url: `/api/v1/teams/${team.id}`,
      payload: { version: team.version, name: 'Renamed', description: 'new' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json<Team>()).toMatchObject({
      name: 'Renamed',
      region: 'North',
      description: 'new',
      version: 2,
    });
    const stale = await call({
      method: 'PATCH',
      url: `/api/v1/teams/${team.id}`,
      payload: { version: team.version, name: 'Stale' },
    });
    expect(stale.statusCode).toBe(412);
    expect((await read(team.id)).name).toBe('Renamed');
  });

  it('refuses a name already used, whatever its case (409 name_taken)', async () => {
    const taken = await create('Skyline');
    for (const name of ['Skyline', 'SKYLINE', 'skyline ']) {
      const res = await call({ method: 'POST', url: '/api/v1/teams', payload: { name, region: 'X' } });
      expect(res.statusCode, name).toBe(409);
      expect(res.json<Problem>().code).toBe('name_taken');
    }
    const other = await create('Lowland');
    const rename = await call({
      method: 'PATCH',
      url: `/api/v1/teams/${other.id}`,
      payload: { version: other.version, name: 'sKyLiNe' },
    });
    expect(rename.statusCode).toBe(409);
    expect(rename.json<Problem>().code).toBe('name_taken');
    // A team may keep its own name, or change only its case.
    const own = await call({
      method: 'PATCH',
      url: `/api/v1/teams/${taken.id}`,
      payload: { version: taken.version, name: 'SkyLine' },
    });
    expect(own.statusCode).toBe(200);
  });

  it('creates only one of two teams with the same name sent at the same moment', async () => {
    const results = await Promise.all(
      ['Photo Finish', 'photo finish'].map((name) =>
        call({ method: 'POST', url: '/api/v1/teams', payload: { name, region: 'X' } }),
      ),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    const list = await call({ method: 'GET', url: '/api/v1/teams?q=photo' });
    expect(list.json<Page>().items).toHaveLength(1);
  });

  it('treats % and _ in a name literally when checking for duplicates', async () => {
    await create('Team_1');
    await create('Team%');
    expect((await create('TeamX1')).name).toBe('TeamX1');
    expect((await create('Team-anything')).name).toBe('Team-anything');
  });

  it('keeps team management to admins', async () => {
    const team = await create('Guarded');
    for (const request of [
      { method: 'POST' as const, url: '/api/v1/teams', payload: { name: 'Rogue', region: 'X' } },
      { method: 'PATCH' as const, url: `/api/v1/teams/${team.id}`, payload: { version: 1, name: 'Rogue' } },
      { method: 'PUT' as const, url: `/api/v1/teams/${team.id}/members`, payload: { members: [] } },
      { method: 'DELETE' as const, url: `/api/v1/teams/${team.id}` },
    ]) {
      const res = await as(t, manager.session)(request);
      expect(res.statusCode, `${request.method} ${request.url}`).toBe(403);
    }
    expect(await read(team.id)).toEqual(team);
    const list = await as(t, rep.session)({ method: 'GET', url: '/api/v1/teams' });
    expect(list.statusCode).toBe(200);
  });
});

describe('team members', () => {
  it('replaces the member list and marks the lead', async () => {
    const team = await create('Members');
    const first = await setMembers(team.id, [
      { userId: rep.userId },
      { userId: manager.userId, isLead: true },
    ]);
    expect(first.statusCode).toBe(200);
    expect(first.json<Team>().members).toEqual([
      { userId: manager.userId, name: 'Max Manager', isLead: true },
      { userId: rep.userId, name: 'Rosa Rep', isLead: false },
    ]);
    expect(first.json<Team>().version).toBe(team.version + 1);

    const second = await setMembers(team.id, [{ userId: rep.userId, isLead: true }]);
    expect(second.json<Team>().members).toEqual([{ userId: rep.userId, name: 'Rosa Rep', isLead: true }]);
    expect((await read(team.id)).members).toEqual(second.json<Team>().members);
    const user = await call({ method: 'GET', url: `/api/v1/users/${manager.userId}` });
    expect(user.json<User>().teamIds).not.toContain(team.id);

    const cleared = await setMembers(team.id, []);
    expect(cleared.json<Team>().members).toEqual([]);
  });

  it('refuses a member who is not a user of the tenant (404) and keeps the old list', async () => {
    const team = await create('Strict Members');
    await setMembers(team.id, [{ userId: rep.userId }]);
    const outsider = await newTenant(t);
    for (const userId of ['0190f5b4-0000-7000-8000-000000000123', outsider.me.user.id]) {
      const res = await setMembers(team.id, [{ userId: manager.userId }, { userId }]);
      expect(res.statusCode).toBe(404);
      expect(res.json<Problem>().code).toBe('not_found');
    }
    expect((await read(team.id)).members.map((m) => m.userId)).toEqual([rep.userId]);
  });

  it('answers 404 for the members of a team that does not exist', async () => {
    const res = await setMembers('0190f5b4-0000-7000-8000-000000000999', []);
    expect(res.statusCode).toBe(404);
  });
});

describe('deleting a team', () => {
  it('removes the team and its memberships but keeps the users', async () => {
    const team = await create('Doomed');
    await setMembers(team.id, [{ userId: rep.userId }, { userId: manager.userId }]);
    const before = await call({ method: 'GET', url: `/api/v1/users/${rep.userId}` });
    expect(before.json<User>().teamIds).toContain(team.id);

    const res = await call({ method: 'DELETE', url: `/api/v1/teams/${team.id}` });
    expect(res.statusCode).toBe(204);
    expect((await call({ method: 'GET', url: `/api/v1/teams/${team.id}` })).statusCode).toBe(404);
    for (const id of [rep.userId, manager.userId]) {
      const user = await call({ method: 'GET', url: `/api/v1/users/${id}` });
      expect(user.statusCode).toBe(200);
      expect(user.json<User>()).toMatchObject({ status: 'active' });
      expect(user.json<User>().teamIds).not.toContain(team.id);
    }
    expect((await as(t, rep.session)({ method: 'GET', url: '/api/v1/me' })).statusCode).toBe(200);
    const again = await call({ method: 'DELETE', url: `/api/v1/teams/${team.id}` });
    expect(again.statusCode).toBe(404);
  });
});
