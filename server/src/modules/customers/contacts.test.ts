import type { Contact, ContactSummary, Customer } from '@contracts/customers.contract';
import { describe, expect, it } from 'vitest';
import { addUser, as, newTenant, type Session, useTestApp } from '../../../test/helper';

const t = await useTestApp();

type Page = { items: ContactSummary[]; nextCursor: string | null };
type Problem = { code: string; errors?: { path: string; code: string }[] };
const paths = (body: string) => (JSON.parse(body) as Problem).errors?.map((e) => `${e.path}:${e.code}`) ?? [];

async function createCustomer(s: Session, payload: Record<string, unknown>): Promise<Customer> {
  const res = await as(t, s)({ method: 'POST', url: '/api/v1/customers', payload });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Customer>();
}

async function createContact(s: Session, payload: Record<string, unknown>): Promise<Contact> {
  const res = await as(t, s)({ method: 'POST', url: '/api/v1/contacts', payload });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Contact>();
}

async function patch(s: Session, c: { id: string; version: number }, payload: Record<string, unknown>) {
  return as(
    t,
    s,
  )({ method: 'PATCH', url: `/api/v1/contacts/${c.id}`, payload: { version: c.version, ...payload } });
}

async function read(s: Session, id: string): Promise<Contact> {
  return (await as(t, s)({ method: 'GET', url: `/api/v1/contacts/${id}` })).json<Contact>();
}

describe('contacts', () => {
  it('stores a contact with its decision-chain role, attitude, phones and preferences, owned like its customer', async () => {
    const admin = await newTenant(t);
    const rep = await addUser(t, admin, 'rep', 'Rep Li');
    const customer = await createCustomer(rep.session, { name: '云帆科技' });
    const contact = await createContact(rep.session, {
      customerId: customer.id,
      name: '张伟',
      title: 'CTO',
      department: '技术部',
      phone: '138 1234 5678',
      email: 'Zhang.Wei@Yunfan.CN',
      phones: ['021-6123 4567 转 802'],
      emails: ['zw@private.example'],
      wechat: 'zhangwei_88',
      preferences: '上午电话，不喜欢长邮件',
      role: 'technical_evaluator',
      attitude: 'supporter',
      tags: ['技术驱动型'],
    });
    expect(contact).toMatchObject({
      customerId: customer.id,
      customerName: '云帆科技',
      role: 'technical_evaluator',
      attitude: 'supporter',
      phones: ['021-6123 4567 转 802'],
      ownerId: rep.userId,
      ownerName: 'Rep Li',
      reportsToId: null,
      duplicates: [],
      can: { edit: true, delete: true },
    });
    const audit = await as(
      t,
      admin,
    )({ method: 'GET', url: `/api/v1/audit-log?entity=contact&entityId=${contact.id}` });
    expect(audit.json<{ items: { action: string }[] }>().items.map((i) => i.action)).toEqual(['create']);
    const defaults = await createContact(rep.session, { customerId: customer.id, name: '李娜' });
    expect(defaults).toMatchObject({
      attitude: 'unknown',
      role: null,
      phones: [],
      emails: [],
      preferences: '',
    });
  });

  it('refuses unreadable phones and emails, unknown roles and unknown fields, naming each', async () => {
    const admin = await newTenant(t);
    const customer = await createCustomer(admin, { name: 'Acme' });
    const call = as(t, admin);
    const bad = await call({
      method: 'POST',
      url: '/api/v1/contacts',
      payload: {
        customerId: customer.id,
        name: 'X',
        phone: 'no phone',
        email: 'nope',
        phones: ['13812345678', 'abc'],
        emails: ['ok@example.com', 'broken@'],
      },
    });
    expect(bad.statusCode).toBe(400);
    expect(paths(bad.body).sort()).toEqual(
      [
        'email:invalid_email',
        'emails.1:invalid_email',
        'phone:invalid_phone',
        'phones.1:invalid_phone',
      ].sort(),
    );
    const role = await call({
      method: 'POST',
      url: '/api/v1/contacts',
      payload: { customerId: customer.id, name: 'X', role: 'king', attitude: 'hostile' },
    });
    expect(paths(role.body).sort()).toEqual(['attitude:invalid_value', 'role:invalid_value']);
    const extra = await call({
      method: 'POST',
      url: '/api/v1/contacts',
      payload: { customerId: customer.id, name: 'X', tenantId: admin.me.tenant.id },
    });
    expect(paths(extra.body)).toEqual(['tenantId:unrecognized_key']);
    const noCustomer = await call({ method: 'POST', url: '/api/v1/contacts', payload: { name: 'X' } });
    expect(paths(noCustomer.body)).toEqual(['customerId:invalid_type']);
  });

  it('flags contacts with the same email or phone and customers with the same phone', async () => {
    const admin = await newTenant(t);
    const acme = await createCustomer(admin, { name: 'Acme', phone: '021-6123 4567' });
    const first = await createContact(admin, {
      customerId: acme.id,
      name: 'Li Lei',
      email: 'li.lei@acme.example',
      phone: '13812345678',
    });
    const byEmail = await createContact(admin, {
      customerId: acme.id,
      name: 'Lei Li',
      email: 'LI.LEI@acme.example',
    });
    expect(byEmail.duplicates).toEqual([
      { kind: 'contact', id: first.id, name: 'Li Lei', matchedOn: 'email' },
    ]);
    const byPhone = await createContact(admin, {
      customerId: acme.id,
      name: 'Reception',
      phone: '(021) 6123-4567',
    });
    expect(byPhone.duplicates).toEqual([{ kind: 'customer', id: acme.id, name: 'Acme', matchedOn: 'phone' }]);
    const check = await as(
      t,
      admin,
    )({ method: 'POST', url: '/api/v1/contacts/duplicates', payload: { phone: '+86 138 1234 5678' } });
    expect(check.json<{ matches: { id: string }[] }>().matches.map((m) => m.id)).toEqual([first.id]);
  });
});

describe('reporting lines', () => {
  it('links a contact to a manager of the same customer and refuses loops and other customers', async () => {
    const admin = await newTenant(t);
    const acme = await createCustomer(admin, { name: 'Acme' });
    const other = await createCustomer(admin, { name: 'Other' });
    const ceo = await createContact(admin, { customerId: acme.id, name: 'CEO', role: 'decision_maker' });
    const cto = await createContact(admin, { customerId: acme.id, name: 'CTO', reportsToId: ceo.id });
    const engineer = await createContact(admin, {
      customerId: acme.id,
      name: 'Engineer',
      reportsToId: cto.id,
    });
    const outsider = await createContact(admin, { customerId: other.id, name: 'Outsider' });
    expect(cto).toMatchObject({ reportsToId: ceo.id, reportsToName: 'CEO' });

    const loop = await patch(admin, ceo, { reportsToId: engineer.id });
    expect(loop.statusCode).toBe(400);
    expect(paths(loop.body)).toEqual(['reportsToId:reports_to_cycle']);
    const self = await patch(admin, ceo, { reportsToId: ceo.id });
    expect(paths(self.body)).toEqual(['reportsToId:reports_to_cycle']);
    const across = await patch(admin, engineer, { reportsToId: outsider.id });
    expect(paths(across.body)).toEqual(['reportsToId:reports_to_other_customer']);
    const newAcross = await as(
      t,
      admin,
    )({
      method: 'POST',
      url: '/api/v1/contacts',
      payload: { customerId: other.id, name: 'X', reportsToId: ceo.id },
    });
    expect(paths(newAcross.body)).toEqual(['reportsToId:reports_to_other_customer']);

    const moved = await patch(admin, engineer, { reportsToId: ceo.id, attitude: 'opponent' });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json<Contact>()).toMatchObject({ reportsToId: ceo.id, attitude: 'opponent' });
  });

  it('leaves reports without a manager when their manager is deleted', async () => {
    const admin = await newTenant(t);
    const acme = await createCustomer(admin, { name: 'Acme' });
    const boss = await createContact(admin, { customerId: acme.id, name: 'Boss' });
    const report = await createContact(admin, { customerId: acme.id, name: 'Report', reportsToId: boss.id });
    const del = await as(t, admin)({ method: 'DELETE', url: `/api/v1/contacts/${boss.id}` });
    expect(del.statusCode, del.body).toBe(204);
    expect(await read(admin, report.id)).toMatchObject({ reportsToId: null, version: report.version + 1 });
    expect((await as(t, admin)({ method: 'GET', url: `/api/v1/contacts/${boss.id}` })).statusCode).toBe(404);
  });

  it("deletes a customer's contacts with the customer, whatever their reporting lines", async () => {
    const admin = await newTenant(t);
    const acme = await createCustomer(admin, { name: 'Acme' });
    const boss = await createContact(admin, { customerId: acme.id, name: 'Boss' });
    const report = await createContact(admin, { customerId: acme.id, name: 'Report', reportsToId: boss.id });
    expect((await as(t, admin)({ method: 'DELETE', url: `/api/v1/customers/${acme.id}` })).statusCode).toBe(
      204,
    );
    expect((await as(t, admin)({ method: 'GET', url: `/api/v1/contacts/${report.id}` })).statusCode).toBe(
      404,
    );
  });
});

describe('contact lists', () => {
  it("lists a customer's contacts by name, page by page", async () => {
    const admin = await newTenant(t);
    const acme = await createCustomer(admin, { name: 'Acme' });
    const other = await createCustomer(admin, { name: 'Other' });
    for (const name of ['Wang', 'li', 'Zhang', 'chen'])
      await createContact(admin, { customerId: acme.id, name });
    await createContact(admin, { customerId: other.id, name: 'Elsewhere' });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/customers/${acme.id}/contacts?limit=3${cursor ? `&cursor=${cursor}` : ''}`;
      const page: Page = (await as(t, admin)({ method: 'GET', url })).json<Page>();
      seen.push(...page.items.map((c) => c.name));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['chen', 'li', 'Wang', 'Zhang']);
  });

  it('filters all contacts by search text, customer, role, attitude and tags', async () => {
    const admin = await newTenant(t);
    const acme = await createCustomer(admin, { name: 'Acme' });
    const other = await createCustomer(admin, { name: 'Other' });
    const a = await createContact(admin, {
      customerId: acme.id,
      name: '王芳',
      email: 'wang.fang@acme.example',
      role: 'procurement',
      attitude: 'neutral',
      tags: ['关键人'],
    });
    const b = await createContact(admin, {
      customerId: other.id,
      name: 'Bob',
      wechat: 'bob_wx',
      role: 'finance',
    });
    const ids = async (query: string) =>
      (await as(t, admin)({ method: 'GET', url: `/api/v1/contacts?${query}` }))
        .json<Page>()
        .items.map((x) => x.id)
        .sort();
    expect(await ids('q=wang.fang')).toEqual([a.id]);
    expect(await ids('q=bob_wx')).toEqual([b.id]);
    expect(await ids(`customerId=${other.id}`)).toEqual([b.id]);
    expect(await ids('role=procurement,finance')).toEqual([a.id, b.id].sort());
    expect(await ids('attitude=neutral')).toEqual([a.id]);
    expect(await ids(`tags=${encodeURIComponent('关键人')}`)).toEqual([a.id]);
    expect(await ids('sort=name&limit=1')).toHaveLength(1);
    expect((await as(t, admin)({ method: 'GET', url: '/api/v1/contacts?role=king' })).statusCode).toBe(400);
  });
});

describe('who sees contacts', () => {
  it('shows contacts only to those who see their customer', async () => {
    const admin = await newTenant(t);
    const rep = await addUser(t, admin, 'rep');
    const otherRep = await addUser(t, admin, 'rep');
    const mine = await createCustomer(rep.session, { name: 'Mine' });
    const theirs = await createCustomer(otherRep.session, { name: 'Theirs' });
    const visible = await createContact(rep.session, { customerId: mine.id, name: 'Visible' });
    const hidden = await createContact(otherRep.session, { customerId: theirs.id, name: 'Hidden' });
    const list = (await as(t, rep.session)({ method: 'GET', url: '/api/v1/contacts' })).json<Page>();
    expect(list.items.map((c) => c.id)).toEqual([visible.id]);
    expect(
      (await as(t, rep.session)({ method: 'GET', url: `/api/v1/contacts/${hidden.id}` })).statusCode,
    ).toBe(404);
    expect((await patch(rep.session, hidden, { name: 'x' })).statusCode).toBe(404);
    expect(
      (await as(t, rep.session)({ method: 'DELETE', url: `/api/v1/contacts/${hidden.id}` })).statusCode,
    ).toBe(404);
    const onTheirs = await as(
      t,
      rep.session,
    )({ method: 'POST', url: '/api/v1/contacts', payload: { customerId: theirs.id, name: 'Sneaky' } });
    expect(paths(onTheirs.body)).toEqual(['customerId:unknown_record']);
    const toStranger = await patch(rep.session, visible, { ownerId: otherRep.userId });
    expect(paths(toStranger.body)).toEqual(['ownerId:not_permitted']);
    const all = (await as(t, admin)({ method: 'GET', url: '/api/v1/contacts' })).json<Page>();
    expect(all.items.map((c) => c.id).sort()).toEqual([visible.id, hidden.id].sort());
  });

  it("keeps one company's contacts invisible to another", async () => {
    const a = await newTenant(t);
    const b = await newTenant(t);
    const acme = await createCustomer(a, { name: 'Acme' });
    const secret = await createContact(a, {
      customerId: acme.id,
      name: 'Secret',
      email: 'secret@acme.example',
    });
    const callB = as(t, b);
    expect((await callB({ method: 'GET', url: `/api/v1/contacts/${secret.id}` })).statusCode).toBe(404);
    expect((await patch(b, secret, { name: 'x' })).statusCode).toBe(404);
    expect((await callB({ method: 'GET', url: '/api/v1/contacts?q=Secret' })).json<Page>().items).toEqual([]);
    const planted = await callB({
      method: 'POST',
      url: '/api/v1/contacts',
      payload: { customerId: acme.id, name: 'X' },
    });
    expect(paths(planted.body)).toEqual(['customerId:unknown_record']);
    const bCustomer = await createCustomer(b, { name: 'B' });
    const lookalike = await createContact(b, {
      customerId: bCustomer.id,
      name: 'S',
      email: 'secret@acme.example',
    });
    expect(lookalike.duplicates).toEqual([]);
    const link = await patch(b, lookalike, { reportsToId: secret.id });
    expect(paths(link.body)).toEqual(['reportsToId:unknown_record']);
  });
});
