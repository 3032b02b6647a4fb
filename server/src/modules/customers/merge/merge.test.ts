import type { Contact, Customer } from '@contracts/customers.contract';
import type { Lead } from '@contracts/leads.contract';
import { and, eq } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { describe, expect, it } from 'vitest';
import { addUser, as, newTenant, type Session, useTestApp } from '../../../../test/helper';
import { systemActor } from '../../../platform/audit';
import { auditLog } from '../../../platform/db/platform.tables';
import { withTenant } from '../../../platform/db/tenancy';
import { activities, dailyLogs } from '../../activities/activities.tables';
import { createDeal } from '../../deals';
import { deals } from '../../deals/deals.tables';
import { leads } from '../../leads/leads.tables';
import { customerChurns, customerRetention } from '../../retention/retention.tables';
import { customerPoolEvents } from '../customer-pool.tables';
import { contacts, customers } from '../customers.tables';

const t = await useTestApp();

type Problem = { code: string; errors?: { path: string; code: string }[] };
const paths = (body: string) => (JSON.parse(body) as Problem).errors?.map((e) => `${e.path}:${e.code}`) ?? [];

async function company() {
  const admin = await newTenant(t);
  const rep = await addUser(t, admin, 'rep', 'Rep Li');
  const otherRep = await addUser(t, admin, 'rep', 'Rep Zhao');
  const tenantId = admin.me.tenant.id;
  return { admin, rep, otherRep, tenantId };
}

async function post<T>(s: Session, url: string, payload: Record<string, unknown>, status = 201): Promise<T> {
  const res = await as(t, s)({ method: 'POST', url, payload });
  expect(res.statusCode, res.body).toBe(status);
  return res.json<T>();
}

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000);

/** Every row of a table that names the customer (or contact) through the given column. */
async function idsWhere<T extends { id: string }>(rows: Promise<T[]>): Promise<string[]> {
  return (await rows).map((r) => r.id).sort();
}

async function audits(tenantId: string, entityId: string) {
  return t.db.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.tenantId, tenantId), eq(auditLog.entityId, entityId)));
}

describe('merging customers', () => {
  it('keeps the chosen fields and takes over everything the duplicate had', async () => {
    const { admin, rep, tenantId } = await company();
    for (const [key, type] of [
      ['segment', 'text'],
      ['plants', 'number'],
    ]) {
      await post(admin, '/api/v1/custom-fields', {
        object: 'customer',
        key,
        labelZh: key,
        labelEn: key,
        type,
      });
    }
    const target = await post<Customer>(rep.session, '/api/v1/customers', {
      name: '云帆科技',
      industry: '软件',
      region: '华东',
      tags: ['技术驱动型'],
      notes: '年初预算评审',
      custom: { segment: 'SMB', plants: 2 },
    });
    const source = await post<Customer>(rep.session, '/api/v1/customers', {
      name: '上海云帆',
      legalName: '上海云帆科技有限公司',
      phone: '021-6123 4567',
      industry: '信息技术',
      tags: ['预算敏感型', '技术驱动型'],
      notes: '张江园区',
      custom: { plants: 5 },
    });
    const child = await post<Customer>(rep.session, '/api/v1/customers', {
      name: '云帆华南',
      parentId: source.id,
    });
    const alice = await post<Contact>(rep.session, '/api/v1/contacts', {
      customerId: target.id,
      name: '王芳',
    });
    const bob = await post<Contact>(rep.session, '/api/v1/contacts', { customerId: source.id, name: '李雷' });
    const carol = await post<Contact>(rep.session, '/api/v1/contacts', {
      customerId: source.id,
      name: '韩梅',
      reportsToId: bob.id,
    });
    await post(rep.session, '/api/v1/activities', {
      kind: 'call',
      subject: '首次电话',
      customerId: target.id,
      occurredAt: daysAgo(5).toISOString(),
    });
    const later = daysAgo(1);
    await post(rep.session, '/api/v1/activities', {
      kind: 'visit',
      subject: '上门拜访',
      location: '张江',
      customerId: source.id,
      contactId: bob.id,
      occurredAt: later.toISOString(),
    });
    const lead = await post<Lead>(rep.session, '/api/v1/leads', {
      companyName: '上海云帆',
      contactName: '李雷',
    });
    const deal = await withTenant(t.platform.db, tenantId, async (tx) => {
      await tx
        .update(leads)
        .set({ customerId: source.id, contactId: bob.id })
        .where(and(eq(leads.tenantId, tenantId), eq(leads.id, lead.id)));
      await tx.insert(customerPoolEvents).values({
        tenantId,
        id: uuidv7(),
        customerId: source.id,
        kind: 'claim',
        userId: rep.userId,
        createdAt: daysAgo(10),
      });
      await tx.insert(customerChurns).values({
        tenantId,
        id: uuidv7(),
        customerId: source.id,
        reason: 'cost',
        churnedAt: daysAgo(30),
        reactivatedAt: daysAgo(20),
      });
      await tx.insert(customerRetention).values([
        { tenantId, customerId: target.id, tier: 'growth' },
        { tenantId, customerId: source.id, tier: 'dormant' },
      ]);
      await tx.insert(dailyLogs).values({
        tenantId,
        id: uuidv7(),
        userId: rep.userId,
        day: '2026-01-05',
        keyPoints: [
          { customerId: source.id, text: '报价' },
          { customerId: null, text: '内部会' },
        ],
      });
      return createDeal(tx, systemActor(tenantId), {
        name: '云帆 ERP',
        customerId: source.id,
        contactId: bob.id,
        amountMinor: 100_000,
        currency: 'CNY',
        expectedCloseOn: null,
        source: null,
        campaignId: null,
        ownerId: rep.userId,
        teamId: null,
      });
    });
    const read = (id: string) =>
      as(t, rep.session)({ method: 'GET', url: `/api/v1/customers/${id}` }).then((r) => r.json<Customer>());
    const [t0, s0] = [await read(target.id), await read(source.id)];

    const merged = await post<Customer>(
      rep.session,
      `/api/v1/customers/${target.id}/merge`,
      {
        sourceId: source.id,
        version: t0.version,
        sourceVersion: s0.version,
        choices: {
          legalName: 'source',
          phone: 'source',
          industry: 'source',
          name: 'target',
          'custom.plants': 'source',
        },
      },
      200,
    );
    expect(merged).toMatchObject({
      id: target.id,
      name: '云帆科技',
      legalName: '上海云帆科技有限公司',
      phone: '021-6123 4567',
      industry: '信息技术',
      region: '华东',
      tags: ['技术驱动型', '预算敏感型'],
      custom: { segment: 'SMB', plants: 5 },
      lastActivityAt: later.toISOString(),
      version: t0.version + 1,
      children: [{ id: child.id, name: '云帆华南' }],
    });
    expect(merged.notes).toBe('年初预算评审\n\n— 上海云帆 —\n张江园区');
    expect(
      (await as(t, rep.session)({ method: 'GET', url: `/api/v1/customers/${source.id}` })).statusCode,
    ).toBe(404);

    const db = t.db.db;
    const ofTenant = eq(customers.tenantId, tenantId);
    const [stored] = await db
      .select()
      .from(customers)
      .where(and(ofTenant, eq(customers.id, target.id)));
    expect(stored?.phoneNorm).toBe('+862161234567');
    expect(stored?.legalNameNorm).not.toBeNull();
    const contactRows = await db.select().from(contacts).where(eq(contacts.tenantId, tenantId));
    expect(contactRows.map((c) => [c.name, c.customerId]).sort()).toEqual(
      [
        ['李雷', target.id],
        ['王芳', target.id],
        ['韩梅', target.id],
      ].sort(),
    );
    expect(contactRows.find((c) => c.id === carol.id)?.reportsToId).toBe(bob.id);
    expect(contactRows.find((c) => c.id === alice.id)?.customerId).toBe(target.id);
    const [childRow] = await db
      .select()
      .from(customers)
      .where(and(ofTenant, eq(customers.id, child.id)));
    expect(childRow?.parentId).toBe(target.id);
    const [dealRow] = await db.select().from(deals).where(eq(deals.id, deal.id));
    expect(dealRow?.customerId).toBe(target.id);
    const [leadRow] = await db.select().from(leads).where(eq(leads.id, lead.id));
    expect(leadRow?.customerId).toBe(target.id);
    const acts = await db.select().from(activities).where(eq(activities.tenantId, tenantId));
    expect(acts.map((a) => a.customerId)).toEqual([target.id, target.id]);
    const pool = await db.select().from(customerPoolEvents).where(eq(customerPoolEvents.tenantId, tenantId));
    expect(pool.map((p) => p.customerId)).toEqual([target.id]);
    const churns = await db.select().from(customerChurns).where(eq(customerChurns.tenantId, tenantId));
    expect(churns.map((c) => c.customerId)).toEqual([target.id]);
    const retention = await db
      .select()
      .from(customerRetention)
      .where(eq(customerRetention.tenantId, tenantId));
    expect(retention.map((r) => [r.customerId, r.tier])).toEqual([[target.id, 'growth']]);
    const [log] = await db.select().from(dailyLogs).where(eq(dailyLogs.tenantId, tenantId));
    expect(log?.keyPoints).toEqual([
      { customerId: target.id, text: '报价' },
      { customerId: null, text: '内部会' },
    ]);
    expect(
      await idsWhere(
        db
          .select()
          .from(customers)
          .where(and(ofTenant, eq(customers.id, source.id))),
      ),
    ).toEqual([]);

    const gone = await audits(tenantId, source.id);
    const mergedInto = gone.find((a) => a.action === 'merged_into');
    expect(mergedInto?.changes).toMatchObject({
      mergedInto: { to: target.id },
      choices: { to: { legalName: 'source', 'custom.plants': 'source' } },
      record: { from: { name: '上海云帆' } },
    });
    const kept = (await audits(tenantId, target.id)).find((a) => a.action === 'merge');
    expect(kept?.actorId).toBe(rep.userId);
    expect(kept?.changes).toMatchObject({
      merged: { to: source.id },
      choices: { to: { industry: 'source' } },
      industry: { from: '软件', to: '信息技术' },
      moved: {
        to: { deals: [deal.id], leads: [lead.id], subsidiaries: [child.id], activities: 1, churns: 1 },
      },
    });
    const childAudit = (await audits(tenantId, child.id)).find((a) => a.action === 'update');
    expect(childAudit?.changes).toEqual({ parentId: { from: source.id, to: target.id } });
  });

  it('refuses itself, stale versions, records out of reach, and unknown choices, changing nothing', async () => {
    const { admin, rep, otherRep } = await company();
    const mine = await post<Customer>(rep.session, '/api/v1/customers', { name: '甲公司' });
    const dup = await post<Customer>(rep.session, '/api/v1/customers', { name: '甲公司（重复）' });
    const theirs = await post<Customer>(otherRep.session, '/api/v1/customers', { name: '乙公司' });
    const merge = (s: Session, id: string, body: Record<string, unknown>) =>
      as(
        t,
        s,
      )({
        method: 'POST',
        url: `/api/v1/customers/${id}/merge`,
        payload: { version: mine.version, sourceVersion: dup.version, ...body },
      });

    const self = await merge(rep.session, mine.id, { sourceId: mine.id });
    expect(self.statusCode).toBe(400);
    expect(paths(self.body)).toEqual(['sourceId:merge_same_record']);

    const stale = await merge(rep.session, mine.id, { sourceId: dup.id, sourceVersion: dup.version + 1 });
    expect(stale.statusCode).toBe(412);

    const hiddenSource = await merge(rep.session, mine.id, {
      sourceId: theirs.id,
      sourceVersion: theirs.version,
    });
    expect(hiddenSource.statusCode).toBe(400);
    expect(paths(hiddenSource.body)).toEqual(['sourceId:unknown_record']);
    const hiddenTarget = await merge(rep.session, theirs.id, { sourceId: mine.id, version: theirs.version });
    expect(hiddenTarget.statusCode).toBe(404);

    // Shared with the rep: they may edit it, and merge their own duplicate into it, but not merge it away.
    const shared = await as(
      t,
      otherRep.session,
    )({
      method: 'PATCH',
      url: `/api/v1/customers/${theirs.id}`,
      payload: { version: theirs.version, sharedWith: [rep.userId] },
    });
    expect(shared.statusCode, shared.body).toBe(200);
    const away = await merge(rep.session, mine.id, {
      sourceId: theirs.id,
      sourceVersion: shared.json<Customer>().version,
    });
    expect(away.statusCode).toBe(403);

    const unknownKey = await merge(rep.session, mine.id, { sourceId: dup.id, choices: { colour: 'source' } });
    expect(unknownKey.statusCode).toBe(400);
    expect(paths(unknownKey.body)).toEqual(['choices.colour:invalid_key']);
    const unknownCustom = await merge(rep.session, mine.id, {
      sourceId: dup.id,
      choices: { 'custom.nothing': 'source' },
    });
    expect(paths(unknownCustom.body)).toEqual(['choices.custom.nothing:unknown_custom_field']);

    // A rep cannot hand the customer to another owner through a merge; an admin can.
    const given = await post<Customer>(admin, '/api/v1/customers', {
      name: '甲公司 2',
      ownerId: otherRep.userId,
    });
    const owner = await merge(admin, mine.id, {
      sourceId: given.id,
      sourceVersion: given.version,
      choices: { ownerId: 'source' },
    });
    expect(owner.statusCode, owner.body).toBe(200);
    expect(owner.json<Customer>().ownerId).toBe(otherRep.userId);

    const still = await as(t, rep.session)({ method: 'GET', url: `/api/v1/customers/${dup.id}` });
    expect(still.statusCode).toBe(200);
  });

  it('never makes a company its own ancestor', async () => {
    const { rep } = await company();
    const target = await post<Customer>(rep.session, '/api/v1/customers', { name: '集团' });
    const sub = await post<Customer>(rep.session, '/api/v1/customers', {
      name: '子公司',
      parentId: target.id,
    });
    const source = await post<Customer>(rep.session, '/api/v1/customers', {
      name: '集团（重复）',
      parentId: sub.id,
    });
    const res = await as(
      t,
      rep.session,
    )({
      method: 'POST',
      url: `/api/v1/customers/${target.id}/merge`,
      payload: {
        sourceId: source.id,
        version: target.version,
        sourceVersion: source.version,
        choices: { parentId: 'source' },
      },
    });
    expect(res.statusCode).toBe(400);
    expect(paths(res.body)).toEqual(['choices.parentId:parent_cycle']);
  });
});

describe('merging contacts', () => {
  it('keeps the chosen fields, both phones and emails, and takes over reports, deals, activities and leads', async () => {
    const { rep, tenantId } = await company();
    const customer = await post<Customer>(rep.session, '/api/v1/customers', { name: '星河机械' });
    const boss = await post<Contact>(rep.session, '/api/v1/contacts', {
      customerId: customer.id,
      name: '赵总',
    });
    const target = await post<Contact>(rep.session, '/api/v1/contacts', {
      customerId: customer.id,
      name: '王芳',
      title: '采购经理',
      phone: '138 1234 5678',
      email: 'wang.fang@xinghe.cn',
      tags: ['关键人'],
      reportsToId: boss.id,
      notes: '喜欢微信',
    });
    const source = await post<Contact>(rep.session, '/api/v1/contacts', {
      customerId: customer.id,
      name: '王芳 (采购)',
      title: '采购总监',
      phone: '139 8765 4321',
      email: 'wang.fang@xinghe.cn',
      emails: ['fang@163.com'],
      role: 'procurement',
      tags: ['预算敏感型'],
    });
    const report = await post<Contact>(rep.session, '/api/v1/contacts', {
      customerId: customer.id,
      name: '小李',
      reportsToId: source.id,
    });
    await post(rep.session, '/api/v1/activities', { kind: 'call', subject: '电话', contactId: source.id });
    const lead = await post<Lead>(rep.session, '/api/v1/leads', {
      companyName: '星河机械',
      contactName: '王芳',
    });
    const deal = await withTenant(t.platform.db, tenantId, async (tx) => {
      await tx
        .update(leads)
        .set({ customerId: customer.id, contactId: source.id })
        .where(and(eq(leads.tenantId, tenantId), eq(leads.id, lead.id)));
      return createDeal(tx, systemActor(tenantId), {
        name: '机床采购',
        customerId: customer.id,
        contactId: source.id,
        amountMinor: null,
        currency: 'CNY',
        expectedCloseOn: null,
        source: null,
        campaignId: null,
        ownerId: rep.userId,
        teamId: null,
      });
    });

    const merged = await post<Contact>(
      rep.session,
      `/api/v1/contacts/${target.id}/merge`,
      {
        sourceId: source.id,
        version: target.version,
        sourceVersion: source.version,
        choices: { title: 'source', phone: 'source', role: 'source' },
      },
      200,
    );
    expect(merged).toMatchObject({
      name: '王芳',
      title: '采购总监',
      phone: '139 8765 4321',
      phones: ['138 1234 5678'],
      email: 'wang.fang@xinghe.cn',
      emails: ['fang@163.com'],
      role: 'procurement',
      reportsToId: boss.id,
      tags: ['关键人', '预算敏感型'],
      notes: '喜欢微信',
      version: target.version + 1,
    });
    const db = t.db.db;
    const rows = await db.select().from(contacts).where(eq(contacts.tenantId, tenantId));
    expect(rows.map((r) => r.id).sort()).toEqual([boss.id, target.id, report.id].sort());
    expect(rows.find((r) => r.id === report.id)?.reportsToId).toBe(target.id);
    expect(rows.find((r) => r.id === target.id)?.phoneNorm).toBe('+8613987654321');
    const [dealRow] = await db.select().from(deals).where(eq(deals.id, deal.id));
    expect(dealRow?.contactId).toBe(target.id);
    const [leadRow] = await db.select().from(leads).where(eq(leads.id, lead.id));
    expect(leadRow?.contactId).toBe(target.id);
    const acts = await db.select().from(activities).where(eq(activities.tenantId, tenantId));
    expect(acts.map((a) => a.contactId)).toEqual([target.id]);
    const kept = (await audits(tenantId, target.id)).find((a) => a.action === 'merge');
    expect(kept?.changes).toMatchObject({
      merged: { to: source.id },
      choices: { to: { title: 'source' } },
      moved: { to: { deals: [deal.id], leads: [lead.id], reports: [report.id], activities: 1 } },
    });
    expect((await audits(tenantId, source.id)).map((a) => a.action)).toContain('merged_into');
  });

  it('merges only contacts of the same customer, and not a manager into its report', async () => {
    const { rep, otherRep } = await company();
    const a = await post<Customer>(rep.session, '/api/v1/customers', { name: '甲' });
    const b = await post<Customer>(rep.session, '/api/v1/customers', { name: '乙' });
    const hidden = await post<Customer>(otherRep.session, '/api/v1/customers', { name: '丙' });
    const x = await post<Contact>(rep.session, '/api/v1/contacts', { customerId: a.id, name: '张三' });
    const y = await post<Contact>(rep.session, '/api/v1/contacts', { customerId: b.id, name: '张三' });
    const z = await post<Contact>(otherRep.session, '/api/v1/contacts', {
      customerId: hidden.id,
      name: '张三',
    });
    const merge = (id: string, source: Contact, body: Record<string, unknown> = {}) =>
      as(
        t,
        rep.session,
      )({
        method: 'POST',
        url: `/api/v1/contacts/${id}/merge`,
        payload: { sourceId: source.id, version: 1, sourceVersion: source.version, ...body },
      });
    const across = await merge(x.id, y, { version: x.version });
    expect(paths(across.body)).toEqual(['sourceId:merge_other_customer']);
    const unseen = await merge(x.id, z, { version: x.version });
    expect(paths(unseen.body)).toEqual(['sourceId:unknown_record']);
    expect((await merge(z.id, x, { version: z.version })).statusCode).toBe(404);
    expect(paths((await merge(x.id, x, { version: x.version })).body)).toEqual([
      'sourceId:merge_same_record',
    ]);

    // The source reports to the target: taking its manager would make the target its own manager.
    const s = await post<Contact>(rep.session, '/api/v1/contacts', {
      customerId: a.id,
      name: '张三',
      reportsToId: x.id,
    });
    const res = await merge(x.id, s, { version: x.version, choices: { reportsToId: 'source' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<Contact>().reportsToId).toBeNull();
  });
});
