import type { ImportDefaults, ImportField, ImportIssueReason } from '@contracts/lead-import.contract';
import type { Utm } from '@contracts/leads.contract';
import type { FieldCode } from '../../../platform/http/errors';
import type { IntakeOutcome, IntakeRow } from '../lead-intake';
import { unneutralize } from './spreadsheet';
import { parseCompanySize, parseGrade, parseSource } from './value-parsers';

/**
 * One file row → the intake row it becomes, or the reason it is skipped before intake (a value the import
 * cannot read); and the intake's verdict on a row → the reason written to the report.
 */

export type FileRow = { rowNumber: number; cells: string[] };

export type RowIssue = { reason: ImportIssueReason; detail: string };

export type Converted = { ok: true; row: IntakeRow } | { ok: false; issue: RowIssue };

/** The longest value each text field takes (as for a lead typed in by hand). */
const MAX_LENGTH: Partial<Record<ImportField, number>> = {
  companyName: 200,
  contactName: 100,
  title: 100,
  phone: 50,
  email: 254,
  region: 100,
  industry: 100,
  notes: 10_000,
  'utm.source': 200,
  'utm.medium': 200,
  'utm.campaign': 200,
  'utm.term': 200,
  'utm.content': 200,
};

export type RowContext = {
  importId: string;
  /** Column index → field, for the mapped columns only. */
  columns: readonly (readonly [number, ImportField])[];
  headers: readonly string[];
  defaults: ImportDefaults;
  /** Campaigns by lower-cased name. */
  campaigns: ReadonlyMap<string, string>;
};

export function convertRow(file: FileRow, ctx: RowContext): Converted {
  const row: IntakeRow = {
    source: ctx.defaults.source,
    campaignId: ctx.defaults.campaignId,
    grade: ctx.defaults.grade,
    importId: ctx.importId,
    importRow: file.rowNumber,
  };
  // Both unset: the assignment rules route the lead. Either set: assigned as the importer chose.
  if (ctx.defaults.ownerId || ctx.defaults.teamId) {
    row.ownerId = ctx.defaults.ownerId;
    row.teamId = ctx.defaults.teamId;
  }
  const utm: Utm = {};
  for (const [index, field] of ctx.columns) {
    const value = unneutralize((file.cells[index] ?? '').trim());
    if (!value) continue;
    const max = MAX_LENGTH[field];
    if (max !== undefined && value.length > max) {
      return { ok: false, issue: { reason: 'too_long', detail: ctx.headers[index] ?? '' } };
    }
    switch (field) {
      case 'companySize': {
        const size = parseCompanySize(value);
        if (!size) return { ok: false, issue: { reason: 'bad_company_size', detail: value } };
        row.companySize = size;
        break;
      }
      case 'source': {
        const source = parseSource(value);
        if (!source) return { ok: false, issue: { reason: 'bad_source', detail: value } };
        row.source = source;
        break;
      }
      case 'grade': {
        const grade = parseGrade(value);
        if (!grade) return { ok: false, issue: { reason: 'bad_grade', detail: value } };
        row.grade = grade;
        break;
      }
      case 'campaign': {
        const id = ctx.campaigns.get(value.toLowerCase());
        if (!id) return { ok: false, issue: { reason: 'unknown_campaign', detail: value } };
        row.campaignId = id;
        break;
      }
      case 'utm.source':
      case 'utm.medium':
      case 'utm.campaign':
      case 'utm.term':
      case 'utm.content':
        utm[field.slice(4) as keyof Utm] = value;
        break;
      default:
        row[field] = value;
    }
  }
  if (Object.keys(utm).length > 0) row.utm = utm;
  return { ok: true, row };
}

const REASON_OF: Partial<Record<FieldCode, ImportIssueReason>> = {
  company_or_contact_required: 'missing_company_and_contact',
  invalid_phone: 'bad_phone',
  invalid_email: 'bad_email',
};

/** The report line for an intake outcome; null when the row counts as imported. */
export function issueOf(outcome: IntakeOutcome, row: IntakeRow): RowIssue | null {
  if (outcome.kind === 'invalid') {
    const problem = outcome.problems[0];
    const reason = (problem && REASON_OF[problem.code]) ?? 'missing_company_and_contact';
    const detail =
      reason === 'bad_phone' ? (row.phone ?? '') : reason === 'bad_email' ? (row.email ?? '') : '';
    return { reason, detail };
  }
  if (outcome.kind === 'duplicate') {
    const match = outcome.duplicates.find((d) => d.kind !== 'customer') ?? outcome.duplicates[0];
    return { reason: 'duplicate', detail: match ? `${match.name} (${match.matchedOn})` : '' };
  }
  return null;
}

/** The row's non-empty cells by column index, as the report shows them. */
export function cellsOf(cells: readonly string[], width: number): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < width; i++) {
    const value = cells[i];
    if (value) out[String(i)] = value;
  }
  return out;
}
