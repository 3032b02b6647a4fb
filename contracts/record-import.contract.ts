import { z } from 'zod';
import { defineRoute, IdParams, PageQuery, pageOf, Uuid } from './common';
import { ContactFilter, CustomerFilter } from './customers.contract';
import { ImportFormat, LeadImport, LeadImportSummary } from './lead-import.contract';

/**
 * Customer and contact import from CSV/XLSX and export to CSV/XLSX, on the lead import's machinery (upload →
 * column mapping → preview → background job → report of skipped rows). A column fills one of the object's
 * own fields or one of the company's custom fields (`custom.<key>`). Upload, report and export move files,
 * not JSON: the web client builds their URLs from `path`.
 */

export const RECORD_IMPORT_OBJECTS = ['customer', 'contact'] as const;
export const RecordImportObject = z.enum(RECORD_IMPORT_OBJECTS);
export type RecordImportObject = z.infer<typeof RecordImportObject>;

/** Customer fields a column can fill; `owner` is matched to a user by e-mail or name. */
export const CUSTOMER_IMPORT_FIELDS = [
  'name',
  'legalName',
  'industry',
  'companySize',
  'region',
  'address',
  'phone',
  'website',
  'creditCode',
  'taxId',
  'tags',
  'owner',
  'notes',
] as const;

/**
 * Contact fields a column can fill; `customer` is matched to a customer the importer sees by name (display
 * or legal) or credit code; `phones` and `emails` hold further numbers and addresses, separated by commas.
 */
export const CONTACT_IMPORT_FIELDS = [
  'customer',
  'name',
  'title',
  'department',
  'phone',
  'email',
  'phones',
  'emails',
  'wechat',
  'tags',
  'owner',
  'notes',
] as const;

export const IMPORT_FIELDS_OF = {
  customer: CUSTOMER_IMPORT_FIELDS,
  contact: CONTACT_IMPORT_FIELDS,
} as const satisfies Record<RecordImportObject, readonly string[]>;

/** One of the object's own fields, or `custom.<key>` for a custom field of the company. */
export const RecordImportField = z
  .string()
  .regex(/^(?:[a-zA-Z]{1,40}|custom\.[a-z][a-z0-9_]{0,39})$/, 'invalid_import_field');
export type RecordImportField = z.infer<typeof RecordImportField>;

/** Column index (as text, from 0) → the field it fills, or null to leave the column out. */
export const RecordImportMapping = z.record(z.string().regex(/^\d{1,4}$/), RecordImportField.nullable());
export type RecordImportMapping = z.infer<typeof RecordImportMapping>;

/** Applied to every row without an owner cell. Empty: the importer (customers) or the customer's owner (contacts). */
export const RecordImportDefaults = z.strictObject({
  ownerId: Uuid.nullable().default(null),
});
export type RecordImportDefaults = z.infer<typeof RecordImportDefaults>;

/** Why a row was skipped. */
export const RECORD_IMPORT_ISSUE_REASONS = [
  'missing_name',
  'missing_customer',
  'unknown_customer',
  'ambiguous_customer',
  'bad_phone',
  'bad_email',
  'bad_company_size',
  'bad_credit_code',
  'unknown_owner',
  'owner_not_permitted',
  'bad_custom_value',
  'duplicate',
  'too_long',
] as const;
export const RecordImportIssueReason = z.enum(RECORD_IMPORT_ISSUE_REASONS);
export type RecordImportIssueReason = z.infer<typeof RecordImportIssueReason>;

export const RecordImportSummary = LeadImportSummary.extend({ object: RecordImportObject });
export type RecordImportSummary = z.infer<typeof RecordImportSummary>;

export const RecordImport = LeadImport.omit({ suggestedMapping: true, mapping: true, defaults: true }).extend(
  {
    object: RecordImportObject,
    /** Fields a column can fill: the object's own, then the company's active custom fields with their labels. */
    fields: z.array(
      z.object({
        field: RecordImportField,
        labelZh: z.string().nullable(),
        labelEn: z.string().nullable(),
        required: z.boolean(),
      }),
    ),
    /** What the mapping step starts from: saved mappings of this company win over header synonyms. */
    suggestedMapping: z.record(
      z.string(),
      z.object({ field: RecordImportField, origin: z.enum(['saved', 'synonym']) }),
    ),
    mapping: RecordImportMapping,
    defaults: RecordImportDefaults.nullable(),
  },
);
export type RecordImport = z.infer<typeof RecordImport>;

export const RecordImportIssue = z.object({
  rowNumber: z.number().int(),
  reason: RecordImportIssueReason,
  /** The value or record concerned (a bad phone, the customer it duplicates…), in the file's words. */
  detail: z.string(),
  values: z.array(z.string()),
});
export type RecordImportIssue = z.infer<typeof RecordImportIssue>;

const TAG = 'record-import';

function importRoutes<const O extends RecordImportObject, const B extends string>(object: O, base: B) {
  const noun = object === 'customer' ? 'customers' : 'contacts';
  return {
    /** multipart/form-data with one `file` part (.csv or .xlsx). */
    upload: defineRoute({
      method: 'POST',
      path: `${base}/import`,
      summary: `Upload a CSV or XLSX file of ${noun}: returns its columns, suggested mapping and first rows`,
      tags: [TAG],
      access: 'session',
      scope: 'write',
      response: { 201: RecordImport },
    }),
    list: defineRoute({
      method: 'GET',
      path: `${base}/import`,
      summary: `Recent ${object} imports, newest first (your own; all of the company for directors and admins)`,
      tags: [TAG],
      access: 'session',
      scope: 'read',
      query: PageQuery,
      response: { 200: pageOf(RecordImportSummary).extend({ maxFileBytes: z.number().int() }) },
    }),
    get: defineRoute({
      method: 'GET',
      path: `${base}/import/:id`,
      summary: `One ${object} import: status, progress, counts, columns, suggested mapping and preview rows`,
      tags: [TAG],
      access: 'session',
      scope: 'read',
      params: IdParams,
      response: { 200: RecordImport },
    }),
    start: defineRoute({
      method: 'POST',
      path: `${base}/import/:id/start`,
      summary: `Start an uploaded ${object} import with a column mapping; it runs as a background job`,
      tags: [TAG],
      access: 'session',
      scope: 'write',
      params: IdParams,
      body: z.strictObject({
        mapping: RecordImportMapping,
        defaults: RecordImportDefaults.default(RecordImportDefaults.parse({})),
      }),
      response: { 202: RecordImport },
    }),
    cancel: defineRoute({
      method: 'POST',
      path: `${base}/import/:id/cancel`,
      summary: `Cancel a ${object} import that has not finished; records imported so far stay`,
      tags: [TAG],
      access: 'session',
      scope: 'write',
      params: IdParams,
      response: { 200: RecordImport },
    }),
    issues: defineRoute({
      method: 'GET',
      path: `${base}/import/:id/issues`,
      summary: `Rows a ${object} import skipped, in file order, with the reason`,
      tags: [TAG],
      access: 'session',
      scope: 'read',
      params: IdParams,
      query: PageQuery,
      response: { 200: pageOf(RecordImportIssue) },
    }),
    /** text/csv (UTF-8 with BOM): row number, reason code, reason in the caller's language, original cells. */
    report: defineRoute({
      method: 'GET',
      path: `${base}/import/:id/report.csv`,
      summary: `Download the rows a ${object} import skipped as CSV, with the reason and the original values`,
      tags: [TAG],
      access: 'session',
      scope: 'read',
      params: IdParams,
      response: { 200: z.string() },
    }),
  };
}

export const customerImportRoutes = importRoutes('customer', '/api/v1/customers');
export const contactImportRoutes = importRoutes('contact', '/api/v1/contacts');
export const recordImportRoutes = {
  customer: customerImportRoutes,
  contact: contactImportRoutes,
} as const;

const format = z.enum(ImportFormat.options).default('csv');

/** The customer list's filters (segment and custom filters included) and a file format. */
export const CustomerExportQuery = CustomerFilter.extend({ format });
/** The contact list's filters and a file format. */
export const ContactExportQuery = ContactFilter.extend({ format });

/** Streams a file: CSV (UTF-8 with BOM) or XLSX; custom fields are columns; formula cells are neutralised. */
export const exportCustomers = defineRoute({
  method: 'GET',
  path: '/api/v1/customers/export',
  summary: 'Export the customers you may see that match the list filters, as CSV or XLSX (audited)',
  tags: [TAG],
  access: 'session',
  scope: 'read',
  query: CustomerExportQuery,
  response: { 200: z.string() },
});

export const exportContacts = defineRoute({
  method: 'GET',
  path: '/api/v1/contacts/export',
  summary: 'Export the contacts you may see that match the list filters, as CSV or XLSX (audited)',
  tags: [TAG],
  access: 'session',
  scope: 'read',
  query: ContactExportQuery,
  response: { 200: z.string() },
});
