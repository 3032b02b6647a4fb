import { PassThrough, type Readable } from 'node:stream';
import type { Locale } from '@contracts/common';
import type { Attitude, CustomerTier, DecisionRole, LifecycleStage } from '@contracts/customers.contract';
import type { CompanySize } from '@contracts/leads.contract';
import type { ContactExportQuery, CustomerExportQuery } from '@contracts/record-import.contract';
import { stringify } from 'csv-stringify/sync';
import { and, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { writeAudit } from '../../../platform/audit';
import { companyTimeZone } from '../../../platform/calendar';
import type { Tx } from '../../../platform/db/database';
import { users } from '../../../platform/db/identity.tables';
import { withTenant } from '../../../platform/db/tenancy';
import type { Platform } from '../../../platform/platform';
import { customFilterSql, customValueCell, type FieldDef, loadFields } from '../../custom-fields';
import { dateTimeFormatter, drained, neutralize, writeOut } from '../../leads';
import { filterSql as contactFilterSql, visibleSql } from '../contacts.queries';
import { type CustomerCaller, viewerOf } from '../customer-profile.service';
import { customerScope } from '../customers.policy';
import { filterSql as customerFilterSql, namesOf, scopeSql } from '../customers.queries';
import { contacts, customers } from '../customers.tables';
import { withSegment } from '../segments/segments.service';
import { CONTACT_EXPORT_COLUMNS, CUSTOMER_EXPORT_COLUMNS, recordTexts } from './record-texts';

/**
 * Customer and contact export: exactly the records the caller may see (the list's visibility scope and
 * filters, a saved segment and custom-field filters included), streamed in keyset pages so memory stays
 * flat. Headers and enumerated values are in the caller's language, times in their time zone, the company's
 * active custom fields are columns after the standard ones, labelled in the caller's language; every text
 * cell a spreadsheet could run as a formula is neutralised. The export is audited with its filters and the
 * number of rows sent.
 */

const PAGE = 1000;

export type ExportFile = { fileName: string; contentType: string; body: Readable };

type Cell = string | number;
type Page = { rows: Cell[][]; last: { createdAt: Date; id: string } | null; size: number };

type Setup = {
  timeZone: string;
  fields: FieldDef[];
  userNames: Map<string, string>;
  where: SQL[];
};

async function setupOf(
  tx: Tx,
  tenantId: string,
  object: 'customer' | 'contact',
  userTimeZone: string | null,
): Promise<Omit<Setup, 'where'> & { allFields: FieldDef[] }> {
  const companyZone = await companyTimeZone(tx, tenantId);
  const allFields = await loadFields(tx, tenantId, object);
  const fields = allFields.filter((f) => f.active);
  const people = fields.some((f) => f.type === 'user')
    ? await tx.select({ id: users.id, name: users.name }).from(users).where(eq(users.tenantId, tenantId))
    : [];
  return {
    timeZone: userTimeZone ?? companyZone,
    fields,
    allFields,
    userNames: new Map(people.map((u) => [u.id, u.name])),
  };
}

/** Writes the pages as CSV or XLSX into a stream; audits the export when it ends (completed or not). */
function streamFile(
  platform: Platform,
  caller: CustomerCaller,
  spec: {
    entity: 'customer' | 'contact';
    format: 'csv' | 'xlsx';
    sheet: string;
    headers: string[];
    filters: Record<string, unknown>;
    pages: () => AsyncGenerator<Cell[][]>;
    stampZone: string;
  },
): ExportFile {
  const out = new PassThrough();
  let rows = 0;
  let completed = false;
  const safe = (row: Cell[]) => row.map((v) => (typeof v === 'string' ? neutralize(v) : v));
  const headers = spec.headers.map(neutralize);

  async function produceCsv(): Promise<void> {
    if (!(await writeOut(out, `\ufeff${stringify([headers])}`))) return;
    for await (const batch of spec.pages()) {
      rows += batch.length;
      if (!(await writeOut(out, stringify(batch.map(safe))))) return;
    }
    completed = true;
    out.end();
  }

  async function produceXlsx(): Promise<void> {
    const { default: ExcelJS } = await import('exceljs');
    const book = new ExcelJS.stream.xlsx.WorkbookWriter({
      stream: out,
      useStyles: false,
      useSharedStrings: false,
    });
    const sheet = book.addWorksheet(spec.sheet);
    sheet.addRow(headers).commit();
    for await (const batch of spec.pages()) {
      for (const row of batch) sheet.addRow(safe(row)).commit();
      rows += batch.length;
      // exceljs writes without waiting for the reader: pause here while the download is behind.
      await drained(out);
      if (out.destroyed) return;
    }
    sheet.commit();
    await book.commit();
    completed = true;
  }

  const tenantId = caller.actor.tenantId;
  void (spec.format === 'xlsx' ? produceXlsx : produceCsv)()
    .catch((error: unknown) => {
      platform.log.error({ err: error }, `${spec.entity} export failed`);
      out.destroy(error instanceof Error ? error : new Error(String(error)));
    })
    .finally(() =>
      withTenant(platform.db, tenantId, (tx) =>
        writeAudit(tx, caller.actor, {
          entity: spec.entity,
          entityId: null,
          action: 'export',
          changes: {
            filters: { from: null, to: spec.filters },
            format: { from: null, to: spec.format },
            rows: { from: null, to: rows },
            completed: { from: null, to: completed },
          },
        }),
      ).catch((error: unknown) => platform.log.error({ err: error }, `${spec.entity} export audit failed`)),
    );

  const stamp = dateTimeFormatter(spec.stampZone)(platform.clock.now()).replace(/[-: ]/g, '').slice(0, 12);
  return {
    fileName: `${spec.entity === 'customer' ? 'customers' : 'contacts'}-${stamp}.${spec.format}`,
    contentType:
      spec.format === 'xlsx'
        ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
        : 'text/csv; charset=utf-8',
    body: out,
  };
}

const customLabel = (f: FieldDef, locale: Locale) => (locale === 'zh-CN' ? f.labelZh : f.labelEn);
const after = (table: typeof customers | typeof contacts, last: Page['last']) =>
  last
    ? sql`(${table.createdAt}, ${table.id}) < (${last.createdAt.toISOString()}::timestamptz, ${last.id}::uuid)`
    : undefined;

export async function exportCustomers(
  platform: Platform,
  caller: CustomerCaller,
  query: z.output<typeof CustomerExportQuery>,
  locale: Locale,
  userTimeZone: string | null,
): Promise<ExportFile> {
  const tenantId = caller.actor.tenantId;
  const { format, ...given } = query;
  const texts = recordTexts[locale];
  const setup = await withTenant(platform.db, tenantId, async (tx) => {
    const [viewer, filter, base] = await Promise.all([
      viewerOf(tx, caller),
      withSegment(tx, caller.actor, given),
      setupOf(tx, tenantId, 'customer', userTimeZone),
    ]);
    const custom = filter.custom
      ? customFilterSql(base.allFields, sql`${customers.custom}`, filter.custom)
      : [];
    const where = [scopeSql(customerScope(viewer)), ...customerFilterSql(filter, viewer), ...custom].filter(
      (c): c is SQL => c !== undefined,
    );
    return { ...base, where };
  });
  const when = dateTimeFormatter(setup.timeZone);

  async function page(last: Page['last']): Promise<Page> {
    return withTenant(platform.db, tenantId, async (tx) => {
      const rows = await tx
        .select()
        .from(customers)
        .where(and(eq(customers.tenantId, tenantId), ...setup.where, after(customers, last)))
        .orderBy(desc(customers.createdAt), desc(customers.id))
        .limit(PAGE);
      const names = await namesOf(
        tx,
        tenantId,
        rows.map((r) => r.ownerId),
        rows.map((r) => r.teamId),
      );
      const cells = rows.map((r) => [
        ...CUSTOMER_EXPORT_COLUMNS.map((column): Cell => {
          switch (column) {
            case 'companySize':
              return r.companySize ? (texts.companySize[r.companySize as CompanySize] ?? r.companySize) : '';
            case 'tags':
              return r.tags.join(', ');
            case 'owner':
              return r.ownerId ? (names.users.get(r.ownerId) ?? '') : '';
            case 'team':
              return r.teamId ? (names.teams.get(r.teamId) ?? '') : '';
            case 'lifecycleStage':
              return r.lifecycleStage ? (texts.lifecycleStage[r.lifecycleStage as LifecycleStage] ?? '') : '';
            case 'tier':
              return r.tier ? (texts.tier[r.tier as CustomerTier] ?? '') : '';
            case 'healthScore':
              return r.healthScore ?? '';
            case 'createdAt':
              return when(r.createdAt);
            case 'lastActivityAt':
              return when(r.lastActivityAt);
            default:
              return r[column] ?? '';
          }
        }),
        ...setup.fields.map((f) => customValueCell(f, r.custom[f.key], locale, setup.userNames)),
      ]);
      const lastRow = rows[rows.length - 1];
      return {
        rows: cells,
        last: lastRow ? { createdAt: lastRow.createdAt, id: lastRow.id } : null,
        size: rows.length,
      };
    });
  }

  return streamFile(platform, caller, {
    entity: 'customer',
    format,
    sheet: texts.sheet.customer,
    headers: [
      ...CUSTOMER_EXPORT_COLUMNS.map((c) => texts.customer[c]),
      ...setup.fields.map((f) => customLabel(f, locale)),
    ],
    filters: given,
    pages: () => pagesOf(page),
    stampZone: setup.timeZone,
  });
}

async function* pagesOf(page: (last: Page['last']) => Promise<Page>): AsyncGenerator<Cell[][]> {
  let last: Page['last'] = null;
  for (;;) {
    const next = await page(last);
    if (next.rows.length > 0) yield next.rows;
    if (!next.last || next.size < PAGE) return;
    last = next.last;
  }
}

export async function exportContacts(
  platform: Platform,
  caller: CustomerCaller,
  query: z.output<typeof ContactExportQuery>,
  locale: Locale,
  userTimeZone: string | null,
): Promise<ExportFile> {
  const tenantId = caller.actor.tenantId;
  const { format, ...filter } = query;
  const texts = recordTexts[locale];
  const setup = await withTenant(platform.db, tenantId, async (tx) => {
    const [viewer, base] = await Promise.all([
      viewerOf(tx, caller),
      setupOf(tx, tenantId, 'contact', userTimeZone),
    ]);
    const where = [visibleSql(viewer), ...contactFilterSql(filter, viewer)].filter(
      (c): c is SQL => c !== undefined,
    );
    return { ...base, where };
  });
  const when = dateTimeFormatter(setup.timeZone);

  async function page(last: Page['last']): Promise<Page> {
    return withTenant(platform.db, tenantId, async (tx) => {
      const rows = await tx
        .select()
        .from(contacts)
        .where(and(eq(contacts.tenantId, tenantId), ...setup.where, after(contacts, last)))
        .orderBy(desc(contacts.createdAt), desc(contacts.id))
        .limit(PAGE);
      const customerIds = [...new Set(rows.map((r) => r.customerId))];
      const [names, companies] = await Promise.all([
        namesOf(
          tx,
          tenantId,
          rows.map((r) => r.ownerId),
        ),
        customerIds.length === 0
          ? Promise.resolve([])
          : tx
              .select({ id: customers.id, name: customers.name })
              .from(customers)
              .where(and(eq(customers.tenantId, tenantId), inArray(customers.id, customerIds))),
      ]);
      const companyName = new Map(companies.map((c) => [c.id, c.name]));
      const cells = rows.map((r) => [
        ...CONTACT_EXPORT_COLUMNS.map((column): Cell => {
          switch (column) {
            case 'customer':
              return companyName.get(r.customerId) ?? '';
            case 'phones':
              return r.phones.join(', ');
            case 'emails':
              return r.emails.join(', ');
            case 'tags':
              return r.tags.join(', ');
            case 'role':
              return r.role ? (texts.role[r.role as DecisionRole] ?? r.role) : '';
            case 'attitude':
              return texts.attitude[r.attitude as Attitude] ?? r.attitude;
            case 'owner':
              return r.ownerId ? (names.users.get(r.ownerId) ?? '') : '';
            case 'createdAt':
              return when(r.createdAt);
            case 'lastActivityAt':
              return when(r.lastActivityAt);
            default:
              return r[column] ?? '';
          }
        }),
        ...setup.fields.map((f) => customValueCell(f, r.custom[f.key], locale, setup.userNames)),
      ]);
      const lastRow = rows[rows.length - 1];
      return {
        rows: cells,
        last: lastRow ? { createdAt: lastRow.createdAt, id: lastRow.id } : null,
        size: rows.length,
      };
    });
  }

  return streamFile(platform, caller, {
    entity: 'contact',
    format,
    sheet: texts.sheet.contact,
    headers: [
      ...CONTACT_EXPORT_COLUMNS.map((c) => texts.contact[c]),
      ...setup.fields.map((f) => customLabel(f, locale)),
    ],
    filters: filter,
    pages: () => pagesOf(page),
    stampZone: setup.timeZone,
  });
}
