import { PassThrough, type Readable } from 'node:stream';
import type { Locale } from '@contracts/common';
import { EXPORT_COLUMNS, type ExportColumn, type ExportQuery } from '@contracts/lead-import.contract';
import type { CompanySize, LeadSource, LeadStatus } from '@contracts/leads.contract';
import { stringify } from 'csv-stringify/sync';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { writeAudit } from '../../../platform/audit';
import { companyTimeZone } from '../../../platform/calendar';
import { teams, users } from '../../../platform/db/identity.tables';
import { substringCandidates } from '../../../platform/db/substring-search';
import { withTenant } from '../../../platform/db/tenancy';
import type { Platform } from '../../../platform/platform';
import { customValueCell, type FieldDef, loadFields } from '../../custom-fields';
import { leadScope } from '../leads.policy';
import { customConditions, filterSql, LEAD_SEARCH, scopeSql } from '../leads.queries';
import type { LeadCaller } from '../leads.service';
import { viewerOf } from '../leads.service';
import { leadCampaigns, leads } from '../leads.tables';
import { fileTexts } from './import-texts';
import { dateTimeFormatter, drained, neutralize, writeOut } from './spreadsheet';

/**
 * Lead export: exactly the leads the caller may see (the list's visibility scope and filters), streamed in
 * keyset pages so memory stays flat however many there are. Headers and enumerated values are in the
 * caller's language, times in their time zone; every text cell that a spreadsheet could run as a formula is
 * neutralised. The export is audited with its filters and the number of rows sent.
 */

const PAGE = 1000;

type Query = z.output<typeof ExportQuery>;

const exportColumns = {
  id: leads.id,
  companyName: leads.companyName,
  contactName: leads.contactName,
  title: leads.title,
  phone: leads.phone,
  email: leads.email,
  region: leads.region,
  industry: leads.industry,
  companySize: leads.companySize,
  source: leads.source,
  campaign: leadCampaigns.name,
  grade: leads.grade,
  status: leads.status,
  score: leads.score,
  owner: users.name,
  team: teams.name,
  notes: leads.notes,
  utm: leads.utm,
  custom: leads.custom,
  createdAt: leads.createdAt,
  lastActivityAt: leads.lastActivityAt,
};

export type ExportFile = { fileName: string; contentType: string; body: Readable };

export async function exportLeads(
  platform: Platform,
  caller: LeadCaller,
  query: Query,
  locale: Locale,
  userTimeZone: string | null,
): Promise<ExportFile> {
  const tenantId = caller.actor.tenantId;
  const { format, columns: chosen, ...filter } = query;
  const columns: readonly ExportColumn[] = chosen ?? EXPORT_COLUMNS;
  const { viewer, timeZone, fields, custom, candidates, userNames } = await withTenant(
    platform.db,
    tenantId,
    async (tx) => {
      const companyZone = await companyTimeZone(tx, tenantId);
      // A full export (no columns chosen) carries the active custom fields after the standard columns.
      const fields = chosen ? [] : (await loadFields(tx, tenantId, 'lead')).filter((f) => f.active);
      const people = fields.some((f) => f.type === 'user')
        ? await tx.select({ id: users.id, name: users.name }).from(users).where(eq(users.tenantId, tenantId))
        : [];
      return {
        viewer: await viewerOf(tx, caller),
        timeZone: userTimeZone ?? companyZone,
        fields,
        custom: await customConditions(tx, tenantId, filter),
        candidates: await substringCandidates(tx, LEAD_SEARCH, tenantId, filter.q),
        userNames: new Map(people.map((u) => [u.id, u.name])),
      };
    },
  );
  const texts = fileTexts[locale];
  const when = dateTimeFormatter(timeZone);
  const scope = scopeSql(leadScope(viewer));
  const filters = filterSql(filter, viewer, candidates);

  type Row = Awaited<ReturnType<typeof page>>[number];
  function page(after: { createdAt: Date; id: string } | null) {
    return withTenant(platform.db, tenantId, (tx) =>
      tx
        .select(exportColumns)
        .from(leads)
        .leftJoin(users, and(eq(users.tenantId, leads.tenantId), eq(users.id, leads.ownerId)))
        .leftJoin(teams, and(eq(teams.tenantId, leads.tenantId), eq(teams.id, leads.teamId)))
        .leftJoin(
          leadCampaigns,
          and(eq(leadCampaigns.tenantId, leads.tenantId), eq(leadCampaigns.id, leads.campaignId)),
        )
        .where(
          and(
            eq(leads.tenantId, tenantId),
            scope,
            ...filters,
            ...custom,
            after
              ? sql`(${leads.createdAt}, ${leads.id}) < (${after.createdAt.toISOString()}::timestamptz, ${after.id}::uuid)`
              : undefined,
          ),
        )
        .orderBy(desc(leads.createdAt), desc(leads.id))
        .limit(PAGE),
    );
  }

  async function* pages(): AsyncGenerator<Row[]> {
    let after: { createdAt: Date; id: string } | null = null;
    for (;;) {
      const rows = await page(after);
      if (rows.length > 0) yield rows;
      const last = rows[rows.length - 1];
      if (!last || rows.length < PAGE) return;
      after = { createdAt: last.createdAt, id: last.id };
    }
  }

  function cell(row: Row, column: ExportColumn): string | number {
    switch (column) {
      case 'companySize':
        return row.companySize ? (texts.companySize[row.companySize as CompanySize] ?? row.companySize) : '';
      case 'source':
        return texts.source[row.source as LeadSource] ?? row.source;
      case 'status':
        return texts.status[row.status as LeadStatus] ?? row.status;
      case 'score':
        return row.score;
      case 'utmSource':
        return row.utm.source ?? '';
      case 'utmMedium':
        return row.utm.medium ?? '';
      case 'utmCampaign':
        return row.utm.campaign ?? '';
      case 'createdAt':
        return when(row.createdAt);
      case 'lastActivityAt':
        return when(row.lastActivityAt);
      default:
        return row[column] ?? '';
    }
  }
  const customCell = (row: Row, field: FieldDef) =>
    customValueCell(field, row.custom[field.key], locale, userNames);
  const values = (row: Row) =>
    [...columns.map((column) => cell(row, column)), ...fields.map((field) => customCell(row, field))].map(
      (value) => (typeof value === 'string' ? neutralize(value) : value),
    );
  const headers = [
    ...columns.map((column) => texts.column[column]),
    ...fields.map((field) => neutralize(locale === 'zh-CN' ? field.labelZh : field.labelEn)),
  ];

  const out = new PassThrough();
  let rows = 0;
  let completed = false;

  async function produceCsv(): Promise<void> {
    if (!(await writeOut(out, `\ufeff${stringify([headers])}`))) return;
    for await (const batch of pages()) {
      rows += batch.length;
      if (!(await writeOut(out, stringify(batch.map(values))))) return;
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
    const sheet = book.addWorksheet(texts.sheet);
    sheet.addRow(headers).commit();
    for await (const batch of pages()) {
      for (const row of batch) sheet.addRow(values(row)).commit();
      rows += batch.length;
      // exceljs writes without waiting for the reader: pause here while the download is behind.
      await drained(out);
      if (out.destroyed) return;
    }
    sheet.commit();
    await book.commit();
    completed = true;
  }

  const produce = format === 'xlsx' ? produceXlsx : produceCsv;
  void produce()
    .catch((error: unknown) => {
      platform.log.error({ err: error }, 'lead export failed');
      out.destroy(error instanceof Error ? error : new Error(String(error)));
    })
    .finally(() =>
      withTenant(platform.db, tenantId, (tx) =>
        writeAudit(tx, caller.actor, {
          entity: 'lead',
          entityId: null,
          action: 'export',
          changes: {
            filters: { from: null, to: filter },
            format: { from: null, to: format },
            columns: { from: null, to: columns },
            rows: { from: null, to: rows },
            completed: { from: null, to: completed },
          },
        }),
      ).catch((error: unknown) => platform.log.error({ err: error }, 'lead export audit failed')),
    );

  const stamp = when(platform.clock.now()).replace(/[-: ]/g, '').slice(0, 12);
  return {
    fileName: `leads-${stamp}.${format}`,
    contentType:
      format === 'xlsx'
        ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
        : 'text/csv; charset=utf-8',
    body: out,
  };
}
