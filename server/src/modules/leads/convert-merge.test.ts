import type { Lead } from '@contracts/leads.contract';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { addUser, as, newTenant, type Session, useTestApp } from '../../../test/helper';
import { tenants } from '../../platform/db/identity.tables';
import { activities } from '../activities/activities.tables';
import { contacts, customers } from '../customers/customers.tables';
import { deals } from '../deals/deals.tables';
import { leadEvents } from './leads.tables';

const t = await useTestApp();

async function createLead(s: Session, payload: Record<string, unknown>): Promise<Lead> {
  const res = await as(t, s)({ method: 'POST', url: '/api/v1/leads', payload });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Lead>();
}

async function toSql(s: Session, lead: Lead): Promise<Lead> {
  const res = await as(
    t,
    s,
  )({
    method: 'PATCH',
    url: `/api/v1/leads/${lead.id}`,
    payload: { version: lead.version, status: 'sql' },
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Lead>();
}

async function rows<T>(query: Promise<T[]>): Promise<T[]> {
  return query;
}

describe('converting a lead', () => {
  it('creates a customer, contact and deal carrying source and campaign, and keeps the history', async () => {
    const admin = await newTenant(t);
    const rep = await addUser(t, admin, 'rep');
    let lead = await createLead(admin, {
      companyName: '杭州星河机械有限公司',
      contactName: '王芳',
      title: '采购总监',
      phone: '0571-8765 4321',
      email: 'wang.fang@xinghe.cn',
      source: 'event',
      industry: '装备制造',
      ownerId: rep.userId,
    });
    await as(
      t,
      rep.session,
    )({
      method: 'POST',
      url: `/api/v1/leads/${lead.id}/activities`,
      payload: { kind: 'meeting', subject: '展会面谈' },
    });
    lead = (await as(t, rep.session)({ method: 'GET', url: `/api/v1/leads/${lead.id}` })).json<Lead>();
    const notYet = await as(
      t,
      rep.session,
    )({
      method: 'POST',
      url: `/api/v1/leads/${lead.id}/convert`,
      payload: { version: lead.version, customer: { mode: 'new' }, contact: { mode: 'new' }, deal: null },
    });
    expect(notYet.statusCode).toBe(409);
    expect(notYet.json<{ code: string }>().code).toBe('not_convertible');

    lead = await toSql(rep.session, lead);
    expect(lead.can.convert).toBe(true);
    const res = await as(
      t,
      rep.session,
    )({
      method: 'POST',
      url: `/api/v1/leads/${lead.id}/convert`,
      payload: {
        version: lead.version,
        customer: { mode: 'new' },
        contact: { mode: 'new' },
        deal: { name: '星河 – 产线改造', amountMinor: 128_000_000, expectedCloseOn: '2027-01-31' },
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    const out = res.json<{ lead: Lead; customerId: string; contactId: string; dealId: string }>();
    expect(out.lead).toMatchObject({
      status: 'converted',
      customerId: out.customerId,
      contactId: out.contactId,
      dealId: out.dealId,
      can: { edit: false, convert: false },
    });

    const tenantId = admin.me.tenant.id;
    const [customer] = await rows(t.db.db.select().from(customers).where(eq(customers.id, out.customerId)));
    expect(customer).toMatchObject({
      name: '杭州星河机械有限公司',
      nameNorm: '杭州星河机械',
      source: 'event',
      ownerId: rep.userId,
    });
    const [contact] = await rows(t.db.db.select().from(contacts).where(eq(contacts.id, out.contactId)));
    expect(contact).toMatchObject({
      name: '王芳',
      title: '采购总监',
      emailNorm: 'wang.fang@xinghe.cn',
      phoneNorm: '+8657187654321',
    });
    const [deal] = await rows(t.db.db.select().from(deals).where(eq(deals.id, out.dealId)));
    const [tenant] = await rows(
      t.db.db.select({ currency: tenants.currency }).from(tenants).where(eq(tenants.tenantId, tenantId)),
    );
    expect(deal).toMatchObject({
      amountMinor: 128_000_000,
      currency: tenant?.currency,
      source: 'event',
      customerId: out.customerId,
      expectedCloseOn: '2027-01-31',
    });
    const history = await rows(
      t.db.db
        .select()
        .from(activities)
        .where(and(eq(activities.tenantId, tenantId), eq(activities.leadId, lead.id))),
    );
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({
      customerId: out.customerId,
      contactId: out.contactId,
      dealId: out.dealId,
    });

    const again = await as(
      t,
      rep.session,
    )({
      method: 'PATCH',
      url: `/api/v1/leads/${lead.id}`,
      payload: { version: out.lead.version, notes: 'late edit' },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json<{ code: string }>().code).toBe('lead_converted');
  });

  it('links a second lead of a known company to the existing customer and leaves no half-written records on error', async () => {
    const admin = await newTenant(t);
    let first = await createLead(admin, { companyName: 'Acme Robotics Ltd', contactName: 'Ann' });
    first = await toSql(admin, first);
    const converted = (
      await as(
        t,
        admin,
      )({
        method: 'POST',
        url: `/api/v1/leads/${first.id}/convert`,
        payload: { version: first.version, customer: { mode: 'new' }, contact: { mode: 'new' }, deal: null },
      })
    ).json<{ customerId: string }>();

    let second = await createLead(admin, { companyName: 'ACME Robotics', contactName: 'Bob' });
    expect(second.duplicates).toContainEqual({
      kind: 'customer',
      id: converted.customerId,
      name: 'Acme Robotics Ltd',
      matchedOn: 'company',
    });
    second = await toSql(admin, second);

    const before = await rows(t.db.db.select().from(customers));
    const broken = await as(
      t,
      admin,
    )({
      method: 'POST',
      url: `/api/v1/leads/${second.id}/convert`,
      payload: {
        version: second.version,
        customer: { mode: 'existing', id: converted.customerId },
        contact: { mode: 'existing', id: '01900000-0000-7000-8000-000000000000' },
        deal: { name: 'Second deal', amountMinor: null, expectedCloseOn: null },
      },
    });
    expect(broken.statusCode).toBe(400);
    expect(broken.json<{ errors: { path: string }[] }>().errors[0]?.path).toBe('contact.id');
    expect(await rows(t.db.db.select().from(customers))).toHaveLength(before.length);
    expect(
      (await as(t, admin)({ method: 'GET', url: `/api/v1/leads/${second.id}` })).json<Lead>().status,
    ).toBe('sql');

    const ok = await as(
      t,
      admin,
    )({
      method: 'POST',
      url: `/api/v1/leads/${second.id}/convert`,
      payload: {
        version: second.version,
        customer: { mode: 'existing', id: converted.customerId },
        contact: { mode: 'new' },
        deal: null,
      },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json<{ customerId: string; dealId: null }>()).toMatchObject({
      customerId: converted.customerId,
      dealId: null,
    });
  });
});

describe('merging leads', () => {
  it('keeps chosen fields, both notes, every activity and event, and deletes the other lead', async () => {
    const admin = await newTenant(t);
    const call = as(t, admin);
    const keep = await createLead(admin, {
      companyName: 'Acme',
      contactName: 'Li Lei',
      phone: '13812345678',
      notes: 'Met at the fair.',
      grade: 'B',
    });
    const other = await createLead(admin, {
      companyName: 'Acme Co., Ltd.',
      contactName: 'Li Lei',
      email: 'li.lei@acme.cn',
      phone: '138 1234 5678',
      notes: 'Downloaded the white paper.',
      grade: 'A',
    });
    expect(other.duplicates.map((d) => d.id)).toContain(keep.id);
    await call({
      method: 'POST',
      url: `/api/v1/leads/${other.id}/activities`,
      payload: { kind: 'call', subject: 'Call' },
    });
    await call({
      method: 'POST',
      url: `/api/v1/leads/${keep.id}/activities`,
      payload: { kind: 'note', subject: 'Note' },
    });
    await t.db.db.insert(leadEvents).values({
      tenantId: admin.me.tenant.id,
      id: '01900000-0000-7000-8000-0000000000e1',
      leadId: other.id,
      kind: 'download',
      occurredAt: new Date(),
      origin: 'api',
    });
    const fresh = async (id: string) =>
      (await call({ method: 'GET', url: `/api/v1/leads/${id}` })).json<Lead>();
    const [k, o] = [await fresh(keep.id), await fresh(other.id)];

    const res = await call({
      method: 'POST',
      url: `/api/v1/leads/${keep.id}/merge`,
      payload: {
        otherId: other.id,
        version: k.version,
        otherVersion: o.version,
        take: { email: 'other', grade: 'other' },
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    const merged = res.json<Lead>();
    expect(merged).toMatchObject({
      companyName: 'Acme',
      email: 'li.lei@acme.cn',
      grade: 'A',
      duplicates: [],
    });
    expect(merged.notes).toContain('Met at the fair.');
    expect(merged.notes).toContain('Downloaded the white paper.');
    expect(merged.firstContactAt).not.toBeNull();
    expect((await call({ method: 'GET', url: `/api/v1/leads/${other.id}` })).statusCode).toBe(404);

    const timeline = await call({
      method: 'GET',
      url: `/api/v1/leads/${keep.id}/timeline?types=activity,event`,
    });
    const items = timeline.json<{ items: { type: string }[] }>().items;
    expect(items.filter((i) => i.type === 'activity')).toHaveLength(2);
    expect(items.filter((i) => i.type === 'event')).toHaveLength(1);

    const audit = await call({
      method: 'GET',
      url: `/api/v1/audit-log?entity=lead&entityId=${other.id}&action=merged_into`,
    });
    expect(
      audit.json<{ items: { changes: { record: { from: { notes: string } } } }[] }>().items[0]?.changes.record
        .from.notes,
    ).toBe('Downloaded the white paper.');
  });

  it('refuses a stale version, a merge with itself and a lead the user cannot see', async () => {
    const admin = await newTenant(t);
    const rep = await addUser(t, admin, 'rep');
    const a = await createLead(admin, { companyName: 'A', ownerId: rep.userId });
    const b = await createLead(admin, { companyName: 'B' });
    const merge = (s: Session, payload: Record<string, unknown>) =>
      as(t, s)({ method: 'POST', url: `/api/v1/leads/${a.id}/merge`, payload });
    expect(
      (await merge(admin, { otherId: b.id, version: a.version - 1, otherVersion: b.version })).statusCode,
    ).toBe(412);
    expect(
      (await merge(admin, { otherId: a.id, version: a.version, otherVersion: a.version })).statusCode,
    ).toBe(400);
    const hidden = await merge(rep.session, { otherId: b.id, version: a.version, otherVersion: b.version });
    expect(hidden.statusCode).toBe(400);
    expect(hidden.json<{ errors: { path: string }[] }>().errors[0]?.path).toBe('otherId');
  });
});
