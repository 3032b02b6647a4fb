import { sql } from 'drizzle-orm';
import {
  bigint,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { instant, tenantId, tenantPolicy, timestamps, version } from '../../platform/db/columns';
import { tenants, users } from '../../platform/db/identity.tables';
import { files } from '../../platform/db/platform.tables';
import { priceBooks, products } from '../catalog/catalog.tables';
import { contacts, customers } from '../customers/customers.tables';
import { deals } from '../deals/deals.tables';
import { proposals } from '../deals/proposals.tables';

/**
 * Quotes (报价单, DOMAIN.md §5). The quote row and its lines are the working copy; every version sent to the
 * customer is frozen in `quote_versions` (the lines, totals and PDF exactly as sent), so a change after sending
 * starts a new version and versions compare side by side. Money is integer minor units of the quote's
 * currency; quantities are exact decimals; discount and tax rates are basis points (1 500 = 15 %).
 */

/** One row per company once its quote rules change. jsonb: the contract's QuoteSettings. */
export const quoteSettings = pgTable(
  'quote_settings',
  {
    tenantId: uuid('tenant_id').notNull().primaryKey(),
    settings: jsonb('settings').$type<Record<string, unknown>>().notNull().default({}),
    /** The company logo shown on quote and contract PDFs. */
    logoFileId: uuid('logo_file_id'),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.tenantId] }).onDelete('cascade'),
    foreignKey({ columns: [t.tenantId, t.logoFileId], foreignColumns: [files.tenantId, files.id] }),
    tenantPolicy(t),
  ],
);

export const quotes = pgTable(
  'quotes',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    /** QT-2026-0001, from the company's quote number pattern. */
    number: text('number').notNull(),
    title: text('title').notNull(),
    dealId: uuid('deal_id').notNull(),
    customerId: uuid('customer_id').notNull(),
    contactId: uuid('contact_id'),
    /** The approved proposal the quote was built from, if any. */
    proposalId: uuid('proposal_id'),
    priceBookId: uuid('price_book_id'),
    currency: text('currency').notNull(),
    /** zh-CN | en-US: the language of the PDF and the customer's page. */
    locale: text('locale').notNull(),
    /** draft | pending_approval | approved | sent | accepted | declined | expired | withdrawn */
    status: text('status').notNull().default('draft'),
    /** The version being edited or last sent (1-based); a change after sending opens the next one. */
    currentVersionNo: integer('current_version_no').notNull().default(1),
    /** Overall discount on the lines' net, in basis points; spread over the lines before tax. */
    discountBp: integer('discount_bp').notNull().default(0),
    /** Totals of the working copy, recomputed with the lines in one write. */
    listMinor: bigint('list_minor', { mode: 'number' }).notNull().default(0),
    netMinor: bigint('net_minor', { mode: 'number' }).notNull().default(0),
    taxMinor: bigint('tax_minor', { mode: 'number' }).notNull().default(0),
    totalMinor: bigint('total_minor', { mode: 'number' }).notNull().default(0),
    costMinor: bigint('cost_minor', { mode: 'number' }),
    /** The deepest effective discount against list price of any line, in basis points: what approval reads. */
    maxDiscountBp: integer('max_discount_bp').notNull().default(0),
    paymentTerms: text('payment_terms').notNull().default(''),
    validUntil: date('valid_until', { mode: 'string' }),
    notes: text('notes').notNull().default(''),
    /** Template key (standard, detailed…) of the PDF layout. */
    template: text('template').notNull().default('standard'),
    /** sha256 of the customer link's token (the token itself goes out in the mail only). */
    shareTokenHash: text('share_token_hash'),
    sentAt: instant('sent_at'),
    firstViewedAt: instant('first_viewed_at'),
    lastViewedAt: instant('last_viewed_at'),
    viewCount: integer('view_count').notNull().default(0),
    acceptedAt: instant('accepted_at'),
    acceptedByName: text('accepted_by_name'),
    declinedAt: instant('declined_at'),
    declineReason: text('decline_reason'),
    ownerId: uuid('owner_id'),
    teamId: uuid('team_id'),
    createdBy: uuid('created_by'),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('quotes_number_uq').on(t.tenantId, t.number),
    index('quotes_deal_idx').on(t.tenantId, t.dealId),
    index('quotes_customer_idx').on(t.tenantId, t.customerId),
    index('quotes_owner_idx').on(t.tenantId, t.ownerId, t.status),
    index('quotes_created_idx').on(t.tenantId, t.createdAt, t.id),
    // The expiry job walks sent quotes past their validity.
    index('quotes_expiry_idx').on(t.tenantId, t.validUntil).where(sql`${t.status} = 'sent'`),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.tenantId] }).onDelete('cascade'),
    foreignKey({ columns: [t.tenantId, t.dealId], foreignColumns: [deals.tenantId, deals.id] }).onDelete(
      'cascade',
    ),
    foreignKey({ columns: [t.tenantId, t.customerId], foreignColumns: [customers.tenantId, customers.id] }),
    foreignKey({ columns: [t.tenantId, t.contactId], foreignColumns: [contacts.tenantId, contacts.id] }),
    foreignKey({ columns: [t.tenantId, t.proposalId], foreignColumns: [proposals.tenantId, proposals.id] }),
    foreignKey({
      columns: [t.tenantId, t.priceBookId],
      foreignColumns: [priceBooks.tenantId, priceBooks.id],
    }),
    foreignKey({ columns: [t.tenantId, t.ownerId], foreignColumns: [users.tenantId, users.id] }),
    tenantPolicy(t),
  ],
);

export const quoteLines = pgTable(
  'quote_lines',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    quoteId: uuid('quote_id').notNull(),
    position: integer('position').notNull(),
    productId: uuid('product_id'),
    /** Product code and name as quoted (kept when the product changes later). */
    code: text('code'),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    category: text('category'),
    unit: text('unit').notNull().default(''),
    quantity: numeric('quantity', { precision: 14, scale: 3 }).notNull(),
    /** The price the line started from, and where it came from ({ source, priceBookId, priceBookName, minQuantity }). */
    listPriceMinor: bigint('list_price_minor', { mode: 'number' }),
    priceSource: jsonb('price_source').$type<Record<string, unknown>>(),
    unitPriceMinor: bigint('unit_price_minor', { mode: 'number' }).notNull(),
    discountBp: integer('discount_bp').notNull().default(0),
    taxRateBp: integer('tax_rate_bp').notNull().default(0),
    unitCostMinor: bigint('unit_cost_minor', { mode: 'number' }),
    /** Computed: after the line and the overall discount, its tax, and both together. */
    netMinor: bigint('net_minor', { mode: 'number' }).notNull(),
    taxMinor: bigint('tax_minor', { mode: 'number' }).notNull(),
    totalMinor: bigint('total_minor', { mode: 'number' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    // Lines are written by position (a save rewrites line n in place), so a position is taken once per quote.
    uniqueIndex('quote_lines_position_uq').on(t.tenantId, t.quoteId, t.position),
    foreignKey({ columns: [t.tenantId, t.quoteId], foreignColumns: [quotes.tenantId, quotes.id] }).onDelete(
      'cascade',
    ),
    foreignKey({ columns: [t.tenantId, t.productId], foreignColumns: [products.tenantId, products.id] }),
    tenantPolicy(t),
  ],
);

/** A version as sent: the whole quote (header, lines, totals) frozen, with its PDF. */
export const quoteVersions = pgTable(
  'quote_versions',
  {
    tenantId: tenantId(),
    quoteId: uuid('quote_id').notNull(),
    versionNo: integer('version_no').notNull(),
    /** The contract's QuoteSnapshot. */
    snapshot: jsonb('snapshot').$type<Record<string, unknown>>().notNull(),
    totalMinor: bigint('total_minor', { mode: 'number' }).notNull(),
    pdfFileId: uuid('pdf_file_id'),
    sentBy: uuid('sent_by'),
    sentAt: instant('sent_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.quoteId, t.versionNo] }),
    foreignKey({ columns: [t.tenantId, t.quoteId], foreignColumns: [quotes.tenantId, quotes.id] }).onDelete(
      'cascade',
    ),
    foreignKey({ columns: [t.tenantId, t.pdfFileId], foreignColumns: [files.tenantId, files.id] }),
    tenantPolicy(t),
  ],
);
