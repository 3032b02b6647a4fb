import type { CustomField } from '@contracts/custom-fields.contract';
import type { Customer } from '@contracts/customers.contract';
import type { Lead, LeadSummary } from '@contracts/leads.contract';
import { parse } from 'csv-parse/sync';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { addUser, as, newTenant, type Session, useTestApp } from '../../../test/helper';
import { withTenant } from '../../platform/db/tenancy';
import { leads } from './leads.tables';

/** Custom fields on leads: typed values on create and edit, list and export filters, carried on conversion. */

const t = await useTestApp();

type Problem = { code: string; errors?: { path: string; code: string }[] };
const paths = (body: string) => (JSON.parse(body) as Problem).errors?.map((e) => `${e.path}:${e.code}`) ?? [];

const SIZE_OPTIONS = [
  { value: 'small', labelZh: '小批量', labelEn: 'Small batch' },
  { value: 'large', labelZh: '大批量', labelEn: 'Large batch' },
];

async function company() {
  const admin = await newTenant(t);
  const call = as(t, admin);
  const rep = await addUser(t, admin, 'rep', 'Rep Gao');
  const define = async (body: Record<string, unknown>) => {
    const res = await call({ method: 'POST', url: '/api/v1/custom-fields', payload: body });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<CustomField>();
  };
  const fields = {
    volume: await define({
      object: 'lead',
      key: 'volume',
      labelZh: '采购规模',
      labelEn: 'Volume',
      type: 'select',
      options: SIZE_OPTIONS,
    }),
    machines: await define({
      object: 'lead',
      key: 'machines',
      labelZh: '设备数',
      labelEn: 'Machines',
      type: 'number',
    }),
    budget: await define({
      object: 'lead',
      key: 'budget',
      labelZh: '预算',
      labelEn: 'Budget',
      type: 'money',
    }),
    exporter: await define({
      object: 'lead',
      key: 'exporter',
      labelZh: '出口企业',
      labelEn: 'Exporter',
      type: 'boolean',
    }),
    channel: await define({
      object: 'lead',
      key: 'channel_note',
      labelZh: '渠道备注',
      labelEn: 'Channel note',
      type: 'text',
      required: true,
    }),
  };
  return { admin, call, rep, fields };
}

async function createLead(s: Session, payload: Record<string, unknown>): Promise<Lead> {
  const res = await as(t, s)({ method: 'POST', url: '/api/v1/leads', payload });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Lead>();
}

async function listed(s: Session, custom: Record<string, unknown>): Promise<string[]> {
  const res = await as(
    t,
    s,
  )({
    method: 'GET',
    url: `/api/v1/leads?custom=${encodeURIComponent(JSON.stringify(custom))}&sort=companyName`,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ items: LeadSummary[] }>().items.map((i) => i.companyName ?? '');
}

describe('custom fields on leads', () => {
  it('lists lead fields on their own and refuses reps defining them', async () => {
    const { call, rep } = await company();
    const res = await call({ method: 'GET', url: '/api/v1/custom-fields?object=lead' });
    expect(res.json<{ items: CustomField[] }>().items.map((f) => f.key)).toEqual([
      'volume',
      'machines',
      'budget',
      'exporter',
      'channel_note',
    ]);
    const all = await call({ method: 'GET', url: '/api/v1/custom-fields' });
    expect(all.json<{ items: CustomField[] }>().items.filter((f) => f.object === 'lead')).toHaveLength(5);
    const denied = await as(
      t,
      rep.session,
    )({
      method: 'POST',
      url: '/api/v1/custom-fields',
      payload: { object: 'lead', key: 'x', labelZh: 'x', labelEn: 'x', type: 'text' },
    });
    expect(denied.statusCode).toBe(403);
  });

  it('checks values on create and edit, naming custom.<key>, and carries them in the answer', async () => {
    const { admin, rep } = await company();
    const bad = await as(
      t,
      rep.session,
    )({
      method: 'POST',
      url: '/api/v1/leads',
      payload: { companyName: '常州联腾', custom: { volume: 'huge', machines: 'ten', nope: 1 } },
    });
    expect(bad.statusCode).toBe(400);
    expect(paths(bad.body).sort()).toEqual(
      [
        'custom.volume:unknown_option',
        'custom.machines:invalid',
        'custom.nope:unknown_custom_field',
        'custom.channel_note:required',
      ].sort(),
    );

    const lead = await createLead(rep.session, {
      companyName: '常州联腾',
      custom: { volume: 'large', machines: 12, budget: 5_000_000, channel_note: '展会名片' },
    });
    expect(lead.custom).toEqual({
      volume: 'large',
      machines: 12,
      budget: 5_000_000,
      channel_note: '展会名片',
    });

    const cleared = await as(
      t,
      rep.session,
    )({
      method: 'PATCH',
      url: `/api/v1/leads/${lead.id}`,
      payload: { version: lead.version, custom: { machines: null, exporter: true } },
    });
    expect(cleared.statusCode, cleared.body).toBe(200);
    const edited = cleared.json<Lead>();
    expect(edited.custom).toEqual({
      volume: 'large',
      budget: 5_000_000,
      channel_note: '展会名片',
      exporter: true,
    });

    const required = await as(
      t,
      rep.session,
    )({
      method: 'PATCH',
      url: `/api/v1/leads/${lead.id}`,
      payload: { version: edited.version, custom: { channel_note: '' } },
    });
    expect(required.statusCode).toBe(400);
    expect(paths(required.body)).toEqual(['custom.channel_note:required']);

    // A switched-off field is hidden from the lead but its value is kept.
    const volume = (await as(t, admin)({ method: 'GET', url: '/api/v1/custom-fields?object=lead' }))
      .json<{ items: CustomField[] }>()
      .items.find((f) => f.key === 'volume');
    const off = await as(
      t,
      admin,
    )({
      method: 'PATCH',
      url: `/api/v1/custom-fields/${volume?.id}`,
      payload: { version: volume?.version, active: false },
    });
    expect(off.statusCode, off.body).toBe(200);
    const read = await as(t, rep.session)({ method: 'GET', url: `/api/v1/leads/${lead.id}` });
    expect(read.json<Lead>().custom).toEqual({ budget: 5_000_000, channel_note: '展会名片', exporter: true });
  });

  it('filters the list and the count by custom values, and refuses unknown keys', async () => {
    const { admin } = await company();
    const note = { channel_note: '-' };
    await createLead(admin, { companyName: 'A 公司', custom: { ...note, volume: 'large', machines: 3 } });
    await createLead(admin, { companyName: 'B 公司', custom: { ...note, volume: 'small', machines: 30 } });
    await createLead(admin, { companyName: 'C 公司', custom: { ...note, volume: 'large', machines: 50 } });
    const d = await createLead(admin, { companyName: 'D 公司', custom: note });
    // A value of the wrong JSON type (stored before a field changed, or by hand) never fails a range filter.
    await withTenant(t.db, admin.me.tenant.id, (tx) =>
      tx
        .update(leads)
        .set({ custom: { ...note, machines: 'many' } })
        .where(and(eq(leads.tenantId, admin.me.tenant.id), eq(leads.id, d.id))),
    );

    expect(await listed(admin, { volume: 'large' })).toEqual(['A 公司', 'C 公司']);
    expect(await listed(admin, { machines: { min: 10 } })).toEqual(['B 公司', 'C 公司']);
    expect(await listed(admin, { machines: {} })).toEqual(['A 公司', 'B 公司', 'C 公司']);
    expect(await listed(admin, { volume: 'large', machines: { min: 10, max: 60 } })).toEqual(['C 公司']);
    const count = await as(
      t,
      admin,
    )({ method: 'GET', url: `/api/v1/leads/count?custom=${encodeURIComponent('{"volume":"large"}')}` });
    expect(count.json<{ count: number }>().count).toBe(2);

    const unknown = await as(
      t,
      admin,
    )({ method: 'GET', url: `/api/v1/leads?custom=${encodeURIComponent('{"nope":"x"}')}` });
    expect(unknown.statusCode).toBe(400);
    expect(paths(unknown.body)).toEqual(['custom.nope:unknown_custom_field']);
    const broken = await as(t, admin)({ method: 'GET', url: '/api/v1/leads?custom=%7Bnot-json' });
    expect(broken.statusCode).toBe(400);
  });

  it('exports the custom columns labelled in the caller language, with the custom filter applied', async () => {
    const { admin } = await company();
    await createLead(admin, {
      companyName: '温州瓯江阀门',
      email: 'a@oujiang.cn',
      custom: {
        volume: 'large',
        machines: 8,
        budget: 123_450,
        exporter: true,
        channel_note: '=HYPERLINK("x")',
      },
    });
    await createLead(admin, {
      companyName: '台州黄岩模具',
      email: 'b@huangyan.cn',
      custom: { volume: 'small', channel_note: '老客户介绍' },
    });
    const exportIn = async (locale: 'zh-CN' | 'en-US') => {
      const me = await as(t, admin)({ method: 'PATCH', url: '/api/v1/me', payload: { locale } });
      expect(me.statusCode, me.body).toBe(200);
      const res = await as(
        t,
        admin,
      )({
        method: 'GET',
        url: `/api/v1/leads/export?format=csv&custom=${encodeURIComponent('{"volume":"large"}')}`,
      });
      expect(res.statusCode, res.body).toBe(200);
      const [header, ...rows] = parse(res.body, { bom: true }) as string[][];
      expect(rows).toHaveLength(1);
      return { header: header?.slice(-5), row: rows[0]?.slice(-5) };
    };
    expect(await exportIn('zh-CN')).toEqual({
      header: ['采购规模', '设备数', '预算', '出口企业', '渠道备注'],
      row: ['大批量', '8', '1234.5', '是', `'=HYPERLINK("x")`],
    });
    expect(await exportIn('en-US')).toEqual({
      header: ['Volume', 'Machines', 'Budget', 'Exporter', 'Channel note'],
      row: ['Large batch', '8', '1234.5', 'Yes', `'=HYPERLINK("x")`],
    });

    // Chosen columns are exactly those columns.
    const chosen = await as(t, admin)({ method: 'GET', url: '/api/v1/leads/export?columns=email' });
    expect((parse(chosen.body, { bom: true }) as string[][])[0]).toHaveLength(1);
  });

  it('carries lead values into customer fields with the same key and a compatible type on conversion', async () => {
    const { admin, call } = await company();
    const defineCustomer = async (body: Record<string, unknown>) => {
      const res = await call({
        method: 'POST',
        url: '/api/v1/custom-fields',
        payload: { object: 'customer', ...body },
      });
      expect(res.statusCode, res.body).toBe(201);
    };
    // volume: select → multi-select with the same options; machines: same type; budget: text (incompatible);
    // channel_note: text → text; exporter: no customer field.
    await defineCustomer({
      key: 'volume',
      labelZh: '规模',
      labelEn: 'Volume',
      type: 'multiselect',
      options: SIZE_OPTIONS,
    });
    await defineCustomer({ key: 'machines', labelZh: '设备数', labelEn: 'Machines', type: 'number' });
    await defineCustomer({ key: 'budget', labelZh: '预算说明', labelEn: 'Budget note', type: 'text' });
    await defineCustomer({ key: 'channel_note', labelZh: '渠道', labelEn: 'Channel', type: 'text' });

    const convert = async (lead: Lead, customer: Record<string, unknown>) => {
      const sql = await call({
        method: 'PATCH',
        url: `/api/v1/leads/${lead.id}`,
        payload: { version: lead.version, status: 'sql' },
      });
      expect(sql.statusCode, sql.body).toBe(200);
      const res = await call({
        method: 'POST',
        url: `/api/v1/leads/${lead.id}/convert`,
        payload: { version: sql.json<Lead>().version, customer, contact: { mode: 'none' }, deal: null },
      });
      expect(res.statusCode, res.body).toBe(200);
      const { customerId } = res.json<{ customerId: string }>();
      return (await call({ method: 'GET', url: `/api/v1/customers/${customerId}` })).json<Customer>();
    };

    const values = { volume: 'large', machines: 40, budget: 9_900, exporter: false, channel_note: '官网' };
    const fresh = await convert(await createLead(admin, { companyName: '嘉兴南湖化纤', custom: values }), {
      mode: 'new',
    });
    expect(fresh.custom).toEqual({ volume: ['large'], machines: 40, channel_note: '官网' });

    // An existing customer keeps what it has and gains only the fields it has no value for.
    const existing = await call({
      method: 'POST',
      url: '/api/v1/customers',
      payload: { name: '湖州吴兴丝绸', custom: { channel_note: '老客户' } },
    });
    expect(existing.statusCode, existing.body).toBe(201);
    const existingId = existing.json<Customer>().id;
    const filled = await convert(await createLead(admin, { companyName: '湖州吴兴丝绸', custom: values }), {
      mode: 'existing',
      id: existingId,
    });
    expect(filled.custom).toEqual({ volume: ['large'], machines: 40, channel_note: '老客户' });
    expect(filled.version).toBe(existing.json<Customer>().version + 1);
  });

  it('keeps the survivor values on a lead merge and fills the fields it left empty', async () => {
    const { admin } = await company();
    const keep = await createLead(admin, {
      companyName: '绍兴柯桥布业',
      custom: { channel_note: '甲', machines: 1 },
    });
    const other = await createLead(admin, {
      companyName: '绍兴柯桥布业有限公司',
      custom: { channel_note: '乙', volume: 'small' },
    });
    const res = await as(
      t,
      admin,
    )({
      method: 'POST',
      url: `/api/v1/leads/${keep.id}/merge`,
      payload: { otherId: other.id, version: keep.version, otherVersion: other.version },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<Lead>().custom).toEqual({ channel_note: '甲', machines: 1, volume: 'small' });
  });
});
