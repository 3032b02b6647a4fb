import type { Customer, CustomerDeal, CustomerSummary } from '@contracts/customers.contract';
import type { Lead } from '@contracts/leads.contract';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { addUser, as, newTenant, type Session, useTestApp } from '../../../test/helper';
import { customers } from './customers.tables';

const t = await useTestApp();

type Page = { items: CustomerSummary[]; nextCursor: string | null };
type Problem = { code: string; errors?: { path: string; code: string }[] };

const USCC = '91350100M000100Y43';

async function company() {
  const admin = await newTenant(t);
  const call = as(t, admin);
  const team = (
    await call({ method: 'POST', url: '/api/v1/teams', payload: { name: 'East', region: '华东' } })
  ).json<{ id: string }>();
  const manager = await addUser(t, admin, 'manager', 'Manager Wang');
  const otherManager = await addUser(t, admin, 'manager', 'Manager Outside');
  const rep = await addUser(t, admin, 'rep', 'Rep Li');
  const otherRep = await addUser(t, admin, 'rep', 'Rep Zhao');
  const outsider = await addUser(t, admin, 'rep', 'Rep Outside');
  await call({
    method: 'PUT',
    url: `/api/v1/teams/${team.id}/members`,
    payload: {
      members: [
        { userId: manager.userId, isLead: true },
        { userId: rep.userId },
        { userId: otherRep.userId },
      ],
    },
  });
  return { admin, call, team, manager, otherManager, rep, otherRep, outsider };
}

async function createCustomer(s: Session, payload: Record<string, unknown>): Promise<Customer> {
  const res = await as(t, s)({ method: 'POST', url: '/api/v1/customers', payload });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Customer>();
}

async function patch(s: Session, c: { id: string; version: number }, payload: Record<string, unknown>) {
  return as(
    t,
    s,
  )({ method: 'PATCH', url: `/api/v1/customers/${c.id}`, payload: { version: c.version, ...payload } });
}

const paths = (body: string) => (JSON.parse(body) as Problem).errors?.map((e) => `${e.path}:${e.code}`) ?? [];

describe('customer profiles', () => {
  it('stores the profile with normalised keys, defaults the owner and team, and audits it', async () => {
    const { rep, admin, team } = await company();
    const customer = await createCustomer(rep.session, {
      name: '云帆科技',
      legalName: '上海云帆科技有限公司',
      industry: '软件',
      companySize: '100-499',
      region: '华东',
      address: '上海市浦东新区张江路 88 号',
      phone: '021-6123 4567',
      website: 'https://yunfan.example.cn',
      creditCode: '9135 0100 m000 100y43',
      tags: ['预算敏感型', '技术驱动型', '预算敏感型'],
      notes: '年初预算评审',
    });
    expect(customer).toMatchObject({
      name: '云帆科技',
      legalName: '上海云帆科技有限公司',
      creditCode: USCC,
      tags: ['预算敏感型', '技术驱动型'],
      ownerId: rep.userId,
      ownerName: 'Rep Li',
      teamId: team.id,
      teamName: 'East',
      lifecycleStage: null,
      tier: null,
      lastActivityAt: null,
      duplicates: [],
      can: { edit: true, assign: false, delete: false },
    });
    const audit = await as(
      t,
      admin,
    )({ method: 'GET', url: `/api/v1/audit-log?entity=customer&entityId=${customer.id}` });
    expect(audit.json<{ items: { action: string }[] }>().items.map((i) => i.action)).toEqual(['create']);
  });

  it('refuses a credit code with a wrong check digit, an unreadable phone and unknown fields, naming them', async () => {
    const { admin } = await company();
    const call = as(t, admin);
    const bad = await call({
      method: 'POST',
      url: '/api/v1/customers',
      payload: { name: 'Acme', creditCode: '91350100M000100Y44' },
    });
    expect(bad.statusCode).toBe(400);
    expect(paths(bad.body)).toEqual(['creditCode:custom']);
    expect(bad.json<{ errors: { detail: string }[] }>().errors[0]?.detail).toMatch(/credit code/);
    const phone = await call({
      method: 'POST',
      url: '/api/v1/customers',
      payload: { name: 'Acme', phone: 'call us' },
    });
    expect(paths(phone.body)).toEqual(['phone:invalid_phone']);
    const empty = await call({ method: 'POST', url: '/api/v1/customers', payload: { name: ' ' } });
    expect(paths(empty.body)).toEqual(['name:too_small']);
    for (const field of ['id', 'tenantId', 'tier', 'lifecycleStage', 'lastActivityAt', 'createdAt']) {
      const res = await call({
        method: 'POST',
        url: '/api/v1/customers',
        payload: { name: 'Acme', [field]: 'x' },
      });
      expect(res.statusCode, field).toBe(400);
      expect(paths(res.body), field).toEqual([`${field}:unrecognized_key`]);
    }
  });

  it('accepts a foreign tax id as written, beside or instead of a credit code', async () => {
    const { admin } = await company();
    const customer = await createCustomer(admin, { name: 'Acme GmbH', taxId: 'DE 123456789' });
    expect(customer).toMatchObject({ taxId: 'DE 123456789', creditCode: null });
  });

  it('flags customers with the same company name, legal name, credit code or phone, and contacts with the phone', async () => {
    const { admin } = await company();
    const first = await createCustomer(admin, {
      name: '星河机械',
      legalName: '杭州星河机械有限公司',
      creditCode: USCC,
      phone: '0571-8765 4321',
    });
    const byLegal = await createCustomer(admin, { name: '杭州星河机械有限公司' });
    expect(byLegal.duplicates).toEqual([
      { kind: 'customer', id: first.id, name: '星河机械', matchedOn: 'company' },
    ]);
    const byCode = await createCustomer(admin, { name: 'Other name', creditCode: USCC });
    expect(byCode.duplicates).toEqual([
      { kind: 'customer', id: first.id, name: '星河机械', matchedOn: 'creditCode' },
    ]);
    const byPhone = await createCustomer(admin, { name: 'Third', phone: '+86 571 8765 4321' });
    expect(byPhone.duplicates.map((d) => [d.id, d.matchedOn])).toEqual([[first.id, 'phone']]);
    // The first customer, read again, now sees the others.
    const again = (
      await as(t, admin)({ method: 'GET', url: `/api/v1/customers/${first.id}` })
    ).json<Customer>();
    expect(again.duplicates.map((d) => d.id).sort()).toEqual([byLegal.id, byCode.id, byPhone.id].sort());
    const check = await as(
      t,
      admin,
    )({
      method: 'POST',
      url: '/api/v1/customers/duplicates',
      payload: { name: '星河机械股份有限公司', excludeId: byLegal.id },
    });
    expect(check.json<{ matches: { id: string }[] }>().matches.map((m) => m.id)).toEqual([first.id]);
  });

  it('edits with the version read: missing is 428, stale is 412, and the change is audited', async () => {
    const { admin } = await company();
    const customer = await createCustomer(admin, { name: 'Acme' });
    const call = as(t, admin);
    const missing = await call({
      method: 'PATCH',
      url: `/api/v1/customers/${customer.id}`,
      payload: { region: 'x' },
    });
    expect(missing.statusCode).toBe(428);
    const ok = await patch(admin, customer, { region: '华南', tags: ['战略'], legalName: 'Acme Co., Ltd.' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json<Customer>()).toMatchObject({
      region: '华南',
      tags: ['战略'],
      version: customer.version + 1,
    });
    const stale = await patch(admin, customer, { region: '华北' });
    expect(stale.statusCode).toBe(412);
    const audit = await call({
      method: 'GET',
      url: `/api/v1/audit-log?entity=customer&entityId=${customer.id}`,
    });
    const update = audit.json<{ items: { action: string; changes: Record<string, unknown> }[] }>().items[0];
    expect(update?.action).toBe('update');
    expect(Object.keys(update?.changes ?? {}).sort()).toEqual(['legalName', 'region', 'tags']);
  });
});

describe('parent companies', () => {
  it('links subsidiaries and refuses any link that would make a company its own ancestor', async () => {
    const { admin } = await company();
    const group = await createCustomer(admin, { name: 'Group' });
    const sub = await createCustomer(admin, { name: 'Subsidiary', parentId: group.id });
    const subSub = await createCustomer(admin, { name: 'Branch', parentId: sub.id });
    const read = (await as(t, admin)({ method: 'GET', url: `/api/v1/customers/${sub.id}` })).json<Customer>();
    expect(read).toMatchObject({ parentId: group.id, parentName: 'Group', children: [{ id: subSub.id }] });

    const self = await patch(admin, group, { parentId: group.id });
    expect(paths(self.body)).toEqual(['parentId:parent_cycle']);
    const loop = await patch(admin, group, { parentId: subSub.id });
    expect(loop.statusCode).toBe(400);
    expect(paths(loop.body)).toEqual(['parentId:parent_cycle']);
    const unknown = await patch(admin, group, { parentId: '0190d5a0-0000-7000-8000-000000000000' });
    expect(paths(unknown.body)).toEqual(['parentId:unknown_record']);
    const list = await as(t, admin)({ method: 'GET', url: `/api/v1/customers?parentId=${group.id}` });
    expect(list.json<Page>().items.map((c) => c.id)).toEqual([sub.id]);
  });

  it('clears the parent of subsidiaries when the parent is deleted', async () => {
    const { admin } = await company();
    const group = await createCustomer(admin, { name: 'Group' });
    const sub = await createCustomer(admin, { name: 'Subsidiary', parentId: group.id });
    const del = await as(t, admin)({ method: 'DELETE', url: `/api/v1/customers/${group.id}` });
    expect(del.statusCode, del.body).toBe(204);
    const read = (await as(t, admin)({ method: 'GET', url: `/api/v1/customers/${sub.id}` })).json<Customer>();
    expect(read).toMatchObject({ parentId: null, version: sub.version + 1 });
    expect((await as(t, admin)({ method: 'GET', url: `/api/v1/customers/${group.id}` })).statusCode).toBe(
      404,
    );
  });
});

describe('who sees and changes customers', () => {
  it('shows reps their own and shared customers, managers their teams, admins all', async () => {
    const { admin, manager, otherManager, rep, otherRep, outsider } = await company();
    const mine = await createCustomer(rep.session, { name: 'Rep customer' });
    const colleague = await createCustomer(otherRep.session, { name: 'Colleague customer' });
    const outside = await createCustomer(outsider.session, { name: 'Outside customer' });
    const ids = async (s: Session) =>
      (await as(t, s)({ method: 'GET', url: '/api/v1/customers?sort=name' }))
        .json<Page>()
        .items.map((c) => c.id);
    expect(await ids(rep.session)).toEqual([mine.id]);
    expect((await ids(manager.session)).sort()).toEqual([mine.id, colleague.id].sort());
    expect(await ids(otherManager.session)).toEqual([]);
    expect((await ids(admin)).sort()).toEqual([mine.id, colleague.id, outside.id].sort());
    expect(
      (await as(t, rep.session)({ method: 'GET', url: `/api/v1/customers/${colleague.id}` })).statusCode,
    ).toBe(404);
    expect((await patch(rep.session, colleague, { region: 'x' })).statusCode).toBe(404);

    // Sharing: the owner shares; the colleague then sees and may edit, but not reassign.
    const shared = await patch(otherRep.session, colleague, { sharedWith: [rep.userId] });
    expect(shared.statusCode, shared.body).toBe(200);
    const now = (
      await as(t, rep.session)({ method: 'GET', url: `/api/v1/customers/${colleague.id}` })
    ).json<Customer>();
    expect(now.can).toEqual({ edit: true, assign: false, delete: false });
    expect((await patch(rep.session, now, { region: '华东' })).statusCode).toBe(200);
    const reshare = await patch(rep.session, { ...now, version: now.version + 1 }, { sharedWith: [] });
    expect(paths(reshare.body)).toEqual(['sharedWith:not_permitted']);
  });

  it('lets only holders of customers.assign reassign, and of customers.delete delete', async () => {
    const { manager, rep, otherRep } = await company();
    const customer = await createCustomer(rep.session, { name: 'Acme' });
    const take = await patch(rep.session, customer, { ownerId: otherRep.userId });
    expect(paths(take.body)).toEqual(['ownerId:not_permitted']);
    const forOther = await as(
      t,
      rep.session,
    )({ method: 'POST', url: '/api/v1/customers', payload: { name: 'X', ownerId: otherRep.userId } });
    expect(paths(forOther.body)).toEqual(['ownerId:not_permitted']);
    expect(
      (await as(t, rep.session)({ method: 'DELETE', url: `/api/v1/customers/${customer.id}` })).statusCode,
    ).toBe(403);
    const moved = await patch(manager.session, customer, { ownerId: otherRep.userId });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json<Customer>()).toMatchObject({ ownerId: otherRep.userId, ownerName: 'Rep Zhao' });
    expect(
      (await as(t, rep.session)({ method: 'GET', url: `/api/v1/customers/${customer.id}` })).statusCode,
    ).toBe(404);
    const unknown = await patch(manager.session, moved.json<Customer>(), {
      ownerId: '0190d5a0-0000-7000-8000-000000000001',
    });
    expect(paths(unknown.body)).toEqual(['ownerId:unknown_user']);
    expect(
      (await as(t, manager.session)({ method: 'DELETE', url: `/api/v1/customers/${customer.id}` }))
        .statusCode,
    ).toBe(204);
  });

  it('keeps every customer of one company invisible to another', async () => {
    const a = await company();
    const b = await newTenant(t);
    const secret = await createCustomer(a.admin, {
      name: 'Secret customer',
      creditCode: USCC,
      phone: '13812345678',
    });
    const callB = as(t, b);
    expect((await callB({ method: 'GET', url: `/api/v1/customers/${secret.id}` })).statusCode).toBe(404);
    expect((await patch(b, secret, { name: 'Stolen' })).statusCode).toBe(404);
    expect((await callB({ method: 'DELETE', url: `/api/v1/customers/${secret.id}` })).statusCode).toBe(404);
    expect((await callB({ method: 'GET', url: `/api/v1/customers/${secret.id}/contacts` })).statusCode).toBe(
      404,
    );
    expect((await callB({ method: 'GET', url: `/api/v1/customers/${secret.id}/deals` })).statusCode).toBe(
      404,
    );
    const list = await callB({ method: 'GET', url: '/api/v1/customers?q=Secret' });
    expect(list.json<Page>().items).toEqual([]);
    const child = await callB({
      method: 'POST',
      url: '/api/v1/customers',
      payload: { name: 'Mine', parentId: secret.id },
    });
    expect(paths(child.body)).toEqual(['parentId:unknown_record']);
    // The duplicate check never reports another company's customers.
    const mine = await createCustomer(b, { name: 'Secret customer', creditCode: USCC, phone: '13812345678' });
    expect(mine.duplicates).toEqual([]);
  });
});

describe('the customer list', () => {
  it('pages through a sort with cursors, without gaps or repeats', async () => {
    const { admin } = await company();
    const names = ['Delta', 'alpha', 'Charlie', 'bravo', 'Echo'];
    for (const name of names) await createCustomer(admin, { name });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/customers?sort=name&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page: Page = (await as(t, admin)({ method: 'GET', url })).json<Page>();
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((c) => c.name));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['alpha', 'bravo', 'Charlie', 'Delta', 'Echo']);
    const newest = (await as(t, admin)({ method: 'GET', url: '/api/v1/customers?limit=1' })).json<Page>();
    expect(newest.items[0]?.name).toBe('Echo');
    const bad = await as(t, admin)({ method: 'GET', url: '/api/v1/customers?cursor=nonsense' });
    expect(bad.statusCode).toBe(400);
    const unknownSort = await as(t, admin)({ method: 'GET', url: '/api/v1/customers?sort=secret' });
    expect(unknownSort.statusCode).toBe(400);
    const unknownFilter = await as(t, admin)({ method: 'GET', url: '/api/v1/customers?password=x' });
    expect(unknownFilter.statusCode).toBe(400);
  });

  it('filters by search text, owner, team, tags, industry, region, lifecycle stage and tier', async () => {
    const { admin, rep, team } = await company();
    const a = await createCustomer(rep.session, {
      name: '云帆',
      legalName: '上海云帆科技有限公司',
      creditCode: USCC,
      phone: '13812345678',
      industry: '软件',
      region: '华东',
      tags: ['预算敏感型', '技术驱动型'],
    });
    const b = await createCustomer(admin, {
      name: 'Acme',
      industry: '制造',
      region: '华南',
      tags: ['预算敏感型'],
    });
    const c = await createCustomer(admin, { name: 'Nobody', ownerId: null });
    const tenantId = admin.me.tenant.id;
    await t.db.db
      .update(customers)
      .set({ lifecycleStage: 'growth', tier: 'strategic' })
      .where(and(eq(customers.tenantId, tenantId), eq(customers.id, a.id)));
    await t.db.db
      .update(customers)
      .set({ lifecycleStage: 'decline', tier: 'dormant' })
      .where(and(eq(customers.tenantId, tenantId), eq(customers.id, b.id)));
    const ids = async (query: string) =>
      (await as(t, admin)({ method: 'GET', url: `/api/v1/customers?${query}` }))
        .json<Page>()
        .items.map((x) => x.id)
        .sort();
    expect(await ids('q=云帆科技有限')).toEqual([a.id]);
    expect(await ids(`q=${USCC.slice(4, 12)}`)).toEqual([a.id]);
    expect(await ids('q=1381234')).toEqual([a.id]);
    expect(await ids('q=100%25')).toEqual([]);
    expect(await ids(`ownerId=${rep.userId}`)).toEqual([a.id]);
    expect(await ids('ownerId=none')).toEqual([c.id]);
    expect(await ids(`teamId=${team.id}`)).toEqual([a.id]);
    expect(await ids(`tags=${encodeURIComponent('预算敏感型')}`)).toEqual([a.id, b.id].sort());
    expect(await ids(`tags=${encodeURIComponent('预算敏感型,技术驱动型')}`)).toEqual([a.id]);
    expect(await ids(`industry=${encodeURIComponent('制造')}`)).toEqual([b.id]);
    expect(await ids(`region=${encodeURIComponent('华东')}`)).toEqual([a.id]);
    expect(await ids('lifecycleStage=growth,decline')).toEqual([a.id, b.id].sort());
    expect(await ids('tier=strategic')).toEqual([a.id]);
    const bad = await as(t, admin)({ method: 'GET', url: '/api/v1/customers?tier=gold' });
    expect(bad.statusCode).toBe(400);
    const count = await as(
      t,
      admin,
    )({ method: 'GET', url: '/api/v1/customers/count?tags=%E9%A2%84%E7%AE%97%E6%95%8F%E6%84%9F%E5%9E%8B' });
    expect(count.json()).toEqual({ count: 2, capped: false });
  });
});

describe("a customer's deals", () => {
  it('lists the deals lead conversion made, and refuses to delete a customer that has them', async () => {
    const { admin } = await company();
    const call = as(t, admin);
    const created = await call({
      method: 'POST',
      url: '/api/v1/leads',
      payload: { companyName: '星河机械', contactName: '王芳', phone: '13912345678', status: 'new' },
    });
    let lead = created.json<Lead>();
    lead = (
      await call({
        method: 'PATCH',
        url: `/api/v1/leads/${lead.id}`,
        payload: { version: lead.version, status: 'sql' },
      })
    ).json<Lead>();
    const converted = await call({
      method: 'POST',
      url: `/api/v1/leads/${lead.id}/convert`,
      payload: {
        version: lead.version,
        customer: { mode: 'new' },
        contact: { mode: 'new' },
        deal: { name: '产线改造', amountMinor: 1_000_000 },
      },
    });
    expect(converted.statusCode, converted.body).toBe(200);
    const { customerId, dealId } = converted.json<{ customerId: string; dealId: string }>();
    const deals = await call({ method: 'GET', url: `/api/v1/customers/${customerId}/deals` });
    expect(deals.json<{ items: CustomerDeal[] }>().items).toMatchObject([
      { id: dealId, name: '产线改造', amountMinor: 1_000_000, status: 'open' },
    ]);
    const del = await call({ method: 'DELETE', url: `/api/v1/customers/${customerId}` });
    expect(del.statusCode).toBe(409);
    expect(del.json<Problem>().code).toBe('in_use');
    expect((await call({ method: 'GET', url: `/api/v1/customers/${customerId}` })).statusCode).toBe(200);
  });
});
