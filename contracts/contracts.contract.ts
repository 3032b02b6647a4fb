import { z } from 'zod';
import { Currency, defineRoute, IdParams, IsoDateTime, Locale, pageOf, Uuid } from './common';

/**
 * Contracts (合同, DOMAIN.md §5): drafted from the deal's agreed minutes and accepted quote with a clause
 * template, numbered gap-free, reviewed by legal as numbered versions, signed online by the customer through a
 * single-use link and counter-signed by the company (final PDF with a certificate page), tracked in the
 * progress table, and handed over to delivery on signing. Money is integer minor units of the contract's
 * currency.
 */

export const CONTRACT_STATUSES = [
  'draft',
  'in_review',
  'approved',
  'sent',
  'signed',
  'active',
  'completed',
  'terminated',
  'expired',
] as const;
export const ContractStatus = z.enum(CONTRACT_STATUSES);
export type ContractStatus = z.infer<typeof ContractStatus>;

export const VERSION_SOURCES = ['draft', 'legal', 'customer'] as const;
export const VersionSource = z.enum(VERSION_SOURCES);

export const DELIVERY_STATUSES = [
  'not_started',
  'planned',
  'in_progress',
  'accepted',
  'delayed',
  'cancelled',
] as const;
export const DeliveryStatus = z.enum(DELIVERY_STATUSES);

export const IsoDate = z.iso.date();
const MinorAmount = z.number().int().min(0).max(1_000_000_000_000);
const text = (max: number) => z.string().trim().max(max);

/** Most clauses a contract or template holds, and the longest clause body. */
export const MAX_CLAUSES = 60;
export const MAX_CLAUSE_CHARS = 20_000;
/** The drawn signature (PNG data URL) may be at most this long. */
export const MAX_SIGNATURE_CHARS = 300_000;

export const ClauseKey = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_]{0,39}$/, 'invalid_clause_key');

export const Clause = z.object({ key: ClauseKey, title: text(200).min(1), body: text(MAX_CLAUSE_CHARS) });
export type Clause = z.infer<typeof Clause>;

/** Clauses with unique keys (a diff pairs clauses by key). */
export const Clauses = z
  .array(Clause)
  .min(1)
  .max(MAX_CLAUSES)
  .refine((list) => new Set(list.map((c) => c.key)).size === list.length, {
    message: 'duplicate_clause_key',
  });

// ---- settings ----

export const ContractSettingsShape = z.object({
  numberPattern: z.string().min(1).max(60).default('HT-{YYYY}-{0000}'),
  /** Who a handover goes to when the owner does not choose (a delivery user). */
  defaultDeliveryUserId: Uuid.nullable().default(null),
  /** Days a signing link stays valid when the sender does not say. */
  signingDays: z.number().int().min(1).max(90).default(14),
});
export type ContractSettingsShape = z.infer<typeof ContractSettingsShape>;
export const ContractSettings = ContractSettingsShape.extend({ version: z.number().int() });
export type ContractSettings = z.infer<typeof ContractSettings>;
export const ContractSettingsInput = z.strictObject({
  version: z.number().int().min(0),
  numberPattern: z.string().trim().min(1).max(60),
  defaultDeliveryUserId: Uuid.nullable(),
  signingDays: z.number().int().min(1).max(90),
});

// ---- templates ----

export const ContractTemplate = z.object({
  id: Uuid,
  name: z.string(),
  locale: Locale,
  customProject: z.boolean(),
  clauses: z.array(Clause),
  active: z.boolean(),
  version: z.number().int(),
});
export type ContractTemplate = z.infer<typeof ContractTemplate>;

export const CreateTemplateInput = z.strictObject({
  name: text(120).min(1),
  locale: Locale,
  customProject: z.boolean().default(false),
  clauses: Clauses,
});
export const PatchTemplateInput = z.strictObject({
  version: z.number().int().min(1),
  name: text(120).min(1).optional(),
  locale: Locale.optional(),
  customProject: z.boolean().optional(),
  clauses: Clauses.optional(),
  active: z.boolean().optional(),
});

// ---- contracts ----

export const ContractSummary = z.object({
  id: Uuid,
  number: z.string(),
  title: z.string(),
  dealId: Uuid,
  customerId: Uuid,
  customerName: z.string(),
  ownerId: Uuid.nullable(),
  ownerName: z.string().nullable(),
  currency: z.string(),
  amountMinor: z.number().int(),
  status: ContractStatus,
  signedOn: IsoDate.nullable(),
  startsOn: IsoDate.nullable(),
  endsOn: IsoDate.nullable(),
  deliveryDueOn: IsoDate.nullable(),
  deliveryStatus: z.string(),
  createdAt: IsoDateTime,
});
export type ContractSummary = z.infer<typeof ContractSummary>;

export const ContractReview = z.object({
  id: Uuid,
  versionNo: z.number().int(),
  authorId: Uuid,
  authorName: z.string(),
  kind: z.enum(['comment', 'approve', 'return']),
  clauseKey: z.string().nullable(),
  body: z.string(),
  createdAt: IsoDateTime,
});

export const SigningRequestView = z.object({
  id: Uuid,
  versionNo: z.number().int(),
  signerName: z.string(),
  signerEmail: z.string(),
  requireCode: z.boolean(),
  status: z.enum(['pending', 'signed', 'declined', 'expired', 'revoked']),
  expiresAt: IsoDateTime,
  usedAt: IsoDateTime.nullable(),
  declineReason: z.string().nullable(),
  createdAt: IsoDateTime,
});

export const SignatureView = z.object({
  id: Uuid,
  versionNo: z.number().int(),
  side: z.enum(['customer', 'company']),
  signerName: z.string(),
  signerEmail: z.string().nullable(),
  documentSha256: z.string(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  signedAt: IsoDateTime,
});

export const Contract = ContractSummary.extend({
  locale: Locale,
  quoteId: Uuid.nullable(),
  minutesId: Uuid.nullable(),
  templateId: Uuid.nullable(),
  contactId: Uuid.nullable(),
  currentVersionNo: z.number().int(),
  approvedVersionNo: z.number().int().nullable(),
  signedVersionNo: z.number().int().nullable(),
  terminatedReason: z.string().nullable(),
  signedSha256: z.string().nullable(),
  hasFinalPdf: z.boolean(),
  clauses: z.array(Clause),
  reviews: z.array(ContractReview),
  signingRequests: z.array(SigningRequestView),
  signatures: z.array(SignatureView),
  /** What the caller may do now (the screen shows only these actions). */
  can: z.object({
    edit: z.boolean(),
    review: z.boolean(),
    send: z.boolean(),
    countersign: z.boolean(),
    /** Change the term and delivery dates (until closed); the title only while a draft (`edit`). */
    editTerm: z.boolean(),
    /** Mark an active, counter-signed contract completed. */
    complete: z.boolean(),
    /** End a signed or active, counter-signed contract early, with a reason. */
    terminate: z.boolean(),
    /** Record that it was signed on paper instead (contracts.sign; approved or sent, not yet signed). */
    paperSign: z.boolean(),
  }),
  version: z.number().int(),
});
export type Contract = z.infer<typeof Contract>;

export const ContractFilter = z.strictObject({
  status: ContractStatus.optional(),
  customerId: Uuid.optional(),
  ownerId: Uuid.optional(),
  signedFrom: IsoDate.optional(),
  signedTo: IsoDate.optional(),
  endingBefore: IsoDate.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});
export type ContractFilter = z.input<typeof ContractFilter>;

export const CreateContractInput = z.strictObject({
  dealId: Uuid,
  /** An accepted quote of the deal: amount, currency and lines come from it. */
  quoteId: Uuid.nullable().default(null),
  /** The deal's agreed negotiation minutes: delivery time, payment terms, and the price when there is no quote. */
  minutesId: Uuid.nullable().default(null),
  templateId: Uuid.nullable().default(null),
  title: text(200).min(1).optional(),
  /** The amount when neither a quote nor the minutes give one. */
  amountMinor: MinorAmount.optional(),
  currency: Currency.optional(),
});
export type CreateContractInput = z.input<typeof CreateContractInput>;

export const PatchContractInput = z.strictObject({
  version: z.number().int().min(1),
  title: text(200).min(1).optional(),
  startsOn: IsoDate.nullable().optional(),
  endsOn: IsoDate.nullable().optional(),
  deliveryDueOn: IsoDate.nullable().optional(),
});

export const ClausesInput = z.strictObject({ clauses: Clauses, note: text(1000).default('') });

export const ContractVersionSummary = z.object({
  versionNo: z.number().int(),
  source: VersionSource,
  note: z.string(),
  createdBy: Uuid.nullable(),
  createdAt: IsoDateTime,
  pdfSha256: z.string().nullable(),
  approved: z.boolean(),
  signed: z.boolean(),
});
export const ContractVersion = ContractVersionSummary.extend({ clauses: z.array(Clause) });

export const DiffPart = z.object({ op: z.enum(['same', 'added', 'removed']), text: z.string() });
export const ClauseDiff = z.object({
  key: z.string(),
  change: z.enum(['added', 'removed', 'changed']),
  titleFrom: z.string().nullable(),
  titleTo: z.string().nullable(),
  /** word-level for prose (CJK by character), line-level for very long clauses */
  granularity: z.enum(['word', 'line']),
  parts: z.array(DiffPart),
});
export const ContractDiff = z.object({
  from: z.number().int(),
  to: z.number().int(),
  clauses: z.array(ClauseDiff),
});
export type ContractDiff = z.infer<typeof ContractDiff>;
export const DiffQuery = z.strictObject({
  from: z.coerce.number().int().min(1),
  to: z.coerce.number().int().min(1),
});

export const ReviewInput = z.strictObject({
  kind: z.enum(['comment', 'approve', 'return']),
  body: text(5000).default(''),
  clauseKey: ClauseKey.nullable().default(null),
  /** The version the reviewer read; approving another one is refused. */
  versionNo: z.number().int().min(1),
});

export const SendForSignatureInput = z.strictObject({
  signerName: text(120).min(1),
  signerEmail: z.email().max(200),
  requireCode: z.boolean().default(false),
  expiresInDays: z.number().int().min(1).max(90).optional(),
});
export const SigningLink = z.object({ token: z.string(), url: z.string() });
export const SendForSignatureResult = z.object({ contract: Contract, link: SigningLink });

export const ReasonInput = z.strictObject({ reason: text(1000).min(1) });
export const VersionInput = z.strictObject({ version: z.number().int().min(1) });

export const VerifyQuery = z.strictObject({
  sha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
});
export const VerifyResult = z.object({
  match: z.boolean(),
  contractId: Uuid.nullable(),
  number: z.string().nullable(),
  status: ContractStatus.nullable(),
  versionNo: z.number().int().nullable(),
  /** signed = the document the customer signed; final = the counter-signed PDF with its certificate page. */
  document: z.enum(['signed', 'final']).nullable(),
  signedAt: IsoDateTime.nullable(),
});

// ---- handover ----

export const HANDOVER_ITEMS = ['requirements', 'contract_terms', 'implementation_plan', 'contacts'] as const;
export const HandoverItem = z.object({
  key: z.string(),
  done: z.boolean(),
  doneBy: Uuid.nullable(),
  doneAt: IsoDateTime.nullable(),
  note: z.string(),
});
export const Handover = z.object({
  id: Uuid.nullable(),
  contractId: Uuid,
  /** Chosen before signing (kept on the contract's settings until the handover opens) or the handover's owner. */
  deliveryOwnerId: Uuid.nullable(),
  deliveryOwnerName: z.string().nullable(),
  status: z.enum(['pending', 'open', 'done']),
  items: z.array(HandoverItem),
  kickoffActivityId: Uuid.nullable(),
  delivery: z.object({ id: Uuid, status: z.string(), dueOn: IsoDate.nullable() }).nullable(),
  completedAt: IsoDateTime.nullable(),
  version: z.number().int(),
});
export type Handover = z.infer<typeof Handover>;
export const AssignHandoverInput = z.strictObject({ deliveryOwnerId: Uuid });
export const PatchHandoverInput = z.strictObject({
  version: z.number().int().min(1),
  items: z
    .array(z.strictObject({ key: z.string().max(40), done: z.boolean(), note: text(1000).default('') }))
    .max(20)
    .default([]),
  complete: z.boolean().default(false),
});

// ---- routes ----

const tags = ['contracts'];
const ContractParams = IdParams;

export const listContracts = defineRoute({
  method: 'GET',
  path: '/api/v1/contracts',
  summary: 'The contract and delivery progress table: contracts the caller may see, newest first',
  tags,
  access: 'session',
  scope: 'read',
  query: ContractFilter,
  response: { 200: pageOf(ContractSummary) },
});
export const createContract = defineRoute({
  method: 'POST',
  path: '/api/v1/contracts',
  summary: 'Draft a contract from a deal (its accepted quote and agreed minutes) with a clause template',
  tags,
  access: 'session',
  scope: 'write',
  body: CreateContractInput,
  response: { 201: Contract },
});
export const getContract = defineRoute({
  method: 'GET',
  path: '/api/v1/contracts/:id',
  summary: 'A contract with its current clauses, review, signing requests and signatures',
  tags,
  access: 'session',
  scope: 'read',
  params: ContractParams,
  response: { 200: Contract },
});
export const patchContract = defineRoute({
  method: 'PATCH',
  path: '/api/v1/contracts/:id',
  summary: 'Change the title and dates (term, delivery due) of a contract',
  tags,
  access: 'session',
  scope: 'write',
  params: ContractParams,
  body: PatchContractInput,
  response: { 200: Contract },
});
export const putClauses = defineRoute({
  method: 'PUT',
  path: '/api/v1/contracts/:id/clauses',
  summary: 'Save the clauses as the next version (the owner while draft, legal while in review)',
  tags,
  access: 'session',
  scope: 'write',
  params: ContractParams,
  body: ClausesInput,
  response: { 200: Contract },
});
export const customerRevision = defineRoute({
  method: 'POST',
  path: '/api/v1/contracts/:id/customer-revision',
  summary: "Record the customer's changes as the next version",
  tags,
  access: 'session',
  scope: 'write',
  params: ContractParams,
  body: ClausesInput,
  response: { 200: Contract },
});
export const listVersions = defineRoute({
  method: 'GET',
  path: '/api/v1/contracts/:id/versions',
  summary: 'The versions of a contract, oldest first, with their clauses',
  tags,
  access: 'session',
  scope: 'read',
  params: ContractParams,
  response: { 200: z.object({ items: z.array(ContractVersion) }) },
});
export const diffVersions = defineRoute({
  method: 'GET',
  path: '/api/v1/contracts/:id/diff',
  summary: 'What changed between two versions, clause by clause',
  tags,
  access: 'session',
  scope: 'read',
  params: ContractParams,
  query: DiffQuery,
  response: { 200: ContractDiff },
});
export const submitContract = defineRoute({
  method: 'POST',
  path: '/api/v1/contracts/:id/submit',
  summary: 'Submit the draft for legal review',
  tags,
  access: 'session',
  scope: 'write',
  params: ContractParams,
  body: VersionInput,
  response: { 200: Contract },
});
export const reviewContract = defineRoute({
  method: 'POST',
  path: '/api/v1/contracts/:id/review',
  summary: 'Legal review: comment (optionally on a clause), return to the owner, or approve the version',
  tags,
  access: 'session',
  permission: 'contracts.review',
  scope: 'write',
  params: ContractParams,
  body: ReviewInput,
  response: { 200: Contract },
});
export const sendForSignature = defineRoute({
  method: 'POST',
  path: '/api/v1/contracts/:id/send-for-signature',
  summary: 'Send the approved version to the customer signer: PDF, single-use link, optional mailed code',
  tags,
  access: 'session',
  scope: 'write',
  params: ContractParams,
  body: SendForSignatureInput,
  response: { 200: SendForSignatureResult },
});
export const countersign = defineRoute({
  method: 'POST',
  path: '/api/v1/contracts/:id/countersign',
  summary: 'Counter-sign for the company: final PDF with a certificate page, handover to delivery',
  tags,
  access: 'session',
  permission: 'contracts.sign',
  scope: 'write',
  params: ContractParams,
  body: VersionInput,
  response: { 200: Contract },
});
/** The fields of a paper signing; the scan itself is the multipart body's one file (PDF, PNG or JPEG, ≤ 20 MB). */
export const PaperSigningQuery = z.strictObject({
  version: z.coerce.number().int(),
  signerName: z.string().trim().min(1).max(200),
  signedOn: IsoDate,
});
export const recordPaperSigning = defineRoute({
  method: 'POST',
  path: '/api/v1/contracts/:id/paper-signing',
  summary: 'Record a contract signed on paper: the scanned signed copy becomes the final document',
  tags,
  access: 'session',
  permission: 'contracts.sign',
  scope: 'write',
  params: ContractParams,
  query: PaperSigningQuery,
  response: { 200: Contract },
});
export const terminateContract = defineRoute({
  method: 'POST',
  path: '/api/v1/contracts/:id/terminate',
  summary: 'Terminate a signed or active contract with a reason',
  tags,
  access: 'session',
  scope: 'write',
  params: ContractParams,
  body: ReasonInput,
  response: { 200: Contract },
});
export const completeContract = defineRoute({
  method: 'POST',
  path: '/api/v1/contracts/:id/complete',
  summary: 'Mark an active contract completed',
  tags,
  access: 'session',
  scope: 'write',
  params: ContractParams,
  body: VersionInput,
  response: { 200: Contract },
});
export const verifyContract = defineRoute({
  method: 'POST',
  path: '/api/v1/contracts/verify',
  summary: 'Which contract a PDF (uploaded, or its sha256) is: the signed document or the final PDF',
  tags,
  access: 'session',
  scope: 'read',
  query: VerifyQuery,
  response: { 200: VerifyResult },
});
export const getHandover = defineRoute({
  method: 'GET',
  path: '/api/v1/contracts/:id/handover',
  summary: 'The handover to delivery: owner, checklist, kickoff task and delivery record',
  tags,
  access: 'session',
  scope: 'read',
  params: ContractParams,
  response: { 200: Handover },
});
export const assignHandover = defineRoute({
  method: 'PUT',
  path: '/api/v1/contracts/:id/handover',
  summary: 'Choose the delivery owner (before signing, or reassign an open handover)',
  tags,
  access: 'session',
  scope: 'write',
  params: ContractParams,
  body: AssignHandoverInput,
  response: { 200: Handover },
});
export const patchHandover = defineRoute({
  method: 'PATCH',
  path: '/api/v1/contracts/:id/handover',
  summary: 'Tick checklist items, or complete the handover',
  tags,
  access: 'session',
  scope: 'write',
  params: ContractParams,
  body: PatchHandoverInput,
  response: { 200: Handover },
});
export const listTemplates = defineRoute({
  method: 'GET',
  path: '/api/v1/contract-templates',
  summary: "The company's clause templates (the two built-in ones are created on first use)",
  tags,
  access: 'session',
  scope: 'read',
  response: { 200: z.object({ items: z.array(ContractTemplate) }) },
});
export const createTemplate = defineRoute({
  method: 'POST',
  path: '/api/v1/contract-templates',
  summary: 'Create a clause template',
  tags,
  access: 'session',
  permission: 'contracts.configure',
  scope: 'write',
  body: CreateTemplateInput,
  response: { 201: ContractTemplate },
});
export const patchTemplate = defineRoute({
  method: 'PATCH',
  path: '/api/v1/contract-templates/:id',
  summary: 'Change a clause template (or switch it off)',
  tags,
  access: 'session',
  permission: 'contracts.configure',
  scope: 'write',
  params: IdParams,
  body: PatchTemplateInput,
  response: { 200: ContractTemplate },
});
export const getContractSettings = defineRoute({
  method: 'GET',
  path: '/api/v1/contract-settings',
  summary: "The company's contract rules",
  tags,
  access: 'session',
  scope: 'read',
  response: { 200: ContractSettings },
});
export const putContractSettings = defineRoute({
  method: 'PUT',
  path: '/api/v1/contract-settings',
  summary: "Change the company's contract rules",
  tags,
  access: 'session',
  permission: 'contracts.configure',
  scope: 'write',
  body: ContractSettingsInput,
  response: { 200: ContractSettings },
});
