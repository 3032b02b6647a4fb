import { z } from 'zod';
import { defineRoute, IdParams, IsoDateTime, PageQuery, pageOf, Uuid } from './common';
import { LeadFilter, LeadGrade, LeadSource } from './leads.contract';

/**
 * Lead import from CSV/XLSX (upload → column mapping → preview → background job → report of skipped rows)
 * and lead export to CSV/XLSX. Upload, report and export move files, not JSON: their contracts describe
 * the routes for the OpenAPI document and the web client builds their URLs from `path`.
 */

/** Lead fields a file column can fill; `campaign` is matched to a campaign by name. */
export const IMPORT_FIELDS = [
  'companyName',
  'contactName',
  'title',
  'phone',
  'email',
  'region',
  'industry',
  'companySize',
  'source',
  'grade',
  'notes',
  'campaign',
  'utm.source',
  'utm.medium',
  'utm.campaign',
  'utm.term',
  'utm.content',
] as const;
export const ImportField = z.enum(IMPORT_FIELDS);
export type ImportField = z.infer<typeof ImportField>;

/** uploaded → mapped (started, waiting for the worker) → running → done | failed | cancelled */
export const IMPORT_STATUSES = ['uploaded', 'mapped', 'running', 'done', 'failed', 'cancelled'] as const;
export const ImportStatus = z.enum(IMPORT_STATUSES);
export type ImportStatus = z.infer<typeof ImportStatus>;

/** Why a row was skipped. The first four come from the intake checks, the rest from reading the cells. */
export const IMPORT_ISSUE_REASONS = [
  'bad_email',
  'bad_phone',
  'missing_company_and_contact',
  'duplicate',
  'bad_company_size',
  'bad_source',
  'bad_grade',
  'unknown_campaign',
  'too_long',
] as const;
export const ImportIssueReason = z.enum(IMPORT_ISSUE_REASONS);
export type ImportIssueReason = z.infer<typeof ImportIssueReason>;

export const IMPORT_FORMATS = ['csv', 'xlsx'] as const;
export const ImportFormat = z.enum(IMPORT_FORMATS);

/** Values applied to every imported row whose own cell is empty (owner and team: to every row). */
export const ImportDefaults = z.strictObject({
  source: LeadSource.default('other'),
  campaignId: Uuid.nullable().default(null),
  /** Both empty: the assignment rules route each lead. */
  ownerId: Uuid.nullable().default(null),
  teamId: Uuid.nullable().default(null),
  grade: LeadGrade.nullable().default(null),
});
export type ImportDefaults = z.infer<typeof ImportDefaults>;

/** Column index (as text, from 0) → the lead field it fills, or null to leave the column out. */
export const ImportMapping = z.record(z.string().regex(/^\d{1,4}$/), ImportField.nullable());
export type ImportMapping = z.infer<typeof ImportMapping>;

export const SuggestedColumn = z.object({
  field: ImportField,
  /** saved: this company mapped the same header before; synonym: recognised header name. */
  origin: z.enum(['saved', 'synonym']),
});

export const LeadImportSummary = z.object({
  id: Uuid,
  fileName: z.string(),
  format: ImportFormat,
  status: ImportStatus,
  totalRows: z.number().int().nullable(),
  processedRows: z.number().int(),
  imported: z.number().int(),
  skipped: z.number().int(),
  createdById: Uuid.nullable(),
  createdByName: z.string().nullable(),
  createdAt: IsoDateTime,
  finishedAt: IsoDateTime.nullable(),
});
export type LeadImportSummary = z.infer<typeof LeadImportSummary>;

export const LeadImport = LeadImportSummary.extend({
  headers: z.array(z.string()),
  /** The first data rows of the file, cells as text, for the mapping step. */
  preview: z.array(z.array(z.string())),
  /** What the mapping step starts from: saved mappings of this company win over header synonyms. */
  suggestedMapping: z.record(z.string(), SuggestedColumn),
  /** The mapping and defaults the import was started with (empty before it starts). */
  mapping: ImportMapping,
  defaults: ImportDefaults.nullable(),
  /** CSV: detected encoding (utf-8, gb18030, utf-16le) and delimiter. */
  encoding: z.string().nullable(),
  delimiter: z.string().nullable(),
  /** Progress: data rows handled (the committed watermark) and file bytes read at that point. */
  bytesRead: z.number().int(),
  fileSize: z.number().int(),
  startedAt: IsoDateTime.nullable(),
  /** Why the import failed or, while it retries, the last error. */
  error: z.string().nullable(),
  version: z.number().int(),
});
export type LeadImport = z.infer<typeof LeadImport>;

export const ImportIssue = z.object({
  /** Data row number: 1 is the first row under the header. */
  rowNumber: z.number().int(),
  reason: ImportIssueReason,
  /** The value or record concerned (a bad phone, the lead it duplicates…), in the file's words. */
  detail: z.string(),
  /** The row's cells, by column index. */
  values: z.array(z.string()),
});
export type ImportIssue = z.infer<typeof ImportIssue>;

/** multipart/form-data with one `file` part (.csv or .xlsx). */
export const uploadLeadImport = defineRoute({
  method: 'POST',
  path: '/api/v1/leads/import',
  summary: 'Upload a CSV or XLSX file of leads: returns its columns, suggested mapping and first rows',
  tags: ['lead-import'],
  access: 'session',
  permission: 'leads.import',
  scope: 'write',
  response: { 201: LeadImport },
});

export const listLeadImports = defineRoute({
  method: 'GET',
  path: '/api/v1/leads/import',
  summary: 'Recent imports, newest first (your own; all of the company for directors and admins)',
  tags: ['lead-import'],
  access: 'session',
  permission: 'leads.import',
  scope: 'read',
  query: PageQuery,
  response: {
    200: pageOf(LeadImportSummary).extend({
      /** Largest file an upload may be (LEAD_IMPORT_MAX_BYTES). */
      maxFileBytes: z.number().int(),
    }),
  },
});

export const getLeadImport = defineRoute({
  method: 'GET',
  path: '/api/v1/leads/import/:id',
  summary: 'One import: status, progress, counts, columns, suggested mapping and preview rows',
  tags: ['lead-import'],
  access: 'session',
  permission: 'leads.import',
  scope: 'read',
  params: IdParams,
  response: { 200: LeadImport },
});

export const startLeadImport = defineRoute({
  method: 'POST',
  path: '/api/v1/leads/import/:id/start',
  summary: 'Start an uploaded import with a column mapping and defaults; it runs as a background job',
  tags: ['lead-import'],
  access: 'session',
  permission: 'leads.import',
  scope: 'write',
  params: IdParams,
  body: z.strictObject({
    mapping: ImportMapping,
    defaults: ImportDefaults.default(ImportDefaults.parse({})),
  }),
  response: { 202: LeadImport },
});

export const cancelLeadImport = defineRoute({
  method: 'POST',
  path: '/api/v1/leads/import/:id/cancel',
  summary: 'Cancel an import that has not finished; leads imported so far stay',
  tags: ['lead-import'],
  access: 'session',
  permission: 'leads.import',
  scope: 'write',
  params: IdParams,
  response: { 200: LeadImport },
});

export const listLeadImportIssues = defineRoute({
  method: 'GET',
  path: '/api/v1/leads/import/:id/issues',
  summary: 'Rows an import skipped, in file order, with the reason',
  tags: ['lead-import'],
  access: 'session',
  permission: 'leads.import',
  scope: 'read',
  params: IdParams,
  query: PageQuery,
  response: { 200: pageOf(ImportIssue) },
});

/** text/csv (UTF-8 with BOM): row number, reason code, reason in the caller's language, original cells. */
export const downloadLeadImportReport = defineRoute({
  method: 'GET',
  path: '/api/v1/leads/import/:id/report.csv',
  summary: 'Download the skipped rows as CSV, with the reason and the original values',
  tags: ['lead-import'],
  access: 'session',
  permission: 'leads.import',
  scope: 'read',
  params: IdParams,
  response: { 200: z.string() },
});

/** Columns an export can hold, in this order unless `columns` says otherwise. */
export const EXPORT_COLUMNS = [
  'companyName',
  'contactName',
  'title',
  'phone',
  'email',
  'region',
  'industry',
  'companySize',
  'source',
  'campaign',
  'grade',
  'status',
  'score',
  'owner',
  'team',
  'notes',
  'utmSource',
  'utmMedium',
  'utmCampaign',
  'createdAt',
  'lastActivityAt',
] as const;
export const ExportColumn = z.enum(EXPORT_COLUMNS);
export type ExportColumn = z.infer<typeof ExportColumn>;

/** The list's filters as they travel in a query string (`status: 'new,mql'`), as `listLeads` reads them. */
export type LeadFilterQuery = Record<keyof typeof LeadFilter.shape, string>;

export const ExportQuery = z.strictObject({
  ...LeadFilter.shape,
  format: z.enum(['csv', 'xlsx']).default('csv'),
  /** Comma-separated column keys; all columns when omitted. */
  columns: z
    .string()
    .max(1000)
    .transform((s) =>
      s
        .split(',')
        .map((p) => p.trim())
        .filter(Boolean),
    )
    .pipe(z.array(ExportColumn).min(1).max(EXPORT_COLUMNS.length))
    .optional(),
});

/** Streams a file: CSV (UTF-8 with BOM) or XLSX; cells that could run as formulas are neutralised. */
export const exportLeads = defineRoute({
  method: 'GET',
  path: '/api/v1/leads/export',
  summary: 'Export the leads you may see that match the list filters, as CSV or XLSX (audited)',
  tags: ['lead-import'],
  access: 'session',
  permission: 'leads.export',
  scope: 'read',
  query: ExportQuery,
  response: { 200: z.string() },
});
