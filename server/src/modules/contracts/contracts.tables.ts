import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { instant, tenantId, tenantPolicy, timestamps, version } from '../../platform/db/columns';
import { tenants, users } from '../../platform/db/identity.tables';
import { files } from '../../platform/db/platform.tables';
import { contacts, customers } from '../customers/customers.tables';
import { deals } from '../deals/deals.tables';
import { negotiationMinutes } from '../deals/negotiation.tables';
import { quotes } from '../quotes/quotes.tables';

/**
 * Contracts (合同, DOMAIN.md §5): drafted from the negotiation minutes and the accepted quote with a template,
 * reviewed by legal as numbered versions of clauses (customer-side revisions are versions too), signed online
 * by the customer through a single-use link and counter-signed by the company, then tracked through delivery
 * (the contract and delivery progress table). On signing, a handover to delivery is opened.
 *
 * Status: draft → in_review → approved → sent → signed → active → completed | terminated | expired.
 */

/** One row per company once its contract rules change. jsonb: the contract's ContractSettings. */
export const contractSettings = pgTable(
  'contract_settings',
  {
    tenantId: uuid('tenant_id').notNull().primaryKey(),
    settings: jsonb('settings').$type<Record<string, unknown>>().notNull().default({}),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.tenantId] }).onDelete('cascade'),
    tenantPolicy(t),
  ],
);

/** Clause templates: an ordered list of clauses with placeholders filled from the deal, quote and minutes. */
export const contractTemplates = pgTable(
  'contract_templates',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    locale: text('locale').notNull(),
    /** For custom projects: carries the change-management clause. */
    customProject: boolean('custom_project').notNull().default(false),
    /** [{ key, title, body }] with {{placeholders}}. */
    clauses: jsonb('clauses').$type<unknown[]>().notNull().default([]),
    active: boolean('active').notNull().default(true),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('contract_templates_name_uq').on(t.tenantId, sql`lower(${t.name})`),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.tenantId] }).onDelete('cascade'),
    tenantPolicy(t),
  ],
);

export const contracts = pgTable(
  'contracts',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    /** HT-2026-0001: gap-free per company, from its pattern. */
    number: text('number').notNull(),
    title: text('title').notNull(),
    dealId: uuid('deal_id').notNull(),
    customerId: uuid('customer_id').notNull(),
    /** The customer's signer. */
    contactId: uuid('contact_id'),
    quoteId: uuid('quote_id'),
    minutesId: uuid('minutes_id'),
    templateId: uuid('template_id'),
    locale: text('locale').notNull(),
    currency: text('currency').notNull(),
    amountMinor: bigint('amount_minor', { mode: 'number' }).notNull(),
    status: text('status').notNull().default('draft'),
    /** The latest version (1-based). */
    currentVersionNo: integer('current_version_no').notNull().default(1),
    /** The version legal approved, and the one signed. */
    approvedVersionNo: integer('approved_version_no'),
    signedVersionNo: integer('signed_version_no'),
    signedOn: date('signed_on', { mode: 'string' }),
    startsOn: date('starts_on', { mode: 'string' }),
    endsOn: date('ends_on', { mode: 'string' }),
    /** Delivery plan of the progress table. */
    deliveryDueOn: date('delivery_due_on', { mode: 'string' }),
    deliveryStatus: text('delivery_status').notNull().default('not_started'),
    /** The final PDF (signed document plus certificate page) and its sha256. */
    signedFileId: uuid('signed_file_id'),
    signedSha256: text('signed_sha256'),
    terminatedReason: text('terminated_reason'),
    /** Renewal: when the reminder went out, and the renewal deal it opened. */
    renewalRemindedAt: instant('renewal_reminded_at'),
    renewalDealId: uuid('renewal_deal_id'),
    ownerId: uuid('owner_id'),
    teamId: uuid('team_id'),
    legalReviewerId: uuid('legal_reviewer_id'),
    createdBy: uuid('created_by'),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('contracts_number_uq').on(t.tenantId, t.number),
    index('contracts_deal_idx').on(t.tenantId, t.dealId),
    index('contracts_customer_idx').on(t.tenantId, t.customerId),
    index('contracts_owner_idx').on(t.tenantId, t.ownerId, t.status),
    index('contracts_created_idx').on(t.tenantId, t.createdAt, t.id),
    // Renewals due and expiry walk live contracts by end date.
    index('contracts_ends_idx').on(t.tenantId, t.endsOn).where(sql`${t.status} IN ('signed', 'active')`),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.tenantId] }).onDelete('cascade'),
    foreignKey({ columns: [t.tenantId, t.dealId], foreignColumns: [deals.tenantId, deals.id] }),
    foreignKey({ columns: [t.tenantId, t.customerId], foreignColumns: [customers.tenantId, customers.id] }),
    foreignKey({ columns: [t.tenantId, t.contactId], foreignColumns: [contacts.tenantId, contacts.id] }),
    foreignKey({ columns: [t.tenantId, t.quoteId], foreignColumns: [quotes.tenantId, quotes.id] }),
    foreignKey({
      columns: [t.tenantId, t.minutesId],
      foreignColumns: [negotiationMinutes.tenantId, negotiationMinutes.id],
    }),
    foreignKey({
      columns: [t.tenantId, t.templateId],
      foreignColumns: [contractTemplates.tenantId, contractTemplates.id],
    }),
    foreignKey({ columns: [t.tenantId, t.signedFileId], foreignColumns: [files.tenantId, files.id] }),
    foreignKey({ columns: [t.tenantId, t.ownerId], foreignColumns: [users.tenantId, users.id] }),
    foreignKey({ columns: [t.tenantId, t.legalReviewerId], foreignColumns: [users.tenantId, users.id] }),
    foreignKey({ columns: [t.tenantId, t.renewalDealId], foreignColumns: [deals.tenantId, deals.id] }),
    tenantPolicy(t),
  ],
);

/** A version of the contract's text: its clauses, the PDF rendered from them and that PDF's sha256. */
export const contractVersions = pgTable(
  'contract_versions',
  {
    tenantId: tenantId(),
    contractId: uuid('contract_id').notNull(),
    versionNo: integer('version_no').notNull(),
    /** draft | legal | customer: who produced this version. */
    source: text('source').notNull().default('draft'),
    /** [{ key, title, body }] */
    clauses: jsonb('clauses').$type<unknown[]>().notNull(),
    note: text('note').notNull().default(''),
    pdfFileId: uuid('pdf_file_id'),
    pdfSha256: text('pdf_sha256'),
    createdBy: uuid('created_by'),
    createdAt: instant('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.contractId, t.versionNo] }),
    foreignKey({
      columns: [t.tenantId, t.contractId],
      foreignColumns: [contracts.tenantId, contracts.id],
    }).onDelete('cascade'),
    foreignKey({ columns: [t.tenantId, t.pdfFileId], foreignColumns: [files.tenantId, files.id] }),
    tenantPolicy(t),
  ],
);

/** Legal review: comments (optionally on a clause) and decisions on a version. */
export const contractReviews = pgTable(
  'contract_reviews',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    contractId: uuid('contract_id').notNull(),
    versionNo: integer('version_no').notNull(),
    authorId: uuid('author_id').notNull(),
    /** comment | approve | return */
    kind: text('kind').notNull(),
    clauseKey: text('clause_key'),
    body: text('body').notNull().default(''),
    createdAt: instant('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('contract_reviews_contract_idx').on(t.tenantId, t.contractId, t.createdAt),
    foreignKey({
      columns: [t.tenantId, t.contractId],
      foreignColumns: [contracts.tenantId, contracts.id],
    }).onDelete('cascade'),
    foreignKey({ columns: [t.tenantId, t.authorId], foreignColumns: [users.tenantId, users.id] }),
    tenantPolicy(t),
  ],
);

/** A signing link sent to the customer's signer: single use, expiring, optionally guarded by an e-mailed code. */
export const signingRequests = pgTable(
  'signing_requests',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    contractId: uuid('contract_id').notNull(),
    versionNo: integer('version_no').notNull(),
    /** sha256 of the link's secret. */
    tokenHash: text('token_hash').notNull(),
    signerName: text('signer_name').notNull(),
    signerEmail: text('signer_email').notNull(),
    /** sha256 of the one-time code, when the link asks for one; with its expiry and failed tries. */
    codeHash: text('code_hash'),
    codeExpiresAt: instant('code_expires_at'),
    codeAttempts: integer('code_attempts').notNull().default(0),
    /** pending | signed | declined | expired | revoked */
    status: text('status').notNull().default('pending'),
    expiresAt: instant('expires_at').notNull(),
    usedAt: instant('used_at'),
    declineReason: text('decline_reason'),
    sentBy: uuid('sent_by'),
    createdAt: instant('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('signing_requests_contract_idx').on(t.tenantId, t.contractId),
    foreignKey({
      columns: [t.tenantId, t.contractId],
      foreignColumns: [contracts.tenantId, contracts.id],
    }).onDelete('cascade'),
    tenantPolicy(t),
  ],
);

/** A signature: who, when, from where, on exactly which document (its sha256), and the drawn mark. */
export const contractSignatures = pgTable(
  'contract_signatures',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    contractId: uuid('contract_id').notNull(),
    versionNo: integer('version_no').notNull(),
    /** customer | company */
    side: text('side').notNull(),
    signerName: text('signer_name').notNull(),
    signerEmail: text('signer_email'),
    signerUserId: uuid('signer_user_id'),
    signingRequestId: uuid('signing_request_id'),
    /** The drawn signature, a PNG in the file store. */
    imageFileId: uuid('image_file_id'),
    documentSha256: text('document_sha256').notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
    signedAt: instant('signed_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('contract_signatures_side_uq').on(t.tenantId, t.contractId, t.versionNo, t.side),
    foreignKey({
      columns: [t.tenantId, t.contractId],
      foreignColumns: [contracts.tenantId, contracts.id],
    }).onDelete('cascade'),
    foreignKey({ columns: [t.tenantId, t.imageFileId], foreignColumns: [files.tenantId, files.id] }),
    foreignKey({ columns: [t.tenantId, t.signerUserId], foreignColumns: [users.tenantId, users.id] }),
    tenantPolicy(t),
  ],
);

/**
 * Handover to delivery (内部交底) opened on signing: a checklist assigned to a delivery owner, with a kickoff
 * meeting; and the delivery record the after-sales module extends.
 */
export const handovers = pgTable(
  'handovers',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    contractId: uuid('contract_id').notNull(),
    customerId: uuid('customer_id').notNull(),
    deliveryOwnerId: uuid('delivery_owner_id'),
    /** open | done */
    status: text('status').notNull().default('open'),
    /** [{ key, title, done, doneBy, doneAt, note }] */
    items: jsonb('items').$type<unknown[]>().notNull().default([]),
    kickoffActivityId: uuid('kickoff_activity_id'),
    completedAt: instant('completed_at'),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('handovers_contract_uq').on(t.tenantId, t.contractId),
    index('handovers_owner_idx').on(t.tenantId, t.deliveryOwnerId, t.status),
    foreignKey({
      columns: [t.tenantId, t.contractId],
      foreignColumns: [contracts.tenantId, contracts.id],
    }).onDelete('cascade'),
    foreignKey({ columns: [t.tenantId, t.customerId], foreignColumns: [customers.tenantId, customers.id] }),
    foreignKey({ columns: [t.tenantId, t.deliveryOwnerId], foreignColumns: [users.tenantId, users.id] }),
    tenantPolicy(t),
  ],
);

export const deliveries = pgTable(
  'deliveries',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    contractId: uuid('contract_id').notNull(),
    customerId: uuid('customer_id').notNull(),
    ownerId: uuid('owner_id'),
    /** planned | in_progress | accepted | delayed | cancelled */
    status: text('status').notNull().default('planned'),
    startsOn: date('starts_on', { mode: 'string' }),
    dueOn: date('due_on', { mode: 'string' }),
    acceptedOn: date('accepted_on', { mode: 'string' }),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('deliveries_contract_uq').on(t.tenantId, t.contractId),
    index('deliveries_customer_idx').on(t.tenantId, t.customerId),
    foreignKey({
      columns: [t.tenantId, t.contractId],
      foreignColumns: [contracts.tenantId, contracts.id],
    }).onDelete('cascade'),
    foreignKey({ columns: [t.tenantId, t.customerId], foreignColumns: [customers.tenantId, customers.id] }),
    foreignKey({ columns: [t.tenantId, t.ownerId], foreignColumns: [users.tenantId, users.id] }),
    tenantPolicy(t),
  ],
);
