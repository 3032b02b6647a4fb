import type { LeadView } from '@contracts/lead-views.contract';
import { describe, expect, it } from 'vitest';
import { addUser, as, newTenant, type Session, useTestApp } from '../../../../test/helper';

/** Saved lead list views: CRUD, private and shared visibility, versions, and filters the list accepts. */

const t = await useTestApp();
const admin = await newTenant(t);
const rosa = await addUser(t, admin, 'rep', 'Rosa Rep');
const sam = await addUser(t, admin, 'rep', 'Sam Rep');

type Problem = { code: string; errors?: { path: string; code: string }[] };

async function createView(s: Session, payload: Record<string, unknown>): Promise<LeadView> {
  const res = await as(t, s)({ method: 'POST', url: '/api/v1/lead-views', payload });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<LeadView>();
}

async function listNames(s: Session): Promise<string[]> {
  const res = await as(t, s)({ method: 'GET', url: '/api/v1/lead-views' });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ items: LeadView[] }>().items.map((v) => v.name);
}

const pathsOf = (res: { json: <T>() => T }) => (res.json<Problem>().errors ?? []).map((e) => e.path).sort();

describe('saving a view', () => {
  it('stores name, filters, columns and sort, and reads them back', async () => {
    const view = await createView(rosa.session, {
      name: '  My hot leads ',
      filters: { status: 'new,contacted', grade: 'A', ownerId: 'me', slaBreached: 'true', minScore: '30' },
      columns: ['companyName', 'score', 'sla'],
      sort: '-score',
    });
    expect(view).toMatchObject({
      name: 'My hot leads',
      filters: { status: 'new,contacted', grade: 'A', ownerId: 'me', slaBreached: 'true', minScore: '30' },
      columns: ['companyName', 'score', 'sla'],
      sort: '-score',
      shared: false,
      ownerId: rosa.userId,
      ownerName: 'Rosa Rep',
      version: 1,
    });
    const read = await as(t, rosa.session)({ method: 'GET', url: `/api/v1/lead-views/${view.id}` });
    expect(read.json<LeadView>()).toEqual(view);
    const audit = await as(
      t,
      admin,
    )({ method: 'GET', url: `/api/v1/audit-log?entity=lead_view&entityId=${view.id}` });
    expect(audit.json<{ items: { action: string }[] }>().items.map((i) => i.action)).toEqual(['create']);
  });

  it('defaults to no filters, the default columns and newest first', async () => {
    const view = await createView(rosa.session, { name: 'Everything' });
    expect(view).toMatchObject({ filters: {}, columns: [], sort: '-createdAt', shared: false });
  });

  it('keeps filters the lead list accepts, which the list then answers', async () => {
    const filters = {
      q: 'acme',
      status: 'mql,sql',
      source: 'event,website_form',
      companySize: '100-499',
      ownerId: 'none',
      teamId: '0190f5b4-0000-7000-8000-000000000001',
      minScore: '10',
      maxScore: '90',
      createdFrom: '2025-01-01T00:00:00.000Z',
      createdTo: '2025-12-31T00:00:00+08:00',
      hasDuplicates: 'false',
    };
    const view = await createView(rosa.session, { name: 'Round trip', filters });
    expect(view.filters).toEqual(filters);
    const query = new URLSearchParams({ ...view.filters, sort: view.sort }).toString();
    const list = await as(t, rosa.session)({ method: 'GET', url: `/api/v1/leads?${query}` });
    expect(list.statusCode, list.body).toBe(200);
  });

  it('refuses filters the list would refuse, naming each one', async () => {
    const res = await as(
      t,
      rosa.session,
    )({
      method: 'POST',
      url: '/api/v1/lead-views',
      payload: {
        name: 'Broken',
        filters: {
          status: 'new,lost',
          grade: 'Z',
          minScore: 'many',
          createdFrom: 'yesterday',
          ownerId: 'someone',
          slaBreached: 'yes',
          tenantId: 'x',
        },
      },
    });
    expect(res.statusCode).toBe(400);
    expect(pathsOf(res)).toEqual(
      [
        'filters.status.1',
        'filters.grade.0',
        'filters.minScore',
        'filters.createdFrom',
        'filters.ownerId',
        'filters.slaBreached',
        'filters.tenantId',
      ].sort(),
    );
    expect(res.json<Problem>().errors?.find((e) => e.path === 'filters.tenantId')?.code).toBe(
      'unrecognized_key',
    );
    expect(await listNames(rosa.session)).not.toContain('Broken');
  });

  it('drops blank filter values instead of storing them', async () => {
    const view = await createView(rosa.session, { name: 'Blanks', filters: { q: '  ', status: 'new' } });
    expect(view.filters).toEqual({ status: 'new' });
  });

  it('refuses unknown columns, sorts and fields, and keeps a column named twice once', async () => {
    const call = as(t, rosa.session);
    for (const [payload, path] of [
      [{ name: 'X', columns: ['companyName', 'password'] }, 'columns.1'],
      [{ name: 'X', sort: 'phone' }, 'sort'],
      [{ name: 'X', ownerId: sam.userId }, 'ownerId'],
      [{ name: '   ' }, 'name'],
    ] as const) {
      const res = await call({ method: 'POST', url: '/api/v1/lead-views', payload });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(pathsOf(res)).toEqual([path]);
    }
    const view = await createView(rosa.session, { name: 'Twice', columns: ['score', 'grade', 'score'] });
    expect(view.columns).toEqual(['score', 'grade']);
  });
});

describe('who sees and changes a view', () => {
  it('shows a private view only to its owner, and a shared one to the whole company', async () => {
    const secret = await createView(rosa.session, { name: 'Rosa private' });
    const shared = await createView(rosa.session, { name: 'Rosa shared', shared: true });
    expect(await listNames(rosa.session)).toEqual(expect.arrayContaining(['Rosa private', 'Rosa shared']));
    const samSees = await listNames(sam.session);
    expect(samSees).toContain('Rosa shared');
    expect(samSees).not.toContain('Rosa private');
    const samCall = as(t, sam.session);
    expect((await samCall({ method: 'GET', url: `/api/v1/lead-views/${secret.id}` })).statusCode).toBe(404);
    expect((await samCall({ method: 'GET', url: `/api/v1/lead-views/${shared.id}` })).statusCode).toBe(200);

    const outsider = await newTenant(t);
    expect(await listNames(outsider)).not.toContain('Rosa shared');
    const foreign = await as(t, outsider)({ method: 'GET', url: `/api/v1/lead-views/${shared.id}` });
    expect(foreign.statusCode).toBe(404);
  });

  it('lets only the owner edit or delete, even an admin cannot touch another’s view', async () => {
    const secret = await createView(rosa.session, { name: 'Only mine' });
    const shared = await createView(rosa.session, { name: 'Ours to read', shared: true });
    for (const s of [sam.session, admin]) {
      const call = as(t, s);
      const editShared = await call({
        method: 'PATCH',
        url: `/api/v1/lead-views/${shared.id}`,
        payload: { version: shared.version, name: 'Hijacked' },
      });
      expect(editShared.statusCode).toBe(403);
      expect((await call({ method: 'DELETE', url: `/api/v1/lead-views/${shared.id}` })).statusCode).toBe(403);
      const editSecret = await call({
        method: 'PATCH',
        url: `/api/v1/lead-views/${secret.id}`,
        payload: { version: secret.version, name: 'Hijacked' },
      });
      expect(editSecret.statusCode).toBe(404);
      expect((await call({ method: 'DELETE', url: `/api/v1/lead-views/${secret.id}` })).statusCode).toBe(404);
    }
    const still = await as(t, rosa.session)({ method: 'GET', url: `/api/v1/lead-views/${shared.id}` });
    expect(still.json<LeadView>()).toEqual(shared);
  });

  it('unsharing hides the view from everyone else again', async () => {
    const view = await createView(rosa.session, { name: 'Briefly shared', shared: true });
    expect(await listNames(sam.session)).toContain('Briefly shared');
    const res = await as(
      t,
      rosa.session,
    )({
      method: 'PATCH',
      url: `/api/v1/lead-views/${view.id}`,
      payload: { version: view.version, shared: false },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(await listNames(sam.session)).not.toContain('Briefly shared');
  });
});

describe('updating and deleting a view', () => {
  it('updates with the version it read and refuses a stale or missing version', async () => {
    const view = await createView(rosa.session, { name: 'Editable', filters: { grade: 'A' } });
    const call = as(t, rosa.session);
    const res = await call({
      method: 'PATCH',
      url: `/api/v1/lead-views/${view.id}`,
      payload: {
        version: view.version,
        name: 'Edited',
        filters: { grade: 'B', q: '' },
        columns: ['companyName'],
        sort: 'companyName',
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<LeadView>()).toMatchObject({
      name: 'Edited',
      filters: { grade: 'B' },
      columns: ['companyName'],
      sort: 'companyName',
      version: view.version + 1,
    });
    const stale = await call({
      method: 'PATCH',
      url: `/api/v1/lead-views/${view.id}`,
      payload: { version: view.version, name: 'Stale' },
    });
    expect(stale.statusCode).toBe(412);
    const missing = await call({
      method: 'PATCH',
      url: `/api/v1/lead-views/${view.id}`,
      payload: { name: 'No version' },
    });
    expect(missing.statusCode).toBe(428);
    const badFilter = await call({
      method: 'PATCH',
      url: `/api/v1/lead-views/${view.id}`,
      payload: { version: view.version + 1, filters: { score: '10' } },
    });
    expect(badFilter.statusCode).toBe(400);
    expect(pathsOf(badFilter)).toEqual(['filters.score']);
    const read = await call({ method: 'GET', url: `/api/v1/lead-views/${view.id}` });
    expect(read.json<LeadView>()).toMatchObject({ name: 'Edited', version: view.version + 1 });
  });

  it('deletes a view and audits it', async () => {
    const view = await createView(rosa.session, { name: 'Doomed view' });
    const call = as(t, rosa.session);
    expect((await call({ method: 'DELETE', url: `/api/v1/lead-views/${view.id}` })).statusCode).toBe(204);
    expect((await call({ method: 'GET', url: `/api/v1/lead-views/${view.id}` })).statusCode).toBe(404);
    expect((await call({ method: 'DELETE', url: `/api/v1/lead-views/${view.id}` })).statusCode).toBe(404);
    expect(await listNames(rosa.session)).not.toContain('Doomed view');
    const audit = await as(
      t,
      admin,
    )({ method: 'GET', url: `/api/v1/audit-log?entity=lead_view&entityId=${view.id}` });
    expect(audit.json<{ items: { action: string }[] }>().items.map((i) => i.action)).toEqual([
      'delete',
      'create',
    ]);
  });
});
