import type { LeadImport } from '@contracts/lead-import.contract';
import type { Lead } from '@contracts/leads.contract';
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
import { leads } from '../leads.tables';

const t = await useTestApp();

type AuditItem = { action: string; actorId: string | null; changes: Record<string, { to: unknown }> };

async function company() {
  const admin = await newTenant(t);
  const call = as(t, admin);
  const team = (
    await call({ method: 'POST', url: '/api/v1/teams', payload: { name: 'East', region: '华东' } })
  ).json<{ id: string }>();
  const manager = await addUser(t, admin, 'manager', 'Manager Wang');
  const rep = await addUser(t, admin, 'rep', 'Rep Li');
  const outsider = await addUser(t, admin, 'rep', 'Rep Outside');
  await call({
    method: 'PUT',
    url: `/api/v1/teams/${team.id}/members`,
    payload: { members: [{ userId: manager.userId, isLead: true }, { userId: rep.userId }] },
  });
  const lead = async (payload: Record<string, unknown>) => {
    const res = await call({ method: 'POST', url: '/api/v1/leads', payload });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<Lead>();
  };
  const hostile = await lead({
    companyName: "=cmd|' /C calc'!A0",
    contactName: '+SUM(1,2)',
    title: '-2+3',
    notes: '@import("x")',
    phone: '+86 138 0000 0001',
    email: 'hostile@example.cn',
    grade: 'A',
    source: 'event',
    companySize: '100-499',
    ownerId: rep.userId,
    teamId: team.id,
  });
  // The API trims text; a tab or carriage return can still lead a value stored by another path.
  await withTenant(t.db, admin.me.tenant.id, (tx) =>
    tx
      .update(leads)
      .set({ region: '\tTab', industry: '\rCarriage' })
      .where(and(eq(leads.tenantId, admin.me.tenant.id), eq(leads.id, hostile.id))),
  );
  const outside = await lead({
    companyName: '外部公司',
    email: 'outside@example.cn',
    grade: 'B',
    ownerId: outsider.userId,
    teamId: null,
  });
  const unassigned = await lead({
    companyName: '无人认领公司',
    email: 'nobody@example.cn',
    ownerId: null,
    teamId: null,
  });
  const repOwn = await lead({
    companyName: '北京星河',
    contactName: '李娜',
    email: 'lina@xinghe.cn',
    grade: 'C',
    ownerId: rep.userId,
    teamId: team.id,
  });
  return { admin, manager, rep, outsider, team, created: { hostile, outside, unassigned, repOwn } };
}

async function exported(s: Session, query: string) {
  const res = await as(t, s)({ method: 'GET', url: `/api/v1/leads/export?${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return res;
}

function csvRecords(body: string): string[][] {
  expect(body.startsWith('\ufeff')).toBe(true);
  return parse(body, { bom: true }) as string[][];
}

async function lastExportAudit(admin: Session, actorId: string): Promise<AuditItem> {
  return waitFor(async () => {
    const res = await as(t, admin)({ method: 'GET', url: '/api/v1/audit-log?entity=lead&action=export' });
    return res.json<{ items: AuditItem[] }>().items.find((i) => i.actorId === actorId);
  }, 'the export audit row');
}

describe('exporting leads', () => {
  it('sends exactly the leads the caller may see, as CSV with a BOM, and audits the export', async () => {
    const { admin, manager } = await company();
    const res = await exported(manager.session, 'format=csv');
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="leads-\d{12}\.csv"/);
    const [header, ...rows] = csvRecords(res.body);
    expect(header?.slice(0, 5)).toEqual(['Company', 'Contact', 'Title', 'Phone', 'Email']);
    const emails = rows.map((r) => r[4]).sort();
    // The team's leads and the unassigned one; not the lead of a rep outside the team.
    expect(emails).toEqual(['hostile@example.cn', 'lina@xinghe.cn', 'nobody@example.cn']);
    const audit = await lastExportAudit(admin, manager.userId);
    expect(audit.changes).toMatchObject({ rows: { to: 3 }, format: { to: 'csv' }, completed: { to: true } });

    const all = csvRecords((await exported(admin, '')).body);
    expect(all.length - 1).toBe(4);
  });

  it('applies the list filters and the chosen columns', async () => {
    const { manager } = await company();
    const graded = csvRecords((await exported(manager.session, 'grade=A,C&columns=email,grade,status')).body);
    expect(graded).toEqual([
      ['Email', 'Grade', 'Status'],
      ['lina@xinghe.cn', 'C', 'New'],
      ['hostile@example.cn', 'A', 'New'],
    ]);
    const searched = csvRecords(
      (await exported(manager.session, 'q=%E6%98%9F%E6%B2%B3&columns=companyName')).body,
    );
    expect(searched).toEqual([['Company'], ['北京星河']]);
    const none = csvRecords((await exported(manager.session, 'ownerId=none&columns=companyName')).body);
    expect(none).toEqual([['Company'], ['无人认领公司']]);
  });

  it('neutralises every cell a spreadsheet would run as a formula', async () => {
    const { manager } = await company();
    const [header, ...rows] = csvRecords(
      (
        await exported(
          manager.session,
          'grade=A&columns=companyName,contactName,title,notes,region,industry,phone',
        )
      ).body,
    );
    expect(header).toHaveLength(7);
    expect(rows).toEqual([
      [
        "'=cmd|' /C calc'!A0",
        "'+SUM(1,2)",
        "'-2+3",
        `'@import("x")`,
        "'\tTab",
        "'\rCarriage",
        "'+86 138 0000 0001",
      ],
    ]);
  });

  it('writes XLSX that parses back, in the caller language, with the same neutralised cells', async () => {
    const { manager } = await company();
    await as(t, manager.session)({ method: 'PATCH', url: '/api/v1/me', payload: { locale: 'zh-CN' } });
    const res = await exported(
      manager.session,
      'format=xlsx&columns=companyName,source,status,companySize,owner,team',
    );
    expect(res.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(res.headers['content-disposition']).toMatch(/filename="leads-\d{12}\.xlsx"/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as Parameters<typeof book.xlsx.load>[0]);
    const sheet = book.worksheets[0];
    const rows: unknown[][] = [];
    sheet?.eachRow((row) => {
      rows.push((row.values as unknown[]).slice(1));
    });
    expect(sheet?.name).toBe('线索');
    expect(rows[0]).toEqual(['公司', '来源渠道', '状态', '公司规模', '负责人', '团队']);
    expect(rows).toContainEqual([
      "'=cmd|' /C calc'!A0",
      '市场活动/展会',
      '新线索',
      '100-499人',
      'Rep Li',
      'East',
    ]);
    expect(rows).toHaveLength(4);
  });

  it('an exported file imports again: the same people are recognised as duplicates', async () => {
    const { admin } = await company();
    const csv = (await exported(admin, '')).body;
    const file = multipartFile('export.csv', csv);
    const up = await as(
      t,
      admin,
    )({
      method: 'POST',
      url: '/api/v1/leads/import',
      payload: file.payload,
      headers: file.headers,
    });
    const imp = up.json<LeadImport>();
    const fields = Object.values(imp.suggestedMapping).map((s) => s.field);
    expect(fields).toEqual(
      expect.arrayContaining(['companyName', 'contactName', 'phone', 'email', 'source', 'grade', 'campaign']),
    );
    const mapping = Object.fromEntries(
      Object.entries(imp.suggestedMapping)
        .filter(([, s]) => s.field !== 'campaign')
        .map(([i, s]) => [i, s.field]),
    );
    await as(t, admin)({ method: 'POST', url: `/api/v1/leads/import/${imp.id}/start`, payload: { mapping } });
    const done = await waitFor(async () => {
      const now = (
        await as(t, admin)({ method: 'GET', url: `/api/v1/leads/import/${imp.id}` })
      ).json<LeadImport>();
      return now.status === 'done' ? now : undefined;
    }, 'the import');
    expect(done).toMatchObject({ imported: 0, skipped: 4 });
    const issues = await as(t, admin)({ method: 'GET', url: `/api/v1/leads/import/${imp.id}/issues` });
    expect(issues.json<{ items: { reason: string }[] }>().items.map((i) => i.reason)).toEqual([
      'duplicate',
      'duplicate',
      'duplicate',
      'duplicate',
    ]);
  });

  it('is described in the OpenAPI document with its filters, like the import routes', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{
      paths: Record<string, Record<string, { parameters?: { name: string }[] }>>;
    }>();
    const params = doc.paths['/api/v1/leads/export']?.get?.parameters?.map((p) => p.name) ?? [];
    expect(params).toEqual(expect.arrayContaining(['format', 'columns', 'status', 'grade', 'ownerId', 'q']));
    expect(doc.paths['/api/v1/leads/import/{id}/report.csv']).toHaveProperty('get');
    expect(doc.paths['/api/v1/leads/import']).toHaveProperty('post');
    expect(doc.paths['/api/v1/leads/import/{id}/start']).toHaveProperty('post');
  });

  it('a rep may not export, and unknown filters or columns are refused', async () => {
    const { rep, manager } = await company();
    const denied = await as(t, rep.session)({ method: 'GET', url: '/api/v1/leads/export' });
    expect(denied.statusCode).toBe(403);
    const badColumn = await as(
      t,
      manager.session,
    )({ method: 'GET', url: '/api/v1/leads/export?columns=password' });
    expect(badColumn.statusCode).toBe(400);
    expect(badColumn.json<{ errors: { path: string }[] }>().errors[0]?.path).toMatch(/^columns/);
    const unknown = await as(t, manager.session)({ method: 'GET', url: '/api/v1/leads/export?tenantId=x' });
    expect(unknown.json<{ errors: { path: string; code: string }[] }>().errors).toEqual([
      expect.objectContaining({ path: 'tenantId', code: 'unrecognized_key' }),
    ]);
  });
});
