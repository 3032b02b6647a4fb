import { creditCodeCheckDigit } from '@contracts/customers.contract';
import type { RecordImport, RecordImportIssue } from '@contracts/record-import.contract';
import { parse } from 'csv-parse/sync';
import { and, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import {
  addUser,
  as,
  multipartFile,
  newTenant,
  type Session,
  useTestApp,
  waitFor,
} from '../../../../test/helper';
import { withTenant } from '../../../platform/db/tenancy';
import { contacts, customers } from '../customers.tables';
import { csvText, xlsxFile } from './record-test-files';

const t = await useTestApp();

type Page<T> = { items: T[]; nextCursor: string | null };

const code = (first17: string) => `${first17}${creditCodeCheckDigit(first17)}`;
const YUNFAN_CODE = code('91310000MA1FL0001');
const XINGHE_CODE = code('91110000MA2BC0002');

async function ok<T>(promise: Promise<{ statusCode: number; body: string; json: <J>() => J }>, status = 200) {
  const res = await promise;
  expect(res.statusCode, res.body).toBe(status);
  return res.json<T>();
}

async function upload(s: Session, object: 'customers' | 'contacts', name: string, content: Buffer | string) {
  const file = multipartFile(name, content);
  return ok<RecordImport>(
    as(
      t,
      s,
    )({ method: 'POST', url: `/api/v1/${object}/import`, payload: file.payload, headers: file.headers }),
    201,
  );
}

const mappingOf = (imp: RecordImport) =>
  Object.fromEntries(Object.entries(imp.suggestedMapping).map(([i, s]) => [i, s.field]));
const suggested = (imp: RecordImport) =>
  Object.fromEntries(
    Object.entries(imp.suggestedMapping).map(([i, s]) => [imp.headers[Number(i)] ?? i, s.field]),
  );

async function runToEnd(
  s: Session,
  object: 'customers' | 'contacts',
  imp: RecordImport,
  body: Record<string, unknown> = {},
): Promise<RecordImport> {
  const call = as(t, s);
  await ok(
    call({
      method: 'POST',
      url: `/api/v1/${object}/import/${imp.id}/start`,
      payload: { mapping: mappingOf(imp), ...body },
    }),
    202,
  );
  return waitFor(async () => {
    const now = (
      await call({ method: 'GET', url: `/api/v1/${object}/import/${imp.id}` })
    ).json<RecordImport>();
    return ['done', 'failed'].includes(now.status) ? now : undefined;
  }, 'the import job');
}

async function issuesOf(s: Session, object: 'customers' | 'contacts', id: string) {
  return (
    await ok<Page<RecordImportIssue>>(
      as(t, s)({ method: 'GET', url: `/api/v1/${object}/import/${id}/issues?limit=200` }),
    )
  ).items.map((i) => [i.rowNumber, i.reason, i.detail]);
}

/** A company with a rep, custom fields on customers and contacts, and a customer and contact already known. */
async function company() {
  const admin = await newTenant(t);
  const call = as(t, admin);
  const rep = await addUser(t, admin, 'rep', 'Rep Li');
  const field = (payload: Record<string, unknown>) =>
    ok(call({ method: 'POST', url: '/api/v1/custom-fields', payload }), 201);
  await field({ object: 'customer', key: 'budget', labelZh: '年度预算', labelEn: 'Budget', type: 'money' });
  await field({
    object: 'customer',
    key: 'level',
    labelZh: '客户级别',
    labelEn: 'Level',
    type: 'select',
    required: true,
    options: [
      { value: 'key', labelZh: '重点', labelEn: 'Key' },
      { value: 'normal', labelZh: '普通', labelEn: 'Normal' },
    ],
  });
  await field({ object: 'contact', key: 'hobby', labelZh: '爱好', labelEn: 'Hobby', type: 'text' });
  await field({ object: 'contact', key: 'vip', labelZh: '重要联系人', labelEn: 'VIP', type: 'boolean' });
  const xinghe = await ok<{ id: string }>(
    call({
      method: 'POST',
      url: '/api/v1/customers',
      payload: { name: '星河数据', creditCode: XINGHE_CODE, custom: { level: 'normal' } },
    }),
    201,
  );
  await ok(
    call({
      method: 'POST',
      url: '/api/v1/contacts',
      payload: { customerId: xinghe.id, name: '老客户', email: 'old@xinghe.cn' },
    }),
    201,
  );
  return { admin, rep, xinghe };
}

const CUSTOMER_HEADERS = [
  '客户名称',
  '公司全称',
  '行业',
  '公司规模',
  '电话',
  '统一社会信用代码',
  '负责人',
  '标签',
  '年度预算',
  '客户级别',
];

describe('customer import', () => {
  it('imports a CSV with custom fields and reports each skipped row with its reason', async () => {
    const { admin, rep } = await company();
    const rows = [
      [
        '云帆科技',
        '上海云帆科技有限公司',
        '软件',
        '100-499人',
        '021-61234567',
        YUNFAN_CODE,
        rep.email,
        '重点客户,华东',
        '12,345.50',
        '重点',
      ],
      ['星河数据', '', '', '', '', '', '', '', '', '普通'],
      ['大象物流', '', '', '很多', '', '', '', '', '', '普通'],
      ['青松教育', '', '', '', '', '', '', '', '', '未知级别'],
      ['蓝海医疗', '', '', '', '', '', '', '', '', ''],
      ['北辰制造', '', '', '', '', '', 'nobody@example.cn', '', '', '普通'],
      ['云帆二号', '', '', '', '', YUNFAN_CODE, '', '', '', '普通'],
      ['', '无名公司', '', '', '', '', '', '', '', '普通'],
      ['远山咨询', '', '咨询', '', '', '', '', '', '', 'Normal'],
    ];
    const imp = await upload(admin, 'customers', '客户.csv', `\ufeff${csvText([CUSTOMER_HEADERS, ...rows])}`);
    expect(imp).toMatchObject({ object: 'customer', status: 'uploaded', format: 'csv' });
    expect(suggested(imp)).toEqual({
      客户名称: 'name',
      公司全称: 'legalName',
      行业: 'industry',
      公司规模: 'companySize',
      电话: 'phone',
      统一社会信用代码: 'creditCode',
      负责人: 'owner',
      标签: 'tags',
      年度预算: 'custom.budget',
      客户级别: 'custom.level',
    });
    expect(imp.fields.map((f) => f.field)).toContain('custom.level');

    const done = await runToEnd(admin, 'customers', imp);
    expect(done).toMatchObject({ status: 'done', processedRows: 9, imported: 2, skipped: 7 });
    expect(await issuesOf(admin, 'customers', imp.id)).toEqual([
      [2, 'duplicate', '星河数据 (company)'],
      [3, 'bad_company_size', '很多'],
      [4, 'bad_custom_value', '客户级别 / Level: 未知级别'],
      [5, 'bad_custom_value', '客户级别 / Level'],
      [6, 'unknown_owner', 'nobody@example.cn'],
      [7, 'duplicate', ''],
      [8, 'missing_name', ''],
    ]);

    const notes = await ok<Page<{ kind: string; entity: string; entityId: string; params: object }>>(
      as(t, admin)({ method: 'GET', url: '/api/v1/notifications' }),
    );
    expect(notes.items.find((n) => n.kind === 'record_import_done')).toMatchObject({
      entity: 'customer_import',
      entityId: imp.id,
      params: { file: '客户.csv', object: 'customer', imported: 2, skipped: 7 },
    });

    const stored = await withTenant(t.db, admin.me.tenant.id, (tx) =>
      tx.select().from(customers).where(eq(customers.tenantId, admin.me.tenant.id)),
    );
    const yunfan = stored.find((c) => c.name === '云帆科技');
    expect(yunfan).toMatchObject({
      legalName: '上海云帆科技有限公司',
      companySize: '100-499',
      creditCode: YUNFAN_CODE,
      ownerId: rep.userId,
      tags: ['重点客户', '华东'],
      custom: { budget: 1234550, level: 'key' },
      sharedWith: [],
    });
    expect(stored.find((c) => c.name === '远山咨询')).toMatchObject({
      ownerId: admin.me.user.id,
      custom: { level: 'normal' },
    });

    // The admin's own language (en-US at sign-up) decides; they switch to Chinese.
    await as(t, admin)({ method: 'PATCH', url: '/api/v1/me', payload: { locale: 'zh-CN' } });
    const report = await as(
      t,
      admin,
    )({ method: 'GET', url: `/api/v1/customers/import/${imp.id}/report.csv` });
    expect(report.statusCode, report.body).toBe(200);
    const lines = parse(report.body.replace(/^\ufeff/, '')) as string[][];
    expect(lines[0]?.slice(0, 4)).toEqual(['行号', '原因代码', '原因', '说明']);
    expect(lines[2]?.slice(0, 3)).toEqual([
      '3',
      'bad_company_size',
      '无法识别的公司规模（例如 100-499、500人以上）',
    ]);
    expect(lines[2]?.slice(4, 7)).toEqual(['大象物流', '', '']);
  });

  it('imports an XLSX file and remembers the mapping the company chose', async () => {
    const { admin } = await company();
    const book = await xlsxFile([
      ['Customer name', 'Industry', 'Notes column', 'Level'],
      ['Acme Ltd', 'Retail', 'met at the fair', 'Key'],
    ]);
    const imp = await upload(admin, 'customers', 'customers.xlsx', book);
    expect(suggested(imp)).toEqual({ 'Customer name': 'name', Industry: 'industry', Level: 'custom.level' });
    const done = await runToEnd(admin, 'customers', imp, {
      mapping: { ...mappingOf(imp), '2': 'notes', '1': null },
    });
    expect(done).toMatchObject({ status: 'done', imported: 1, skipped: 0 });
    const [acme] = await withTenant(t.db, admin.me.tenant.id, (tx) =>
      tx
        .select()
        .from(customers)
        .where(and(eq(customers.tenantId, admin.me.tenant.id), eq(customers.name, 'Acme Ltd'))),
    );
    expect(acme).toMatchObject({ notes: 'met at the fair', industry: null, custom: { level: 'key' } });

    const again = await upload(admin, 'customers', 'more.xlsx', book);
    expect(again.suggestedMapping).toEqual({
      '0': { field: 'name', origin: 'saved' },
      '2': { field: 'notes', origin: 'saved' },
      '3': { field: 'custom.level', origin: 'saved' },
    });
  });

  it('refuses a mapping without a name column, unknown fields and a default owner a rep may not name', async () => {
    const { admin, rep } = await company();
    const imp = await upload(
      rep.session,
      'customers',
      'c.csv',
      csvText([
        ['名称', '行业'],
        ['甲', '乙'],
      ]),
    );
    const res = await as(
      t,
      rep.session,
    )({
      method: 'POST',
      url: `/api/v1/customers/import/${imp.id}/start`,
      payload: { mapping: { '0': 'custom.nope', '1': 'industry' }, defaults: { ownerId: admin.me.user.id } },
    });
    expect(res.statusCode, res.body).toBe(400);
    const paths = res
      .json<{ errors: { path: string; code: string }[] }>()
      .errors.map((e) => [e.path, e.code]);
    expect(paths).toEqual([
      ['mapping.0', 'unknown_custom_field'],
      ['mapping', 'name_unmapped'],
      ['defaults.ownerId', 'not_permitted'],
    ]);
    // Another company's user cannot open it, nor can a colleague who did not upload it.
    const other = await newTenant(t);
    expect(
      (await as(t, other)({ method: 'GET', url: `/api/v1/customers/import/${imp.id}` })).statusCode,
    ).toBe(404);
    // Nor is it a lead import.
    expect((await as(t, admin)({ method: 'GET', url: `/api/v1/leads/import/${imp.id}` })).statusCode).toBe(
      404,
    );
  });

  it('lets a rep import customers for themselves only', async () => {
    const { admin, rep } = await company();
    const content = csvText([
      ['客户名称', '负责人', '客户级别'],
      ['自己的客户', '', '普通'],
      ['别人的客户', admin.me.user.email, '普通'],
    ]);
    const imp = await upload(rep.session, 'customers', 'mine.csv', content);
    const done = await runToEnd(rep.session, 'customers', imp);
    expect(done).toMatchObject({ imported: 1, skipped: 1 });
    expect(await issuesOf(rep.session, 'customers', imp.id)).toEqual([
      [2, 'owner_not_permitted', admin.me.user.email],
    ]);
    const mine = await ok<Page<{ name: string; ownerId: string }>>(
      as(t, rep.session)({ method: 'GET', url: '/api/v1/customers?ownerId=me' }),
    );
    expect(mine.items.map((c) => c.name)).toEqual(['自己的客户']);
  });
});

describe('contact import', () => {
  it('imports an XLSX file of contacts with custom fields, matching customers by name or credit code', async () => {
    const { admin, rep, xinghe } = await company();
    const call = as(t, admin);
    const yunfan = await ok<{ id: string }>(
      call({
        method: 'POST',
        url: '/api/v1/customers',
        payload: {
          name: '云帆科技',
          legalName: '上海云帆科技有限公司',
          creditCode: YUNFAN_CODE,
          custom: { level: 'key' },
        },
      }),
      201,
    );
    const book = await xlsxFile([
      ['所属客户', '联系人姓名', '职务', '手机', '邮箱', '其他电话', '微信', '爱好', '重要联系人'],
      [
        '云帆科技',
        '张伟',
        '技术总监',
        '13812345678',
        'zhang@yunfan.cn',
        '021-61234567, 13900001111',
        'zw_wx',
        '登山',
        '是',
      ],
      [YUNFAN_CODE, '李娜', '采购经理', '', 'li@yunfan.cn', '', '', '', 'No'],
      ['上海云帆科技有限公司', '王强', '', '', 'not-an-email', '', '', '', ''],
      ['星河数据', '老客户二', '', '', 'OLD@xinghe.cn', '', '', '', ''],
      ['不存在公司', '赵六', '', '', '', '', '', '', ''],
      ['云帆科技', '张伟二', '', '', 'zhang@yunfan.cn', '', '', '', ''],
      ['云帆科技', '孙七', '', '', '', '', '', '', '也许'],
      ['', '周八', '', '', '', '', '', '', ''],
    ]);
    const imp = await upload(admin, 'contacts', '联系人.xlsx', book);
    expect(imp.object).toBe('contact');
    expect(suggested(imp)).toEqual({
      所属客户: 'customer',
      联系人姓名: 'name',
      职务: 'title',
      手机: 'phone',
      邮箱: 'email',
      其他电话: 'phones',
      微信: 'wechat',
      爱好: 'custom.hobby',
      重要联系人: 'custom.vip',
    });
    const done = await runToEnd(admin, 'contacts', imp);
    expect(done).toMatchObject({ status: 'done', processedRows: 8, imported: 2, skipped: 6 });
    expect(await issuesOf(admin, 'contacts', imp.id)).toEqual([
      [3, 'bad_email', 'not-an-email'],
      [4, 'duplicate', '老客户 (email)'],
      [5, 'unknown_customer', '不存在公司'],
      [6, 'duplicate', ''],
      [7, 'bad_custom_value', '重要联系人 / VIP: 也许'],
      [8, 'missing_customer', ''],
    ]);
    const stored = await withTenant(t.db, admin.me.tenant.id, (tx) =>
      tx.select().from(contacts).where(eq(contacts.tenantId, admin.me.tenant.id)),
    );
    expect(stored.find((c) => c.name === '张伟')).toMatchObject({
      customerId: yunfan.id,
      title: '技术总监',
      emailNorm: 'zhang@yunfan.cn',
      phones: ['021-61234567', '13900001111'],
      wechat: 'zw_wx',
      custom: { hobby: '登山', vip: true },
      ownerId: admin.me.user.id,
    });
    expect(stored.find((c) => c.name === '李娜')).toMatchObject({
      customerId: yunfan.id,
      custom: { vip: false },
    });
    expect(stored.filter((c) => c.customerId === xinghe.id)).toHaveLength(1);

    // A rep sees neither customer: the same file names no customer of theirs.
    const repImp = await upload(rep.session, 'contacts', 'c.xlsx', book);
    const repDone = await runToEnd(rep.session, 'contacts', repImp);
    expect(repDone).toMatchObject({ imported: 0, skipped: 8 });
  });
});

describe('export', () => {
  it('exports the customers the caller may see with custom fields as labelled columns, and audits it', async () => {
    const { admin, rep } = await company();
    const call = as(t, admin);
    await ok(
      call({
        method: 'POST',
        url: '/api/v1/customers',
        payload: {
          name: '=HYPERLINK("http://x")',
          ownerId: rep.userId,
          creditCode: YUNFAN_CODE,
          tags: ['华东'],
          custom: { budget: 500000, level: 'key' },
        },
      }),
      201,
    );
    const all = await call({
      method: 'GET',
      url: '/api/v1/customers/export',
      headers: { 'accept-language': 'en-US' },
    });
    expect(all.statusCode, all.body).toBe(200);
    expect(all.headers['content-type']).toContain('text/csv');
    const rows = parse(all.body.replace(/^\ufeff/, '')) as string[][];
    const header = rows[0] ?? [];
    expect(header.slice(-2)).toEqual(['Budget', 'Level']);
    const exported = rows.find((r) => r[0]?.includes('HYPERLINK'));
    expect(exported?.[0]).toBe(`'=HYPERLINK("http://x")`);
    expect(exported?.slice(-2)).toEqual(['5000', 'Key']);
    expect(rows).toHaveLength(3);

    // A rep exports only their own, in their language.
    const mine = await as(
      t,
      rep.session,
    )({
      method: 'GET',
      url: '/api/v1/customers/export?format=xlsx',
      headers: { 'accept-language': 'zh-CN' },
    });
    expect(mine.statusCode, mine.body).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(mine.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    const values = (n: number) => ((sheet?.getRow(n).values ?? []) as unknown[]).slice(1);
    expect(values(1).slice(-2)).toEqual(['年度预算', '客户级别']);
    expect(sheet?.rowCount).toBe(2);
    expect(values(2).slice(-2)).toEqual([5000, '重点']);

    const audit = await waitFor(async () => {
      const res = await call({ method: 'GET', url: '/api/v1/audit-log?entity=customer&action=export' });
      const items = res.json<Page<{ actorId: string; changes: Record<string, { to: unknown }> }>>().items;
      return items.find((i) => i.actorId === rep.userId);
    }, 'the export audit row');
    expect(audit.changes).toMatchObject({ rows: { to: 1 }, format: { to: 'xlsx' }, completed: { to: true } });
  });

  it('exports contacts with their customer, and an exported file imports again as it is', async () => {
    const { admin, xinghe } = await company();
    const call = as(t, admin);
    await ok(
      call({
        method: 'POST',
        url: '/api/v1/contacts',
        payload: {
          customerId: xinghe.id,
          name: '新联系人',
          phone: '13700001234',
          custom: { hobby: '读书', vip: true },
        },
      }),
      201,
    );
    await call({ method: 'PATCH', url: '/api/v1/me', payload: { locale: 'zh-CN' } });
    const res = await call({ method: 'GET', url: '/api/v1/contacts/export' });
    expect(res.statusCode, res.body).toBe(200);
    const rows = parse(res.body.replace(/^\ufeff/, '')) as string[][];
    expect(rows[0]?.slice(0, 2)).toEqual(['所属客户', '联系人姓名']);
    expect(rows[0]?.slice(-2)).toEqual(['爱好', '重要联系人']);
    const exported = rows.find((r) => r[1] === '新联系人');
    expect(exported?.[0]).toBe('星河数据');
    expect(exported?.slice(-2)).toEqual(['读书', '是']);

    // Into another company with the same customer and fields: the columns are recognised, and the contact
    // that company already has is a duplicate there too.
    const other = await company();
    const imp = await upload(other.admin, 'contacts', 'export.csv', res.body);
    expect(Object.values(imp.suggestedMapping).map((s) => s.field)).toEqual(
      expect.arrayContaining(['customer', 'name', 'phone', 'custom.hobby', 'custom.vip']),
    );
    const done = await runToEnd(other.admin, 'contacts', imp);
    expect(done).toMatchObject({ imported: 1, skipped: 1 });
  });
});
