import { CUSTOMER_BULK_MAX_MATCHES, type CustomerBulkResult } from '@contracts/customer-bulk.contract';
import type { PoolEvent } from '@contracts/customer-pool.contract';
import type { CustomerSegment } from '@contracts/customer-segments.contract';
import type { Customer } from '@contracts/customers.contract';
import { describe, expect, it } from 'vitest';
import { addUser, as, newTenant, type Session, useTestApp } from '../../../../test/helper';

/** Bulk actions on customers: by ids or by filter/segment, each customer on its own, scope and audit kept. */

const t = await useTestApp();

type Problem = { code: string; errors?: { path: string; code: string; detail: string }[] };

async function company() {
  const admin = await newTenant(t);
  const call = as(t, admin);
  const manager = await addUser(t, admin, 'manager', 'Manager Mo');
  const rep = await addUser(t, admin, 'rep', 'Rep Ran');
  const rep2 = await addUser(t, admin, 'rep', 'Rep Ruo');
  const team = (
    await call({ method: 'POST', url: '/api/v1/teams', payload: { name: 'North', region: '华北' } })
  ).json<{ id: string }>();
  await call({
    method: 'PUT',
    url: `/api/v1/teams/${team.id}/members`,
    payload: { members: [{ userId: manager.userId, isLead: true }, { userId: rep.userId }] },
  });
  return { admin, call, manager, rep, rep2, team };
}
type Company = Awaited<ReturnType<typeof company>>;

async function customer(c: Company, name: string, extra: Record<string, unknown> = {}) {
  const res = await c.call({ method: 'POST', url: '/api/v1/customers', payload: { name, ...extra } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Customer>();
}

const bulk = (s: Session, payload: Record<string, unknown>) =>
  as(t, s)({ method: 'POST', url: '/api/v1/customers/bulk', payload });

async function done(s: Session, payload: Record<string, unknown>) {
  const res = await bulk(s, payload);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<CustomerBulkResult>();
}

const read = async (c: Company, id: string) =>
  (await c.call({ method: 'GET', url: `/api/v1/customers/${id}` })).json<Customer>();

describe('bulk actions on customers', () => {
  it('reassigns the picked customers to an owner and team, audited, and counts those already theirs', async () => {
    const c = await company();
    const a = await customer(c, '北方重工', { ownerId: c.rep2.userId });
    const b = await customer(c, '北辰软件', { ownerId: c.rep.userId, teamId: c.team.id });
    const result = await done(c.admin, {
      ids: [a.id, b.id, a.id],
      action: { kind: 'assign', ownerId: c.rep.userId, teamId: c.team.id },
    });
    expect(result).toEqual({ matched: 2, updated: 1, unchanged: 1, failed: [] });
    const after = await read(c, a.id);
    expect(after).toMatchObject({ ownerId: c.rep.userId, teamId: c.team.id, version: a.version + 1 });
    const audit = await c.call({
      method: 'GET',
      url: `/api/v1/audit-log?entity=customer&entityId=${a.id}`,
    });
    expect(audit.json<{ items: { action: string }[] }>().items.map((i) => i.action)).toEqual([
      'assign',
      'create',
    ]);
    // Without a team, each customer keeps its own.
    await done(c.admin, { ids: [b.id], action: { kind: 'assign', ownerId: c.rep2.userId } });
    expect(await read(c, b.id)).toMatchObject({ ownerId: c.rep2.userId, teamId: c.team.id });
  });

  it('refuses reassigning to reps as a whole, and an unknown owner per customer with its reason', async () => {
    const c = await company();
    const mine = await customer(c, '自有客户', { ownerId: c.rep.userId });
    const refused = await bulk(c.rep.session, {
      ids: [mine.id],
      action: { kind: 'assign', ownerId: c.rep2.userId },
    });
    expect(refused.statusCode).toBe(403);
    const res = await as(
      t,
      c.admin,
    )({
      method: 'POST',
      url: '/api/v1/customers/bulk',
      payload: {
        ids: [mine.id],
        action: { kind: 'assign', ownerId: '01a20c90-0bee-7de1-98ed-1b8b7a546358' },
      },
    });
    const result = res.json<CustomerBulkResult>();
    expect(result.updated).toBe(0);
    expect(result.failed).toEqual([
      {
        id: mine.id,
        name: '自有客户',
        code: 'validation_failed',
        detail: 'No active user with this id.',
      },
    ]);
    expect((await read(c, mine.id)).ownerId).toBe(c.rep.userId);
  });

  it('adds and removes tags, keeping the others, and refuses going past the tag limit for that customer alone', async () => {
    const c = await company();
    const a = await customer(c, '甲', { tags: ['老客户'] });
    const b = await customer(c, '乙', { tags: Array.from({ length: 30 }, (_, i) => `t${i}`) });
    const added = await done(c.admin, {
      ids: [a.id, b.id],
      action: { kind: 'addTags', tags: ['预算敏感型', '老客户'] },
    });
    expect(added).toMatchObject({ matched: 2, updated: 1, unchanged: 0 });
    expect(added.failed).toEqual([
      { id: b.id, name: '乙', code: 'validation_failed', detail: expect.stringContaining('30') },
    ]);
    expect((await read(c, a.id)).tags).toEqual(['老客户', '预算敏感型']);
    expect((await read(c, b.id)).tags).toHaveLength(30);
    const removed = await done(c.admin, {
      ids: [a.id, b.id],
      action: { kind: 'removeTags', tags: ['老客户'] },
    });
    expect(removed).toMatchObject({ updated: 1, unchanged: 1, failed: [] });
    expect((await read(c, a.id)).tags).toEqual(['预算敏感型']);
  });

  it('releases to the pool what the caller may release, with the reason in each history', async () => {
    const c = await company();
    const own = await customer(c, '自有', { ownerId: c.rep.userId });
    const other = await customer(c, '同事的', { ownerId: c.rep2.userId });
    const shared = await c.call({
      method: 'PATCH',
      url: `/api/v1/customers/${other.id}`,
      payload: { version: other.version, sharedWith: [c.rep.userId] },
    });
    expect(shared.statusCode, shared.body).toBe(200);
    const pooled = await customer(c, '公海', { ownerId: null });
    const result = await done(c.rep.session, {
      ids: [own.id, other.id, pooled.id],
      action: { kind: 'release', reason: '长期无回应' },
    });
    expect(result.updated).toBe(1);
    expect(result.failed.map((f) => [f.name, f.code])).toEqual([
      ['同事的', 'forbidden'],
      // A pool customer is not the rep's to see as theirs (the pool lists it): as for the single release.
      [null, 'not_found'],
    ]);
    const again = await done(c.admin, { ids: [pooled.id], action: { kind: 'release', reason: '重复' } });
    expect(again.failed.map((f) => [f.name, f.code])).toEqual([['公海', 'customer_in_pool']]);
    expect(await read(c, own.id)).toMatchObject({ ownerId: null, teamId: null });
    const history = await as(
      t,
      c.rep.session,
    )({ method: 'GET', url: `/api/v1/customers/${own.id}/pool-history` });
    expect(history.json<{ items: PoolEvent[] }>().items[0]).toMatchObject({
      kind: 'release',
      reason: '长期无回应',
    });
  });

  it('acts on what a filter or a saved segment matches, within the caller’s scope only', async () => {
    const c = await company();
    await customer(c, '华北 A', { region: '华北', ownerId: c.rep.userId });
    await customer(c, '华北 B', { region: '华北', ownerId: c.rep2.userId });
    await customer(c, '华南 C', { region: '华南', ownerId: c.rep.userId });
    // The manager sees the team's (rep's) customers, not rep2's.
    const byFilter = await done(c.manager.session, {
      filter: { region: '华北' },
      action: { kind: 'addTags', tags: ['重点'] },
    });
    expect(byFilter).toMatchObject({ matched: 1, updated: 1 });
    const segment = (
      await c.call({
        method: 'POST',
        url: '/api/v1/customer-segments',
        payload: { name: '华北', filters: { region: '华北' }, shared: true },
      })
    ).json<CustomerSegment>();
    const bySegment = await done(c.admin, {
      filter: { segment: segment.id },
      action: { kind: 'addTags', tags: ['重点'] },
    });
    expect(bySegment).toMatchObject({ matched: 2, updated: 1, unchanged: 1 });
    const tagged = await c.call({
      method: 'GET',
      url: `/api/v1/customers?tags=${encodeURIComponent('重点')}`,
    });
    expect(
      tagged
        .json<{ items: Customer[] }>()
        .items.map((x) => x.name)
        .sort(),
    ).toEqual(['华北 A', '华北 B']);
  });

  it('never reaches another company’s customers or segments', async () => {
    const c = await company();
    const theirs = await customer(c, '别家客户', { tags: ['原样'] });
    const segment = (
      await c.call({
        method: 'POST',
        url: '/api/v1/customer-segments',
        payload: { name: '全部', filters: {}, shared: true },
      })
    ).json<CustomerSegment>();
    const stranger = await newTenant(t);
    const byId = await done(stranger, { ids: [theirs.id], action: { kind: 'removeTags', tags: ['原样'] } });
    expect(byId).toMatchObject({
      matched: 1,
      updated: 0,
      failed: [{ id: theirs.id, name: null, code: 'not_found' }],
    });
    const bySegment = await bulk(stranger, {
      filter: { segment: segment.id },
      action: { kind: 'addTags', tags: ['x'] },
    });
    expect(bySegment.statusCode).toBe(400);
    expect(bySegment.json<Problem>().errors?.[0]).toMatchObject({
      path: 'filter.segment',
      code: 'unknown_record',
    });
    const everything = await done(stranger, { filter: {}, action: { kind: 'addTags', tags: ['x'] } });
    expect(everything.matched).toBe(0);
    expect((await read(c, theirs.id)).tags).toEqual(['原样']);
  });

  it('refuses a filter wider than the limit, naming it, and changes nothing', async () => {
    const c = await company();
    const tenantId = c.admin.me.tenant.id;
    await t.db.raw.query(
      `INSERT INTO customers (tenant_id, id, name, name_norm, region, created_at, updated_at)
       SELECT $1, gen_random_uuid(), 'bulk ' || n, 'bulk ' || n, '西北', now(), now()
       FROM generate_series(1, $2::int) n`,
      [tenantId, CUSTOMER_BULK_MAX_MATCHES + 1],
    );
    const res = await bulk(c.admin, { filter: { region: '西北' }, action: { kind: 'addTags', tags: ['x'] } });
    expect(res.statusCode).toBe(400);
    expect(res.json<Problem>().errors?.[0]).toMatchObject({ path: 'filter', code: 'bulk_too_many' });
    const tagged = await c.call({ method: 'GET', url: '/api/v1/customers/count?tags=x' });
    expect(tagged.json<{ count: number }>().count).toBe(0);
  });

  it('refuses a body with both or neither of ids and filter, unknown actions and filters, naming the field', async () => {
    const c = await company();
    const a = await customer(c, '甲');
    const cases: [Record<string, unknown>, string][] = [
      [{ action: { kind: 'addTags', tags: ['x'] } }, 'ids'],
      [{ ids: [a.id], filter: {}, action: { kind: 'addTags', tags: ['x'] } }, 'ids'],
      [{ ids: [a.id], action: { kind: 'delete' } }, 'action.kind'],
      [{ ids: [a.id], action: { kind: 'addTags', tags: [] } }, 'action.tags'],
      [{ filter: { colour: 'red' }, action: { kind: 'addTags', tags: ['x'] } }, 'filter.colour'],
      [{ ids: [a.id], action: { kind: 'release', reason: ' ' } }, 'action.reason'],
    ];
    for (const [payload, path] of cases) {
      const res = await bulk(c.admin, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json<Problem>().errors?.map((e) => e.path)).toContain(path);
    }
  });
});
