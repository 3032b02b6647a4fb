import type { CustomField } from '@contracts/custom-fields.contract';
import type { Contact, Customer, CustomerSummary } from '@contracts/customers.contract';
import { describe, expect, it } from 'vitest';
import { addUser, as, newTenant, type Session, useTestApp } from '../../../test/helper';

/** Custom fields: definitions by admins, typed values on customers and contacts, and list filters over them. */

const t = await useTestApp();

type Problem = { code: string; errors?: { path: string; code: string }[] };
const paths = (body: string) => (JSON.parse(body) as Problem).errors?.map((e) => `${e.path}:${e.code}`) ?? [];

async function company() {
  const admin = await newTenant(t);
  const call = as(t, admin);
  const rep = await addUser(t, admin, 'rep', 'Rep Ru');
  const define = async (body: Record<string, unknown>) => {
    const res = await call({ method: 'POST', url: '/api/v1/custom-fields', payload: body });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<CustomField>();
  };
  const fields = {
    revenue: await define({
      object: 'customer',
      key: 'annual_revenue',
      labelZh: '年营收',
      labelEn: 'Annual revenue',
      type: 'money',
    }),
    plants: await define({
      object: 'customer',
      key: 'plants',
      labelZh: '工厂数',
      labelEn: 'Plants',
      type: 'number',
    }),
    audit: await define({
      object: 'customer',
      key: 'audit_date',
      labelZh: '验厂日期',
      labelEn: 'Audit date',
      type: 'date',
    }),
    level: await define({
      object: 'customer',
      key: 'erp',
      labelZh: 'ERP 系统',
      labelEn: 'ERP',
      type: 'select',
      options: [
        { value: 'sap', labelZh: 'SAP', labelEn: 'SAP' },
        { value: 'kingdee', labelZh: '金蝶', labelEn: 'Kingdee' },
      ],
    }),
    lines: await define({
      object: 'customer',
      key: 'product_lines',
      labelZh: '产品线',
      labelEn: 'Product lines',
      type: 'multiselect',
      options: [
        { value: 'cnc', labelZh: '数控机床', labelEn: 'CNC' },
        { value: 'laser', labelZh: '激光', labelEn: 'Laser' },
        { value: 'robot', labelZh: '机器人', labelEn: 'Robots' },
      ],
    }),
    exporter: await define({
      object: 'customer',
      key: 'exporter',
      labelZh: '出口企业',
      labelEn: 'Exporter',
      type: 'boolean',
    }),
    motto: await define({
      object: 'customer',
      key: 'motto',
      labelZh: '口号',
      labelEn: 'Motto',
      type: 'text',
    }),
    sponsor: await define({
      object: 'customer',
      key: 'sponsor',
      labelZh: '内部支持人',
      labelEn: 'Sponsor',
      type: 'user',
    }),
    hobby: await define({
      object: 'contact',
      key: 'hobby',
      labelZh: '爱好',
      labelEn: 'Hobby',
      type: 'text',
      required: true,
    }),
  };
  return { admin, call, rep, fields };
}
type Company = Awaited<ReturnType<typeof company>>;

async function customer(c: Company, name: string, custom: Record<string, unknown>): Promise<Customer> {
  const res = await c.call({ method: 'POST', url: '/api/v1/customers', payload: { name, custom } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Customer>();
}

const ids = async (s: Session, custom: Record<string, unknown>) => {
  const res = await as(
    t,
    s,
  )({
    method: 'GET',
    url: `/api/v1/customers?custom=${encodeURIComponent(JSON.stringify(custom))}&sort=name`,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ items: CustomerSummary[] }>().items.map((i) => i.id);
};

describe('defining fields', () => {
  it('lets admins define fields and refuses bad keys, taken keys, missing or removed options, and reps', async () => {
    const c = await company();
    const list = await c.call({ method: 'GET', url: '/api/v1/custom-fields?object=customer' });
    expect(list.json<{ items: CustomField[] }>().items.map((f) => f.key)).toEqual([
      'annual_revenue',
      'plants',
      'audit_date',
      'erp',
      'product_lines',
      'exporter',
      'motto',
      'sponsor',
    ]);
    const post = (payload: Record<string, unknown>) =>
      c.call({ method: 'POST', url: '/api/v1/custom-fields', payload });
    const base = { object: 'customer', labelZh: '字段', labelEn: 'Field', type: 'text' };
    expect(paths((await post({ ...base, key: 'Bad Key' })).body)).toEqual(['key:invalid_format']);
    expect(paths((await post({ ...base, key: 'motto' })).body)).toEqual(['key:field_key_taken']);
    expect(paths((await post({ ...base, key: 'tier2', type: 'select' })).body)).toEqual([
      'options:options_required',
    ]);
    const rep = await as(
      t,
      c.rep.session,
    )({
      method: 'POST',
      url: '/api/v1/custom-fields',
      payload: { ...base, key: 'x' },
    });
    expect(rep.statusCode).toBe(403);
    const removed = await c.call({
      method: 'PATCH',
      url: `/api/v1/custom-fields/${c.fields.level.id}`,
      payload: { version: 1, options: [{ value: 'sap', labelZh: 'SAP', labelEn: 'SAP' }] },
    });
    expect(paths(removed.body)).toEqual(['options:option_removed']);
    const relabelled = await c.call({
      method: 'PATCH',
      url: `/api/v1/custom-fields/${c.fields.level.id}`,
      payload: {
        version: 1,
        labelEn: 'ERP system',
        options: [
          { value: 'sap', labelZh: 'SAP', labelEn: 'SAP S/4' },
          { value: 'kingdee', labelZh: '金蝶', labelEn: 'Kingdee' },
          { value: 'yonyou', labelZh: '用友', labelEn: 'Yonyou' },
        ],
      },
    });
    expect(relabelled.statusCode, relabelled.body).toBe(200);
    expect(relabelled.json<CustomField>()).toMatchObject({ labelEn: 'ERP system', version: 2 });
  });
});

describe('values on records', () => {
  it('stores typed values, names every bad one, merges edits and hides switched-off fields', async () => {
    const c = await company();
    const bad = await c.call({
      method: 'POST',
      url: '/api/v1/customers',
      payload: {
        name: '错值公司',
        custom: {
          annual_revenue: 12.5,
          plants: 'three',
          audit_date: '2026-02-30',
          erp: 'oracle',
          product_lines: ['cnc', 'ship'],
          exporter: 'yes',
          sponsor: '01a20c90-0bee-7de1-98ed-1b8b7a546358',
          nope: 1,
        },
      },
    });
    expect(bad.statusCode).toBe(400);
    expect(paths(bad.body).sort()).toEqual(
      [
        'custom.annual_revenue:invalid_money',
        'custom.plants:invalid',
        'custom.audit_date:invalid_date',
        'custom.erp:unknown_option',
        'custom.product_lines:unknown_option',
        'custom.exporter:invalid',
        'custom.nope:unknown_custom_field',
        'custom.sponsor:unknown_user',
      ].sort(),
    );
    const sponsorMissing = await c.call({
      method: 'POST',
      url: '/api/v1/customers',
      payload: { name: '无人', custom: { sponsor: '01a20c90-0bee-7de1-98ed-1b8b7a546358' } },
    });
    expect(paths(sponsorMissing.body)).toEqual(['custom.sponsor:unknown_user']);

    const x = await customer(c, '华精机床', {
      annual_revenue: 120_000_000_00,
      erp: 'sap',
      product_lines: ['cnc', 'laser', 'cnc'],
      sponsor: c.rep.userId,
      motto: '  精益求精 ',
    });
    expect(x.custom).toEqual({
      annual_revenue: 120_000_000_00,
      erp: 'sap',
      product_lines: ['cnc', 'laser'],
      sponsor: c.rep.userId,
      motto: '精益求精',
    });
    const edited = await c.call({
      method: 'PATCH',
      url: `/api/v1/customers/${x.id}`,
      payload: { version: x.version, custom: { erp: null, plants: 3 } },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json<Customer>().custom).toMatchObject({ plants: 3, annual_revenue: 120_000_000_00 });
    expect(edited.json<Customer>().custom).not.toHaveProperty('erp');

    await c.call({
      method: 'PATCH',
      url: `/api/v1/custom-fields/${c.fields.motto.id}`,
      payload: { version: 1, active: false },
    });
    const read = (await c.call({ method: 'GET', url: `/api/v1/customers/${x.id}` })).json<Customer>();
    expect(read.custom).not.toHaveProperty('motto');
    const off = await c.call({
      method: 'PATCH',
      url: `/api/v1/customers/${x.id}`,
      payload: { version: read.version, custom: { motto: 'again' } },
    });
    expect(paths(off.body)).toEqual(['custom.motto:unknown_custom_field']);
    // Switched on again, the kept value is back.
    await c.call({
      method: 'PATCH',
      url: `/api/v1/custom-fields/${c.fields.motto.id}`,
      payload: { version: 2, active: true },
    });
    expect(
      (await c.call({ method: 'GET', url: `/api/v1/customers/${x.id}` })).json<Customer>().custom,
    ).toHaveProperty('motto', '精益求精');
  });

  it('requires a required contact field on create', async () => {
    const c = await company();
    const x = await customer(c, '联系人公司', {});
    const missing = await c.call({
      method: 'POST',
      url: '/api/v1/contacts',
      payload: { customerId: x.id, name: '李工' },
    });
    expect(paths(missing.body)).toEqual(['custom.hobby:required']);
    const ok = await c.call({
      method: 'POST',
      url: '/api/v1/contacts',
      payload: { customerId: x.id, name: '李工', custom: { hobby: '钓鱼' } },
    });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json<Contact>().custom).toEqual({ hobby: '钓鱼' });
  });
});

describe('filtering lists', () => {
  it('filters customers by option, option held, range, date range, boolean and text', async () => {
    const c = await company();
    const a = await customer(c, 'A 机床', {
      erp: 'sap',
      product_lines: ['cnc', 'robot'],
      plants: 2,
      audit_date: '2026-03-01',
      exporter: true,
      motto: '品质第一',
    });
    const b = await customer(c, 'B 激光', {
      erp: 'kingdee',
      product_lines: ['laser'],
      plants: 8,
      audit_date: '2025-11-11',
      exporter: false,
    });
    await customer(c, 'C 无值', {});
    expect(await ids(c.admin, { erp: 'sap' })).toEqual([a.id]);
    expect(await ids(c.admin, { product_lines: 'robot' })).toEqual([a.id]);
    expect(await ids(c.admin, { plants: { min: 3 } })).toEqual([b.id]);
    expect(await ids(c.admin, { plants: { min: 1, max: 8 } })).toEqual([a.id, b.id]);
    expect(await ids(c.admin, { audit_date: { min: '2026-01-01' } })).toEqual([a.id]);
    expect(await ids(c.admin, { exporter: false })).toEqual([b.id]);
    expect(await ids(c.admin, { motto: '品质' })).toEqual([a.id]);
    expect(await ids(c.admin, { erp: 'sap', exporter: false })).toEqual([]);
    // The rep sees none of the admin's customers, whatever the filter.
    expect(await ids(c.rep.session, { erp: 'sap' })).toEqual([]);
  });

  it('refuses unknown fields, ranges on choice fields and filters that are not JSON', async () => {
    const c = await company();
    const get = (custom: string) =>
      c.call({ method: 'GET', url: `/api/v1/customers?custom=${encodeURIComponent(custom)}` });
    expect(paths((await get('{"nope":1}')).body)).toEqual(['custom.nope:unknown_custom_field']);
    expect(paths((await get('{"erp":{"min":1}}')).body)).toEqual(['custom.erp:invalid']);
    const notJson = await get('{erp');
    expect(notJson.statusCode).toBe(400);
    expect(paths(notJson.body)[0]).toMatch(/^custom:/);
  });
});
