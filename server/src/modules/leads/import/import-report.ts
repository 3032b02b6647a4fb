import path from 'node:path';
import { Readable } from 'node:stream';
import type { Locale } from '@contracts/common';
import { stringify } from 'csv-stringify/sync';
import { and, asc, eq, gt } from 'drizzle-orm';
import { withTenant } from '../../../platform/db/tenancy';
import type { Platform } from '../../../platform/platform';
import { leadImportIssues } from '../leads.tables';
import { issueValues, visibleObjectImport } from './import.service';
import type { ImportCaller, ImportSpec } from './import-object';
import { fileTexts } from './import-texts';
import { leadImportSpec } from './lead-import';
import { neutralize } from './spreadsheet';

/**
 * The skipped-rows report as CSV: row number, reason code, reason in the caller's language, detail, then
 * the row's original cells under the file's own headers, so the file can be corrected and imported again.
 * Read in pages of the issues table, never all at once.
 */

const PAGE = 1000;

export async function objectImportReport<V, Ctx, R>(
  platform: Platform,
  spec: ImportSpec<V, Ctx, R>,
  caller: ImportCaller,
  id: string,
  locale: Locale,
): Promise<{ fileName: string; body: Readable }> {
  const tenantId = caller.actor.tenantId;
  const row = await withTenant(platform.db, tenantId, (tx) =>
    visibleObjectImport(tx, spec.object, caller, id),
  );
  const texts = fileTexts[locale];
  const line = (cells: string[][]) => stringify(cells.map((c) => c.map(neutralize)));

  async function* lines(): AsyncGenerator<string> {
    yield `\ufeff${line([
      [texts.report.row, texts.report.reasonCode, texts.report.reason, texts.report.detail, ...row.headers],
    ])}`;
    let after = 0;
    for (;;) {
      const issues = await withTenant(platform.db, tenantId, (tx) =>
        tx
          .select()
          .from(leadImportIssues)
          .where(
            and(
              eq(leadImportIssues.tenantId, tenantId),
              eq(leadImportIssues.importId, id),
              gt(leadImportIssues.rowNumber, after),
            ),
          )
          .orderBy(asc(leadImportIssues.rowNumber))
          .limit(PAGE),
      );
      if (issues.length === 0) return;
      yield line(
        issues.map((issue) => {
          const reason = issue.reason;
          const detail = issue.detail || (reason === 'duplicate' ? texts.report.inFile : '');
          return [
            String(issue.rowNumber),
            reason,
            spec.reasonText(locale, reason),
            detail,
            ...issueValues(row.headers, issue.values),
          ];
        }),
      );
      after = issues[issues.length - 1]?.rowNumber ?? after;
      if (issues.length < PAGE) return;
    }
  }

  const base = path.parse(row.fileName).name || spec.fallbackName;
  return { fileName: `${base}-skipped-rows.csv`, body: Readable.from(lines()) };
}

export function importReport(platform: Platform, caller: ImportCaller, id: string, locale: Locale) {
  return objectImportReport(platform, leadImportSpec, caller, id, locale);
}
