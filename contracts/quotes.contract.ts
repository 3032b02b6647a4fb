import { z } from 'zod';
import { APPROVAL_REASONS, ApproverLevel } from './approvals.contract';
import { Currency, defineRoute, IdParams, IsoDateTime, Locale, pageOf, Uuid } from './common';
import { isQuantity, normalizeQuantity } from './money';

/**
 * Quotes (报价单, DOMAIN.md §5): built from a deal (optionally from its approved proposal), priced from the
 * catalogue, totalled with quote-math, approved when the discount or margin is beyond the sender's authority,
 * sent as a frozen version with its PDF and a customer link, viewed / accepted / declined online, expired by
 * a daily job. Money is integer minor units of the quote's currency; quantities decimal strings; rates bp.
 */

export const QUOTE_STATUSES = [
  'draft',
  'pending_approval',
  'approved',
  'sent',
  'accepted',
  'declined',
  'expired',
  'withdrawn',
] as const;
export const QuoteStatus = z.enum(QUOTE_STATUSES);
export type QuoteStatus = z.infer<typeof QuoteStatus>;

export const QUOTE_TEMPLATES = ['standard', 'detailed'] as const;
export const QuoteTemplate = z.enum(QUOTE_TEMPLATES);

/** Most lines one quote holds. */
export const MAX_QUOTE_LINES = 500;
export const QUOTE_VALIDITY_DEFAULT_DAYS = 30;

const IsoDate = z.iso.date();
const MinorAmount = z.number().int().min(0).max(1_000_000_000_000);
const Bp = z.number().int().min(0).max(10_000);
const text = (max: number) => z.string().trim().max(max);

/** A quantity with at most three decimals, in canonical form ("2.500" → "2.5"), above zero. */
export const Quantity = z
  .string()
  .trim()
  .refine(isQuantity, 'invalid_quantity')
  .transform(normalizeQuantity)
  .refine((q) => q !== '0', 'invalid_quantity');

// ---- settings ----

export const CompanyDetails = z.object({
  nameZh: text(200).default(''),
  nameEn: text(200).default(''),
  address: text(500).default(''),
  phone: text(50).default(''),
  email: text(200).default(''),
  taxId: text(50).default(''),
  bank: text(300).default(''),
});

/** Stored as one jsonb per company: anything missing takes its default. */
export const QuoteSettingsShape = z.object({
  numberPattern: z.string().max(60).default('QT-{YYYY}-{0000}'),
  validityDays: z.number().int().min(1).max(365).default(QUOTE_VALIDITY_DEFAULT_DAYS),
  company: CompanyDetails.default(CompanyDetails.parse({})),
  termsZh: text(5000).default(''),
  termsEn: text(5000).default(''),
  paymentTerms: text(1000).default(''),
});
export type QuoteSettingsShape = z.output<typeof QuoteSettingsShape>;

export const QuoteSettings = QuoteSettingsShape.extend({
  logoFileId: Uuid.nullable(),
  version: z.number().int(),
});
export type QuoteSettings = z.infer<typeof QuoteSettings>;

export const QuoteSettingsInput = z.strictObject({
  version: z.number().int().min(0),
  numberPattern: z.string().trim().max(60),
  validityDays: z.number().int().min(1).max(365),
  company: z.strictObject({
    nameZh: text(200),
    nameEn: text(200),
    address: text(500),
    phone: text(50),
    email: text(200),
    taxId: text(50),
    bank: text(300),
  }),
  termsZh: text(5000),
  termsEn: text(5000),
  paymentTerms: text(1000),
  logoFileId: Uuid.nullable(),
});
export type QuoteSettingsInput = z.input<typeof QuoteSettingsInput>;

// ---- lines ----

/** Where a line's unit price came from: the catalogue (list or price book) or typed by the user. */
export const PriceSource = z.object({
  kind: z.enum(['list', 'price_book', 'manual']),
  priceBookId: Uuid.nullable(),
  priceBookName: z.string().nullable(),
  minQuantity: z.string().nullable(),
  /** The catalogue's price when the user overrode it. */
  catalogPriceMinor: z.number().int().nullable(),
  /** The list price was in another currency and converted with the day's rate. */
  convertedFrom: z.object({ currency: z.string(), amountMinor: z.number().int() }).nullable().default(null),
});
export type PriceSource = z.infer<typeof PriceSource>;

export const QuoteLineInput = z.strictObject({
  /** A catalogue product: name, unit, tax and price start from it unless given here. */
  productId: Uuid.nullable().default(null),
  name: text(300).optional(),
  description: text(2000).default(''),
  unit: text(30).optional(),
  quantity: Quantity,
  /** Omit (or null) to take the catalogue's price for the customer, quantity and day. */
  unitPriceMinor: MinorAmount.nullable().default(null),
  discountBp: Bp.default(0),
  taxRateBp: Bp.optional(),
  unitCostMinor: MinorAmount.nullable().optional(),
});
export type QuoteLineInput = z.input<typeof QuoteLineInput>;

export const QuoteLine = z.object({
  id: Uuid,
  position: z.number().int(),
  productId: Uuid.nullable(),
  code: z.string().nullable(),
  name: z.string(),
  description: z.string(),
  category: z.string().nullable(),
  unit: z.string(),
  quantity: z.string(),
  listPriceMinor: z.number().int().nullable(),
  priceSource: PriceSource.nullable(),
  unitPriceMinor: z.number().int(),
  discountBp: z.number().int(),
  taxRateBp: z.number().int(),
  unitCostMinor: z.number().int().nullable(),
  netMinor: z.number().int(),
  taxMinor: z.number().int(),
  totalMinor: z.number().int(),
});
export type QuoteLine = z.infer<typeof QuoteLine>;

export const QuoteTotals = z.object({
  listMinor: z.number().int(),
  netMinor: z.number().int(),
  taxMinor: z.number().int(),
  totalMinor: z.number().int(),
  costMinor: z.number().int().nullable(),
  marginMinor: z.number().int().nullable(),
  marginBp: z.number().int().nullable(),
  maxDiscountBp: z.number().int(),
});
export type QuoteTotals = z.infer<typeof QuoteTotals>;

// ---- the quote ----

export const APPROVAL_STATES = ['none', 'pending', 'approved', 'returned'] as const;

export const QuoteSummary = z.object({
  id: Uuid,
  number: z.string(),
  title: z.string(),
  dealId: Uuid,
  dealName: z.string(),
  customerId: Uuid,
  customerName: z.string(),
  status: QuoteStatus,
  currency: z.string(),
  totalMinor: z.number().int(),
  maxDiscountBp: z.number().int(),
  currentVersionNo: z.number().int(),
  validUntil: IsoDate.nullable(),
  ownerId: Uuid.nullable(),
  ownerName: z.string().nullable(),
  viewCount: z.number().int(),
  sentAt: IsoDateTime.nullable(),
  createdAt: IsoDateTime,
});
export type QuoteSummary = z.infer<typeof QuoteSummary>;

export const Quote = QuoteSummary.extend({
  contactId: Uuid.nullable(),
  contactName: z.string().nullable(),
  proposalId: Uuid.nullable(),
  locale: Locale,
  discountBp: z.number().int(),
  paymentTerms: z.string(),
  notes: z.string(),
  template: z.string(),
  lines: z.array(QuoteLine),
  totals: QuoteTotals,
  /** Whether the sender's authority covers the discount and margin, and the approval of this version. */
  approval: z.object({
    required: z.boolean(),
    levels: z.array(ApproverLevel),
    reasons: z.array(z.enum(APPROVAL_REASONS)),
    state: z.enum(APPROVAL_STATES),
  }),
  firstViewedAt: IsoDateTime.nullable(),
  lastViewedAt: IsoDateTime.nullable(),
  acceptedAt: IsoDateTime.nullable(),
  acceptedByName: z.string().nullable(),
  declinedAt: IsoDateTime.nullable(),
  declineReason: z.string().nullable(),
  version: z.number().int(),
  updatedAt: IsoDateTime,
});
export type Quote = z.infer<typeof Quote>;

export const CreateQuoteInput = z.strictObject({
  dealId: Uuid,
  /** An approved proposal of the deal: its lines become the quote's lines. */
  proposalId: Uuid.nullable().default(null),
  title: text(200).min(1).optional(),
  lines: z.array(QuoteLineInput).max(MAX_QUOTE_LINES).default([]),
});
export type CreateQuoteInput = z.input<typeof CreateQuoteInput>;

export const PatchQuoteInput = z.strictObject({
  version: z.number().int().min(1),
  title: text(200).min(1).optional(),
  contactId: Uuid.nullable().optional(),
  discountBp: Bp.optional(),
  paymentTerms: text(1000).optional(),
  validUntil: IsoDate.nullable().optional(),
  notes: text(5000).optional(),
  template: QuoteTemplate.optional(),
  locale: Locale.optional(),
});
export type PatchQuoteInput = z.input<typeof PatchQuoteInput>;

export const PutLinesInput = z.strictObject({
  version: z.number().int().min(1),
  lines: z.array(QuoteLineInput).max(MAX_QUOTE_LINES),
});
export type PutLinesInput = z.input<typeof PutLinesInput>;

export const VersionBody = z.strictObject({ version: z.number().int().min(1) });

export const QuoteLink = z.object({
  /** Shown once: only its hash is stored. */
  token: z.string(),
  url: z.string(),
});
export type QuoteLink = z.infer<typeof QuoteLink>;

export const QuoteFilter = z.strictObject({
  status: QuoteStatus.optional(),
  dealId: Uuid.optional(),
  customerId: Uuid.optional(),
  ownerId: Uuid.optional(),
  q: z.string().trim().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});

// ---- versions ----

/** A version as sent: the quote's header, lines and totals exactly as the customer received them. */
export const QuoteSnapshot = z.object({
  number: z.string(),
  title: z.string(),
  currency: Currency,
  locale: Locale,
  customerName: z.string(),
  contactName: z.string().nullable(),
  discountBp: z.number().int(),
  paymentTerms: z.string(),
  validUntil: IsoDate.nullable(),
  notes: z.string(),
  template: z.string(),
  lines: z.array(QuoteLine),
  totals: QuoteTotals,
});
export type QuoteSnapshot = z.infer<typeof QuoteSnapshot>;

export const QuoteVersionSummary = z.object({
  versionNo: z.number().int(),
  totalMinor: z.number().int(),
  sentAt: IsoDateTime,
  sentBy: Uuid.nullable(),
  hasPdf: z.boolean(),
});
export const QuoteVersion = QuoteVersionSummary.extend({ snapshot: QuoteSnapshot });
export type QuoteVersion = z.infer<typeof QuoteVersion>;

export const LineChange = z.object({
  field: z.string(),
  from: z.union([z.string(), z.number(), z.null()]),
  to: z.union([z.string(), z.number(), z.null()]),
});
export const QuoteComparison = z.object({
  from: z.number().int(),
  to: z.number().int(),
  added: z.array(QuoteLine),
  removed: z.array(QuoteLine),
  changed: z.array(
    z.object({
      before: QuoteLine,
      after: QuoteLine,
      changes: z.array(LineChange),
      /** after.totalMinor − before.totalMinor */
      deltaMinor: z.number().int(),
    }),
  ),
  /** Header fields that changed (discount, payment terms, validity…). */
  header: z.array(LineChange),
  totalDeltaMinor: z.number().int(),
  netDeltaMinor: z.number().int(),
});
export type QuoteComparison = z.infer<typeof QuoteComparison>;

export const VersionParams = z.strictObject({ id: Uuid, no: z.coerce.number().int().min(1) });
export const CompareQuery = z.strictObject({
  from: z.coerce.number().int().min(1),
  to: z.coerce.number().int().min(1),
});
export const PdfQuery = z.strictObject({ version: z.coerce.number().int().min(1).optional() });

// ---- routes ----

const tags = ['quotes'] as const;

/**
 * A page of quotes, and the whole filtered list summed in the company's currency: each quote's total converted at
 * the rate in force on its date (sent, else created, in the company's time zone); quotes in a currency without a
 * rate that day are left out and their currencies named.
 */
export const QuotePage = pageOf(QuoteSummary).extend({
  totals: z.object({
    currency: z.string(),
    count: z.number().int(),
    totalMinor: z.number().int(),
    missingRates: z.array(z.string()),
  }),
});
export type QuotePage = z.infer<typeof QuotePage>;

export const listQuotes = defineRoute({
  method: 'GET',
  path: '/api/v1/quotes',
  summary: 'Quotes of the deals the caller may see, newest first',
  tags,
  access: 'session',
  scope: 'read',
  query: QuoteFilter,
  response: { 200: QuotePage },
});

export const getQuote = defineRoute({
  method: 'GET',
  path: '/api/v1/quotes/:id',
  summary: 'One quote with its lines, totals and approval state',
  tags,
  access: 'session',
  scope: 'read',
  params: IdParams,
  response: { 200: Quote },
});

export const createQuote = defineRoute({
  method: 'POST',
  path: '/api/v1/quotes',
  summary: 'Create a quote for a deal (from an approved proposal, given lines, or empty)',
  tags,
  access: 'session',
  scope: 'write',
  body: CreateQuoteInput,
  response: { 201: Quote },
});

export const patchQuote = defineRoute({
  method: 'PATCH',
  path: '/api/v1/quotes/:id',
  summary: 'Change the header of a quote (a sent or approved quote opens its next version)',
  tags,
  access: 'session',
  scope: 'write',
  params: IdParams,
  body: PatchQuoteInput,
  response: { 200: Quote },
});

export const putQuoteLines = defineRoute({
  method: 'PUT',
  path: '/api/v1/quotes/:id/lines',
  summary: 'Replace the lines of a quote and recompute its totals',
  tags,
  access: 'session',
  scope: 'write',
  params: IdParams,
  body: PutLinesInput,
  response: { 200: Quote },
});

export const submitQuote = defineRoute({
  method: 'POST',
  path: '/api/v1/quotes/:id/submit',
  summary: 'Ask for approval of the discount or margin of this version',
  tags,
  access: 'session',
  scope: 'write',
  params: IdParams,
  body: z.strictObject({ version: z.number().int().min(1), reason: text(2000).default('') }),
  response: { 200: Quote },
});

export const sendQuote = defineRoute({
  method: 'POST',
  path: '/api/v1/quotes/:id/send',
  summary: 'Freeze this version with its PDF and mail the customer a link (409 approval_required)',
  tags,
  access: 'session',
  scope: 'write',
  params: IdParams,
  body: VersionBody,
  response: { 200: z.object({ quote: Quote, link: QuoteLink }) },
});

export const reviseQuote = defineRoute({
  method: 'POST',
  path: '/api/v1/quotes/:id/revise',
  summary: 'Open the next version of a sent, declined or expired quote as a draft',
  tags,
  access: 'session',
  scope: 'write',
  params: IdParams,
  body: VersionBody,
  response: { 200: Quote },
});

export const withdrawQuote = defineRoute({
  method: 'POST',
  path: '/api/v1/quotes/:id/withdraw',
  summary: 'Withdraw a quote (the customer link stops working)',
  tags,
  access: 'session',
  scope: 'write',
  params: IdParams,
  body: VersionBody,
  response: { 200: Quote },
});

export const listQuoteVersions = defineRoute({
  method: 'GET',
  path: '/api/v1/quotes/:id/versions',
  summary: 'The versions of a quote as sent',
  tags,
  access: 'session',
  scope: 'read',
  params: IdParams,
  response: { 200: z.object({ items: z.array(QuoteVersionSummary) }) },
});

export const getQuoteVersion = defineRoute({
  method: 'GET',
  path: '/api/v1/quotes/:id/versions/:no',
  summary: 'One sent version with its frozen snapshot',
  tags,
  access: 'session',
  scope: 'read',
  params: VersionParams,
  response: { 200: QuoteVersion },
});

export const compareQuoteVersions = defineRoute({
  method: 'GET',
  path: '/api/v1/quotes/:id/compare',
  summary: 'Lines added, removed and changed between two versions (the working draft counts as its number)',
  tags,
  access: 'session',
  scope: 'read',
  params: IdParams,
  query: CompareQuery,
  response: { 200: QuoteComparison },
});

export const getQuoteSettings = defineRoute({
  method: 'GET',
  path: '/api/v1/quote-settings',
  summary: "The company's quote rules: numbering, validity, company details, terms, logo",
  tags,
  access: 'session',
  scope: 'read',
  response: { 200: QuoteSettings },
});

export const putQuoteSettings = defineRoute({
  method: 'PUT',
  path: '/api/v1/quote-settings',
  summary: "Replace the company's quote rules (deals.configure)",
  tags,
  access: 'session',
  scope: 'admin',
  permission: 'deals.configure',
  body: QuoteSettingsInput,
  response: { 200: QuoteSettings },
});

// ---- the customer's side ----

export const PublicQuote = z.object({
  companyName: z.string(),
  quote: QuoteSnapshot,
  versionNo: z.number().int(),
  status: QuoteStatus,
  acceptedByName: z.string().nullable(),
  declineReason: z.string().nullable(),
});
export type PublicQuote = z.infer<typeof PublicQuote>;

export const AcceptQuoteForm = z.object({
  formToken: z.string().min(1).max(200),
  name: z.string().trim().min(1).max(200),
});
export const DeclineQuoteForm = z.object({
  formToken: z.string().min(1).max(200),
  reason: z.string().trim().min(1).max(2000),
});
