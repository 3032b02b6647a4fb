import type { ImportIssue, LeadImport } from '@contracts/lead-import.contract';
import type { LeadSummary } from '@contracts/leads.contract';
import { parse } from 'csv-parse/sync';
import { and, eq } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
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
import { systemActor } from '../../../platform/audit';
import { withTenant } from '../../../platform/db/tenancy';
import { createContact, createCustomer } from '../../customers';
import { leadCampaigns, leads } from '../leads.tables';
import { csvText, gbk, xlsxFile } from './test-files';

const LIMIT = 256 * 1024;
const t = await useTestApp({ leadImportMaxBytes: LIMIT });

type Page<T> = { items: T[]; nextCursor: string | null };

async function upload(s: Session, name: string, content: Buffer | string) {
  const file = multipartFile(name, content);
  return as(
    t,
    s,
  )({ method: 'POST', url: '/api/v1/leads/import', payload: file.payload, headers: file.headers });
}

async function uploaded(s: Session, name: string, content: Buffer | string): Promise<LeadImport> {
  const res = await upload(s, name, content);
  expect(res.statusCode, res.body).toBe(201);
  return res.json<LeadImport>();
}

/** The suggested mapping as `{ header: field }`. */
function suggested(imp: LeadImport): Record<string, string> {
  return Object.fromEntries(
    Object.entries(imp.suggestedMapping).map(([i, s]) => [imp.headers[Number(i)] ?? i, s.field]),
  );
}

function mappingOf(imp: LeadImport): Record<string, string> {
  return Object.fromEntries(Object.entries(imp.suggestedMapping).map(([i, s]) => [i, s.field]));
}

async function runToEnd(
  s: Session,
  imp: LeadImport,
  body: Record<string, unknown> = {},
): Promise<LeadImport> {
  const call = as(t, s);
  const res = await call({
    method: 'POST',
    url: `/api/v1/leads/import/${imp.id}/start`,
    payload: { mapping: mappingOf(imp), ...body },
  });
  expect(res.statusCode, res.body).toBe(202);
  return waitFor(async () => {
    const now = (await call({ method: 'GET', url: `/api/v1/leads/import/${imp.id}` })).json<LeadImport>();
    return ['done', 'failed'].includes(now.status) ? now : undefined;
  }, 'the import job');
}

async function issuesOf(s: Session, id: string): Promise<ImportIssue[]> {
  const res = await as(t, s)({ method: 'GET', url: `/api/v1/leads/import/${id}/issues?limit=200` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Page<ImportIssue>>().items;
}

async function allLeads(s: Session): Promise<LeadSummary[]> {
  const res = await as(t, s)({ method: 'GET', url: '/api/v1/leads?limit=200' });
  return res.json<Page<LeadSummary>>().items;
}

const HEADERS_ZH = [
  '公司名称',
  '联系人',
  '职位',
  '手机',
  '邮箱',
  '地区',
  '行业',
  '公司规模',
  '来源',
  '等级',
  '备注',
];

describe('upload and column matching', () => {
  it('matches Chinese headers and reads a UTF-8 CSV with a BOM', async () => {
    const admin = await newTenant(t);
    const content = `\ufeff${csvText([
      HEADERS_ZH,
      [
        '上海云帆科技有限公司',
        '张伟',
        '技术总监',
        '138 1234 5678',
        'zhang.wei@yunfan.cn',
        '华东',
        '软件',
        '100-499人',
        '展会',
        'A',
        '展会上交换名片',
      ],
    ])}`;
    const imp = await uploaded(admin, '线索.csv', content);
    expect(imp).toMatchObject({ status: 'uploaded', format: 'csv', encoding: 'utf-8', delimiter: ',' });
    expect(imp.headers).toEqual(HEADERS_ZH);
    expect(suggested(imp)).toEqual({
      公司名称: 'companyName',
      联系人: 'contactName',
      职位: 'title',
      手机: 'phone',
      邮箱: 'email',
      地区: 'region',
      行业: 'industry',
      公司规模: 'companySize',
      来源: 'source',
      等级: 'grade',
      备注: 'notes',
    });
    expect(imp.preview).toEqual([
      [
        '上海云帆科技有限公司',
        '张伟',
        '技术总监',
        '138 1234 5678',
        'zhang.wei@yunfan.cn',
        '华东',
        '软件',
        '100-499人',
        '展会',
        'A',
        '展会上交换名片',
      ],
    ]);
  });

  it('matches English headers however they are spelt, and leaves unknown columns unmapped', async () => {
    const admin = await newTenant(t);
    const imp = await uploaded(
      admin,
      'leads.csv',
      csvText([
        [
          'Company Name',
          'E-mail',
          'Mobile Phone',
          'Job Title',
          'utm_source',
          'UTM Campaign',
          'Favourite colour',
          'Campaign',
        ],
        ['Acme', 'a@acme.com', '13800000000', 'CEO', 'google', 'spring', 'blue', 'Expo'],
      ]),
    );
    expect(suggested(imp)).toEqual({
      'Company Name': 'companyName',
      'E-mail': 'email',
      'Mobile Phone': 'phone',
      'Job Title': 'title',
      utm_source: 'utm.source',
      'UTM Campaign': 'utm.campaign',
      Campaign: 'campaign',
    });
  });

  it('reads a GBK CSV separated by semicolons, as Chinese Excel saves it', async () => {
    const admin = await newTenant(t);
    const imp = await uploaded(
      admin,
      'gbk.csv',
      gbk(
        csvText(
          [
            ['公司', '姓名', '联系电话'],
            ['北京星河贸易有限公司', '李娜', '010-6512 3456'],
          ],
          ';',
        ),
      ),
    );
    expect(imp).toMatchObject({ encoding: 'gb18030', delimiter: ';' });
    expect(suggested(imp)).toEqual({ 公司: 'companyName', 姓名: 'contactName', 联系电话: 'phone' });
    expect(imp.preview).toEqual([['北京星河贸易有限公司', '李娜', '010-6512 3456']]);
  });

  it('reads the first sheet of an XLSX file, phone numbers typed as numbers included', async () => {
    const admin = await newTenant(t);
    const imp = await uploaded(
      admin,
      'leads.xlsx',
      await xlsxFile([
        ['公司', '联系人', '手机'],
        ['深圳前海数科', '王芳', 13912345678],
        [{ richText: [{ text: '广州' }, { text: '云图' }] }, '陈磊', '020-3888 1234'],
      ]),
    );
    expect(imp).toMatchObject({ format: 'xlsx', encoding: null, delimiter: null });
    expect(imp.preview).toEqual([
      ['深圳前海数科', '王芳', '13912345678'],
      ['广州云图', '陈磊', '020-3888 1234'],
    ]);
    const done = await runToEnd(admin, imp);
    expect(done).toMatchObject({ status: 'done', totalRows: 2, processedRows: 2, imported: 2, skipped: 0 });
  });

  it('refuses other files, empty files and files over the size limit, naming the field', async () => {
    const admin = await newTenant(t);
    const pdf = await upload(admin, 'leads.pdf', Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj\n'));
    expect(pdf.statusCode).toBe(400);
    expect(pdf.json<{ errors: { path: string; code: string }[] }>().errors).toEqual([
      expect.objectContaining({ path: 'file', code: 'import_format' }),
    ]);
    const empty = await upload(admin, 'empty.csv', '\r\n\r\n');
    expect(empty.json<{ errors: { code: string }[] }>().errors[0]?.code).toBe('import_empty');
    const big = await upload(admin, 'big.csv', `company\r\n${'Acme\r\n'.repeat(LIMIT / 5)}`);
    expect(big.statusCode).toBe(413);
    const list = await as(t, admin)({ method: 'GET', url: '/api/v1/leads/import' });
    expect(list.json<Page<unknown>>().items).toEqual([]);
  });
});

describe('running an import', () => {
  it('imports the valid rows of a mixed file and reports each skipped row with its reason', async () => {
    const admin = await newTenant(t);
    const rep = await addUser(t, admin, 'rep', 'Rep Sun');
    await withTenant(t.db, admin.me.tenant.id, async (tx) => {
      const actor = systemActor(admin.me.tenant.id);
      const customer = await createCustomer(tx, actor, {
        name: '杭州已签客户有限公司',
        industry: null,
        companySize: null,
        region: null,
        phone: null,
        source: null,
        campaignId: null,
        ownerId: null,
        teamId: null,
      });
      await createContact(tx, actor, {
        customerId: customer.id,
        name: '老客户',
        title: null,
        phone: null,
        email: 'known@contact.cn',
        ownerId: null,
      });
      await tx.insert(leadCampaigns).values({
        tenantId: admin.me.tenant.id,
        id: uuidv7(),
        name: '2025 上海工业展',
        channel: 'event',
        currency: 'CNY',
      });
    });
    const existing = await as(
      t,
      admin,
    )({
      method: 'POST',
      url: '/api/v1/leads',
      payload: { companyName: '已有线索公司', email: 'existing@lead.cn' },
    });
    expect(existing.statusCode).toBe(201);

    const headers = [...HEADERS_ZH, '市场活动'];
    const rows = [
      [
        '甲公司',
        '赵一',
        'CEO',
        '13800000001',
        'a@jia.cn',
        '华东',
        '制造',
        '20-99',
        '展会',
        'A',
        '',
        '2025 上海工业展',
      ],
      ['乙公司', '钱二', '', 'not a phone', 'b@yi.cn', '', '', '', '', '', '', ''],
      ['丙公司', '孙三', '', '', 'c-at-bing', '', '', '', '', '', '', ''],
      ['', '', 'CTO', '13800000004', '', '', '', '', '', '', '', ''],
      ['丁公司', '李四', '', '', 'existing@lead.cn', '', '', '', '', '', '', ''],
      ['戊公司', '周五', '', '', 'known@contact.cn', '', '', '', '', '', '', ''],
      ['己公司', '吴六', '', '138-0000-0007', 'f@ji.cn', '', '', '500人以上', '客户推荐', 'b', '', ''],
      ['庚公司', '郑七', '', '+86 138 0000 0007', 'g@geng.cn', '', '', '', '', '', '', ''],
      ['辛公司', '王八', '', '', 'h@xin.cn', '', '', '很多人', '', '', '', ''],
      ['壬公司', '冯九', '', '', 'i@ren.cn', '', '', '', '', '', '', '不存在的活动'],
      ['癸公司', '陈十', '', '', 'j@gui.cn', '', '', '', '路边', '', '', ''],
      ['子公司', '褚十一', '', '', 'k@zi.cn', '', '', '', '', 'D', '', ''],
      ['', '卫十二', '', '021-6123 4567', '', '', '', '', '', '', '', ''],
    ];
    const imp = await uploaded(admin, 'mixed.csv', csvText([headers, ...rows]));
    const done = await runToEnd(admin, imp, {
      defaults: { source: 'cold_outreach', ownerId: rep.userId },
    });
    expect(done).toMatchObject({
      status: 'done',
      processedRows: 13,
      totalRows: 13,
      imported: 3,
      skipped: 10,
    });

    const issues = await issuesOf(admin, imp.id);
    expect(issues.map((i) => [i.rowNumber, i.reason])).toEqual([
      [2, 'bad_phone'],
      [3, 'bad_email'],
      [4, 'missing_company_and_contact'],
      [5, 'duplicate'],
      [6, 'duplicate'],
      [8, 'duplicate'],
      [9, 'bad_company_size'],
      [10, 'unknown_campaign'],
      [11, 'bad_source'],
      [12, 'bad_grade'],
    ]);
    expect(issues.find((i) => i.rowNumber === 2)).toMatchObject({ detail: 'not a phone' });
    expect(issues.find((i) => i.rowNumber === 5)?.detail).toContain('已有线索公司');
    expect(issues.find((i) => i.rowNumber === 6)?.detail).toContain('老客户');
    expect(issues.find((i) => i.rowNumber === 8)?.values.slice(0, 2)).toEqual(['庚公司', '郑七']);

    const imported = (await allLeads(admin)).filter((l) => l.companyName !== '已有线索公司');
    expect(imported.map((l) => l.companyName ?? l.contactName).sort()).toEqual(
      ['甲公司', '己公司', '卫十二'].sort(),
    );
    const jia = imported.find((l) => l.companyName === '甲公司');
    expect(jia).toMatchObject({
      source: 'event',
      grade: 'A',
      companySize: '20-99',
      ownerId: rep.userId,
      region: '华东',
    });
    expect(jia?.campaignId).not.toBeNull();
    expect(imported.find((l) => l.companyName === '己公司')).toMatchObject({
      source: 'customer_referral',
      grade: 'B',
      companySize: '500-999',
    });
    expect(imported.find((l) => l.contactName === '卫十二')).toMatchObject({ source: 'cold_outreach' });

    const rowsOfImport = await withTenant(t.db, admin.me.tenant.id, (tx) =>
      tx
        .select({ row: leads.importRow })
        .from(leads)
        .where(and(eq(leads.tenantId, admin.me.tenant.id), eq(leads.importId, imp.id))),
    );
    expect(rowsOfImport.map((r) => r.row).sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual([1, 7, 13]);

    const audit = await as(
      t,
      admin,
    )({
      method: 'GET',
      url: `/api/v1/audit-log?entity=lead_import&entityId=${imp.id}`,
    });
    const entries = audit.json<{ items: { action: string; changes: Record<string, { to: unknown }> }[] }>();
    expect(entries.items.map((e) => e.action).sort()).toEqual(['import', 'start', 'upload']);
    expect(entries.items.find((e) => e.action === 'import')?.changes).toMatchObject({
      imported: { to: 3 },
      skipped: { to: 10 },
    });
    const notes = await as(t, admin)({ method: 'GET', url: '/api/v1/notifications' });
    expect(notes.json<Page<{ kind: string; params: Record<string, unknown> }>>().items).toContainEqual(
      expect.objectContaining({
        kind: 'lead_import_done',
        params: { file: 'mixed.csv', imported: 3, skipped: 10 },
      }),
    );
  });

  it('writes the skipped rows as CSV in the caller language, with the original values', async () => {
    const admin = await newTenant(t);
    const imp = await uploaded(
      admin,
      'report.csv',
      csvText([
        ['公司', '联系人', '邮箱'],
        ['=HYPERLINK("http://evil")', '张三', 'bad-mail'],
        ['好公司', '李四', 'ok@good.cn'],
        ['好公司', '李四', 'OK@good.cn'],
      ]),
    );
    await runToEnd(admin, imp);
    await as(t, admin)({ method: 'PATCH', url: '/api/v1/me', payload: { locale: 'zh-CN' } });
    const res = await as(t, admin)({ method: 'GET', url: `/api/v1/leads/import/${imp.id}/report.csv` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toContain('attachment;');
    expect(res.body.startsWith('\ufeff')).toBe(true);
    const records = parse(res.body, { bom: true }) as string[][];
    expect(records).toEqual([
      ['行号', '原因代码', '原因', '说明', '公司', '联系人', '邮箱'],
      ['1', 'bad_email', '邮箱格式不正确', 'bad-mail', `'=HYPERLINK("http://evil")`, '张三', 'bad-mail'],
      [
        '3',
        'duplicate',
        '与已有线索或联系人重复，或与文件中前面的行重复',
        '文件中前面的行',
        '好公司',
        '李四',
        'OK@good.cn',
      ],
    ]);
  });

  it('uses the mapping this company saved over the synonyms on its next upload', async () => {
    const admin = await newTenant(t);
    const content = csvText([
      ['客户', '电话', '座机', '微信'],
      ['Acme', '13800000000', '021-61234567', 'acme_wx'],
    ]);
    const first = await uploaded(admin, 'a.csv', content);
    // 座机 also means a phone, but the field is taken by the first phone column.
    expect(suggested(first)).toEqual({ 电话: 'phone' });
    const start = await as(
      t,
      admin,
    )({
      method: 'POST',
      url: `/api/v1/leads/import/${first.id}/start`,
      payload: { mapping: { '0': 'companyName', '1': null, '2': 'phone', '3': 'notes' } },
    });
    expect(start.statusCode, start.body).toBe(202);
    const second = await uploaded(admin, 'b.csv', content);
    expect(second.suggestedMapping).toEqual({
      '0': { field: 'companyName', origin: 'saved' },
      '2': { field: 'phone', origin: 'saved' },
      '3': { field: 'notes', origin: 'saved' },
    });
    const otherCompany = await newTenant(t);
    expect(suggested(await uploaded(otherCompany, 'c.csv', content))).toEqual({ 电话: 'phone' });
  });

  it('refuses a mapping without company or contact, a field mapped twice and unknown references', async () => {
    const admin = await newTenant(t);
    const imp = await uploaded(
      admin,
      'x.csv',
      csvText([
        ['公司', '手机', '电话'],
        ['Acme', '1', '2'],
      ]),
    );
    const start = (payload: Record<string, unknown>) =>
      as(t, admin)({ method: 'POST', url: `/api/v1/leads/import/${imp.id}/start`, payload });
    const paths = async (payload: Record<string, unknown>) => {
      const res = await start(payload);
      expect(res.statusCode).toBe(400);
      return res
        .json<{ errors: { path: string; code: string }[] }>()
        .errors.map((e) => `${e.path}:${e.code}`);
    };
    expect(await paths({ mapping: { '1': 'phone' } })).toEqual(['mapping:company_or_contact_unmapped']);
    expect(await paths({ mapping: { '0': 'companyName', '1': 'phone', '2': 'phone' } })).toEqual([
      'mapping.2:duplicate_mapping',
    ]);
    expect(await paths({ mapping: { '0': 'companyName', '7': 'email' } })).toEqual([
      'mapping.7:unknown_column',
    ]);
    expect(await paths({ mapping: { '0': 'companyName', '1': 'fax' } })).toEqual(['mapping.1:invalid_value']);
    expect(
      await paths({
        mapping: { '0': 'companyName' },
        defaults: { ownerId: uuidv7(), teamId: uuidv7(), campaignId: uuidv7() },
      }),
    ).toEqual([
      'defaults.ownerId:unknown_user',
      'defaults.teamId:unknown_team',
      'defaults.campaignId:unknown_campaign',
    ]);
    expect(await paths({ mapping: { '0': 'companyName' }, extra: true })).toEqual(['extra:unrecognized_key']);

    expect((await start({ mapping: { '0': 'companyName' } })).statusCode).toBe(202);
    const again = await start({ mapping: { '0': 'companyName' } });
    expect([again.statusCode, again.json<{ code: string }>().code]).toEqual([409, 'import_started']);
    await waitFor(async () => {
      const now = (
        await as(t, admin)({ method: 'GET', url: `/api/v1/leads/import/${imp.id}` })
      ).json<LeadImport>();
      return now.status === 'done' ? now : undefined;
    }, 'the import');
    const cancel = await as(t, admin)({ method: 'POST', url: `/api/v1/leads/import/${imp.id}/cancel` });
    expect([cancel.statusCode, cancel.json<{ code: string }>().code]).toEqual([409, 'import_finished']);
  });

  it('a cancelled upload is never imported', async () => {
    const admin = await newTenant(t);
    const imp = await uploaded(admin, 'x.csv', csvText([['公司'], ['Acme']]));
    const cancel = await as(t, admin)({ method: 'POST', url: `/api/v1/leads/import/${imp.id}/cancel` });
    expect(cancel.json<LeadImport>().status).toBe('cancelled');
    const start = await as(
      t,
      admin,
    )({
      method: 'POST',
      url: `/api/v1/leads/import/${imp.id}/start`,
      payload: { mapping: { '0': 'companyName' } },
    });
    expect(start.statusCode).toBe(409);
    expect(await allLeads(admin)).toEqual([]);
  });
});

describe('who may import', () => {
  it('a rep can neither upload nor list imports; a manager sees only their own imports', async () => {
    const admin = await newTenant(t);
    const rep = await addUser(t, admin, 'rep');
    const manager = await addUser(t, admin, 'manager');
    const file = csvText([['公司'], ['Acme']]);
    expect((await upload(rep.session, 'a.csv', file)).statusCode).toBe(403);
    expect((await as(t, rep.session)({ method: 'GET', url: '/api/v1/leads/import' })).statusCode).toBe(403);

    const mine = await uploaded(admin, 'admin.csv', file);
    const theirs = await uploaded(manager.session, 'manager.csv', file);
    const seen = async (s: Session) =>
      (await as(t, s)({ method: 'GET', url: '/api/v1/leads/import' }))
        .json<Page<{ id: string }>>()
        .items.map((i) => i.id);
    expect(await seen(manager.session)).toEqual([theirs.id]);
    expect((await seen(admin)).sort()).toEqual([mine.id, theirs.id].sort());
    const peek = await as(t, manager.session)({ method: 'GET', url: `/api/v1/leads/import/${mine.id}` });
    expect(peek.statusCode).toBe(404);
    const report = await as(
      t,
      manager.session,
    )({ method: 'GET', url: `/api/v1/leads/import/${mine.id}/report.csv` });
    expect(report.statusCode).toBe(404);
  });

  it('marketing may import, but not hand the leads to a rep (that needs leads.assign)', async () => {
    const admin = await newTenant(t);
    const marketing = await addUser(t, admin, 'marketing');
    const rep = await addUser(t, admin, 'rep');
    const imp = await uploaded(marketing.session, 'm.csv', csvText([['公司'], ['Acme']]));
    const res = await as(
      t,
      marketing.session,
    )({
      method: 'POST',
      url: `/api/v1/leads/import/${imp.id}/start`,
      payload: { mapping: { '0': 'companyName' }, defaults: { ownerId: rep.userId } },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ errors: { path: string; code: string }[] }>().errors).toEqual([
      expect.objectContaining({ path: 'defaults.ownerId', code: 'not_permitted' }),
    ]);
  });
});
