import type { CustomerPoolSettings, PoolEvent, PoolQuota } from '@contracts/customer-pool.contract';
import type { Customer, CustomerSummary } from '@contracts/customers.contract';
import type { Notification } from '@contracts/notifications.contract';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { addUser, as, movableClock, newTenant, type Session, useTestApp } from '../../../../test/helper';
import { customers } from '../customers.tables';
import { poolSweepJob, sweepTenantPool } from './pool-sweep';

/** The public pool: rules, claim (race and limits), release, history, and the return sweep with its warning. */

const clock = movableClock(new Date('2030-03-02T01:00:00.000Z'));
const t = await useTestApp({}, { clock });
const DAY = 86_400_000;

type Problem = { code: string; errors?: { path: string; code: string }[] };
type PoolPage = { items: CustomerSummary[]; nextCursor: string | null; quota: PoolQuota };

async function company() {
  const admin = await newTenant(t);
  const call = as(t, admin);
  const manager = await addUser(t, admin, 'manager', 'Manager Meng');
  const rep = await addUser(t, admin, 'rep', 'Rep Ren');
  const rep2 = await addUser(t, admin, 'rep', 'Rep Rui');
  const outsider = await addUser(t, admin, 'rep', 'Rep Outside');
  const marketer = await addUser(t, admin, 'marketing', 'Marketing Ma');
  const team = (
    await call({ method: 'POST', url: '/api/v1/teams', payload: { name: 'East', region: '华东' } })
  ).json<{ id: string }>();
  await call({
    method: 'PUT',
    url: `/api/v1/teams/${team.id}/members`,
    payload: {
      members: [{ userId: manager.userId, isLead: true }, { userId: rep.userId }, { userId: rep2.userId }],
    },
  });
  return { admin, call, tenantId: admin.me.tenant.id, manager, rep, rep2, outsider, marketer, team };
}
type Company = Awaited<ReturnType<typeof company>>;

async function customer(
  c: Company,
  name: string,
  ownerId: string | null,
  extra: Record<string, unknown> = {},
) {
  const res = await c.call({
    method: 'POST',
    url: '/api/v1/customers',
    payload: { name, ownerId, ...extra },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Customer>();
}

const pool = async (s: Session, query = '') => {
  const res = await as(t, s)({ method: 'GET', url: `/api/v1/pool${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<PoolPage>();
};
const claim = (s: Session, id: string) => as(t, s)({ method: 'POST', url: `/api/v1/pool/${id}/claim` });
const release = (s: Session, id: string, payload: Record<string, unknown>) =>
  as(t, s)({ method: 'POST', url: `/api/v1/customers/${id}/release`, payload });
const history = async (s: Session, id: string) =>
  (await as(t, s)({ method: 'GET', url: `/api/v1/customers/${id}/pool-history` })).json<{
    items: PoolEvent[];
  }>().items;
const read = async (c: Company, id: string) =>
  (await c.call({ method: 'GET', url: `/api/v1/customers/${id}` })).json<Customer>();

async function settings(c: Company, change: Partial<CustomerPoolSettings>) {
  const current = (
    await c.call({ method: 'GET', url: '/api/v1/customer-settings' })
  ).json<CustomerPoolSettings>();
  const res = await c.call({
    method: 'PUT',
    url: '/api/v1/customer-settings',
    payload: { ...current, ...change },
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<CustomerPoolSettings>();
}

async function inbox(s: Session, kind: string): Promise<Notification[]> {
  const res = await as(t, s)({ method: 'GET', url: '/api/v1/notifications?limit=200' });
  return res.json<{ items: Notification[] }>().items.filter((n) => n.kind === kind);
}

describe('pool settings', () => {
  it('start at the defaults and are replaced by managers with the version they read', async () => {
    const c = await company();
    const first = (
      await as(t, c.rep.session)({ method: 'GET', url: '/api/v1/customer-settings' })
    ).json<CustomerPoolSettings>();
    expect(first).toEqual({
      returnDays: 30,
      returnDaysStrategic: null,
      returnDaysGrowth: null,
      returnDaysPotential: null,
      returnDaysDormant: null,
      warnDays: 3,
      claimLimit: 20,
      claimPeriodDays: 30,
      holdLimit: null,
      version: 0,
    });
    const put = (s: Session, payload: Record<string, unknown>) =>
      as(t, s)({ method: 'PUT', url: '/api/v1/customer-settings', payload });
    expect((await put(c.rep.session, { ...first, returnDays: 10 })).statusCode).toBe(403);
    const saved = await put(c.manager.session, { ...first, returnDays: 45, returnDaysStrategic: 90 });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json<CustomerPoolSettings>()).toMatchObject({
      returnDays: 45,
      returnDaysStrategic: 90,
      version: 1,
    });
    expect((await put(c.manager.session, { ...first, returnDays: 20 })).statusCode).toBe(412);

    const bad = await put(c.admin, { ...first, version: 1, warnDays: -1 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<Problem>().errors?.map((e) => e.path)).toEqual(['warnDays']);
    const unknown = await put(c.admin, { ...first, version: 1, poolName: 'x' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json<Problem>().errors?.map((e) => e.path)).toContain('poolName');
  });
});

describe('claiming from the pool', () => {
  it('lists customers without owner to every rep, and a claim makes the customer the rep’s', async () => {
    const c = await company();
    const free = await customer(c, '无主科技', null);
    const owned = await customer(c, '有主科技', c.rep2.userId);
    const page = await pool(c.rep.session);
    expect(page.items.map((i) => i.id)).toEqual([free.id]);
    expect(page.quota).toMatchObject({ claimLimit: 20, claimedInPeriod: 0, held: 0, remaining: 20 });

    const res = await claim(c.rep.session, free.id);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<{ quota: PoolQuota }>().quota).toMatchObject({
      claimedInPeriod: 1,
      held: 1,
      remaining: 19,
    });
    const after = await read(c, free.id);
    expect(after).toMatchObject({ ownerId: c.rep.userId, teamId: c.team.id });
    expect((await pool(c.rep.session)).items).toEqual([]);
    expect((await claim(c.rep2.session, free.id)).json<Problem>().code).toBe('customer_claimed');
    expect((await claim(c.rep2.session, owned.id)).statusCode).toBe(409);
    expect((await history(c.rep.session, free.id)).map((e) => [e.kind, e.userName, e.auto])).toEqual([
      ['claim', 'Rep Ren', false],
    ]);
    const audit = await c.call({
      method: 'GET',
      url: `/api/v1/audit-log?entity=customer&entityId=${free.id}`,
    });
    expect(audit.json<{ items: { action: string }[] }>().items.map((i) => i.action)).toContain('claim');
  });

  it('lets one of two reps claiming at once win; the other gets 409', async () => {
    const c = await company();
    const free = await customer(c, '抢手科技', null);
    const results = await Promise.all([claim(c.rep.session, free.id), claim(c.rep2.session, free.id)]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const winner = results.find((r) => r.statusCode === 200)?.json<{ ownerId: string }>().ownerId;
    expect((await read(c, free.id)).ownerId).toBe(winner);
    expect(await history(c.admin, free.id)).toHaveLength(1);
  });

  it('stops a rep at the claim limit of the period and at the hold limit', async () => {
    const c = await company();
    await settings(c, { claimLimit: 2, claimPeriodDays: 7 });
    const [a, b, d] = [
      await customer(c, 'A 公司', null),
      await customer(c, 'B 公司', null),
      await customer(c, 'D 公司', null),
    ];
    expect((await claim(c.rep.session, a.id)).statusCode).toBe(200);
    expect((await claim(c.rep.session, b.id)).statusCode).toBe(200);
    const refused = await claim(c.rep.session, d.id);
    expect(refused.statusCode).toBe(409);
    expect(refused.json<Problem>().code).toBe('claim_limit_reached');
    expect((await read(c, d.id)).ownerId).toBeNull();
    expect((await pool(c.rep.session)).quota.remaining).toBe(0);
    // Another rep's quota is their own; the period rolls on.
    expect((await claim(c.rep2.session, d.id)).statusCode).toBe(200);
    clock.advance(8 * DAY);
    const e = await customer(c, 'E 公司', null);
    await settings(c, { holdLimit: 2 });
    expect((await claim(c.rep.session, e.id)).json<Problem>().code).toBe('claim_limit_reached');
    await settings(c, { holdLimit: 3 });
    expect((await claim(c.rep.session, e.id)).statusCode).toBe(200);
  });

  it('is for sales roles only, and 404 for an unknown customer', async () => {
    const c = await company();
    const free = await customer(c, '市场科技', null);
    expect((await claim(c.marketer.session, free.id)).statusCode).toBe(403);
    expect((await claim(c.rep.session, '0190f5b4-0000-7000-8000-000000000001')).statusCode).toBe(404);
  });
  it("opens a pool customer's page, contacts and timeline to a rep read-only; editing takes a claim", async () => {
    const c = await company();
    const free = await customer(c, '公海待领', null);
    const call = as(t, c.rep.session);
    const page = await call({ method: 'GET', url: `/api/v1/customers/${free.id}` });
    expect(page.statusCode, page.body).toBe(200);
    expect(page.json<Customer>().can).toMatchObject({ edit: false, assign: false, delete: false });
    for (const path of ['contacts', 'timeline', 'deals', 'pool-history', 'retention']) {
      const res = await call({ method: 'GET', url: `/api/v1/customers/${free.id}/${path}` });
      expect([path, res.statusCode]).toEqual([path, 200]);
    }
    const edit = await call({
      method: 'PATCH',
      url: `/api/v1/customers/${free.id}`,
      payload: { notes: 'mine', version: free.version },
    });
    expect(edit.statusCode).toBe(404);
    // A colleague's customer stays closed.
    const owned = await customer(c, '同事客户', c.rep2.userId);
    expect((await call({ method: 'GET', url: `/api/v1/customers/${owned.id}` })).statusCode).toBe(404);
  });
});

describe('releasing to the pool', () => {
  it('takes the owner or their manager and a reason, and keeps the history', async () => {
    const c = await company();
    const mine = await customer(c, '放弃科技', c.rep.userId);
    const missing = await release(c.rep.session, mine.id, {});
    expect(missing.statusCode).toBe(400);
    expect(missing.json<Problem>().errors?.map((e) => e.path)).toEqual(['reason']);
    expect((await release(c.outsider.session, mine.id, { reason: 'x' })).statusCode).toBe(404);
    expect((await release(c.rep2.session, mine.id, { reason: 'x' })).statusCode).toBe(404);

    const res = await release(c.rep.session, mine.id, { reason: '需求不匹配' });
    expect(res.statusCode, res.body).toBe(200);
    expect(await read(c, mine.id)).toMatchObject({ ownerId: null, teamId: null });
    expect((await release(c.rep.session, mine.id, { reason: 'again' })).statusCode).toBe(404);
    expect((await release(c.admin, mine.id, { reason: 'again' })).json<Problem>().code).toBe(
      'customer_in_pool',
    );

    expect((await claim(c.rep2.session, mine.id)).statusCode).toBe(200);
    const byManager = await release(c.manager.session, mine.id, { reason: '重新分配' });
    expect(byManager.statusCode, byManager.body).toBe(200);
    expect((await history(c.admin, mine.id)).map((e) => [e.kind, e.userName, e.actorName, e.reason])).toEqual(
      [
        ['release', 'Rep Rui', 'Manager Meng', '重新分配'],
        ['claim', 'Rep Rui', 'Rep Rui', ''],
        ['release', 'Rep Ren', 'Rep Ren', '需求不匹配'],
      ],
    );
  });

  it('refuses a rep who only has the customer shared with them', async () => {
    const c = await company();
    const shared = await customer(c, '共享科技', c.rep.userId);
    const current = await read(c, shared.id);
    await c.call({
      method: 'PATCH',
      url: `/api/v1/customers/${shared.id}`,
      payload: { version: current.version, sharedWith: [c.outsider.userId] },
    });
    expect((await release(c.outsider.session, shared.id, { reason: 'x' })).statusCode).toBe(403);
  });
});

describe('the return sweep', () => {
  it('warns the owner days ahead, then returns a customer nobody followed up, once', async () => {
    const c = await company();
    const start = clock.now().getTime();
    const idle = await customer(c, '沉睡科技', c.rep.userId);
    const busy = await customer(c, '活跃科技', c.rep.userId);
    const sweep = () => sweepTenantPool(t.platform, c.tenantId, clock.now());

    clock.set(new Date(start + 27 * DAY - 60_000));
    expect(await sweep()).toEqual({ warned: 0, returned: 0 });
    clock.set(new Date(start + 27 * DAY));
    const log = await as(
      t,
      c.rep.session,
    )({
      method: 'POST',
      url: '/api/v1/activities',
      payload: { kind: 'call', subject: '回访', customerId: busy.id },
    });
    expect(log.statusCode, log.body).toBe(201);
    expect(await sweep()).toEqual({ warned: 1, returned: 0 });
    expect(await sweep()).toEqual({ warned: 0, returned: 0 });
    expect(await inbox(c.rep.session, 'customer_pool_warning')).toEqual([
      expect.objectContaining({
        entityId: idle.id,
        params: expect.objectContaining({
          name: '沉睡科技',
          returnAt: new Date(start + 30 * DAY).toISOString(),
        }),
      }),
    ]);

    clock.set(new Date(start + 30 * DAY - 60_000));
    expect((await sweep()).returned).toBe(0);
    clock.set(new Date(start + 30 * DAY));
    await poolSweepJob.handler({}, { jobId: 'test', log: t.platform.log, platform: t.platform });
    expect((await read(c, idle.id)).ownerId).toBeNull();
    expect((await read(c, busy.id)).ownerId).toBe(c.rep.userId);
    expect((await pool(c.rep2.session)).items.map((i) => i.id)).toEqual([idle.id]);
    expect((await history(c.admin, idle.id)).map((e) => [e.kind, e.userName, e.auto])).toEqual([
      ['return', 'Rep Ren', true],
    ]);
    expect(await inbox(c.rep.session, 'customer_returned_to_pool')).toHaveLength(1);
    const audit = await c.call({
      method: 'GET',
      url: `/api/v1/audit-log?entity=customer&entityId=${idle.id}`,
    });
    expect(audit.json<{ items: { action: string }[] }>().items.map((i) => i.action)).toContain(
      'return_to_pool',
    );
    expect(await sweep()).toEqual({ warned: 0, returned: 0 });
  });

  it('gives tiers their own days and counts from a claim, not from the last old follow-up', async () => {
    const c = await company();
    await settings(c, { returnDays: 10, returnDaysStrategic: 60, warnDays: 0 });
    const start = clock.now().getTime();
    const key = await customer(c, '战略科技', c.rep.userId);
    const plain = await customer(c, '普通科技', c.rep.userId);
    const free = await customer(c, '公海科技', null);
    await t.db.db
      .update(customers)
      .set({ tier: 'strategic' })
      .where(and(eq(customers.tenantId, c.tenantId), eq(customers.id, key.id)));

    clock.set(new Date(start + 9 * DAY));
    expect((await claim(c.rep2.session, free.id)).statusCode).toBe(200);
    clock.set(new Date(start + 10 * DAY));
    expect(await sweepTenantPool(t.platform, c.tenantId, clock.now())).toEqual({ warned: 0, returned: 1 });
    expect((await read(c, plain.id)).ownerId).toBeNull();
    expect((await read(c, key.id)).ownerId).toBe(c.rep.userId);
    expect((await read(c, free.id)).ownerId).toBe(c.rep2.userId);
    clock.set(new Date(start + 19 * DAY));
    await sweepTenantPool(t.platform, c.tenantId, clock.now());
    expect((await read(c, free.id)).ownerId).toBeNull();
    expect((await read(c, key.id)).ownerId).toBe(c.rep.userId);
  });
});
