import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  date,
  foreignKey,
  index,
  integer,
  numeric,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { instant, tenantId, tenantPolicy, timestamps, version } from '../../platform/db/columns';
import { tenants } from '../../platform/db/identity.tables';

/**
 * The catalogue (DOMAIN.md §5): products and services with list prices, bundles of them, price books that
 * override list prices by customer tier, region or channel with validity dates and volume tiers, and dated
 * exchange rates into the company's currency. Money is integer minor units of its currency; quantities are
 * exact decimals (numeric, read as strings); rates are basis points of a percent (1300 = 13 %).
 */

export const products = pgTable(
  'products',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    code: text('code').notNull(),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull(),
    description: text('description').notNull().default(''),
    category: text('category'),
    /** product | service | bundle */
    kind: text('kind').notNull().default('product'),
    /** Unit of sale (台, set, hour, user/year…). */
    unit: text('unit').notNull(),
    listPriceMinor: bigint('list_price_minor', { mode: 'number' }).notNull(),
    currency: text('currency').notNull(),
    taxRateBp: integer('tax_rate_bp').notNull().default(0),
    /** Unit cost, for margin; null when unknown. */
    costMinor: bigint('cost_minor', { mode: 'number' }),
    active: boolean('active').notNull().default(true),
    createdBy: uuid('created_by'),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('products_code_uq').on(t.tenantId, sql`lower(${t.code})`),
    index('products_category_idx').on(t.tenantId, t.category),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.tenantId] }).onDelete('cascade'),
    tenantPolicy(t),
  ],
);

/** The parts of a bundle: included items, and options the seller may add. */
export const productBundleItems = pgTable(
  'product_bundle_items',
  {
    tenantId: tenantId(),
    bundleId: uuid('bundle_id').notNull(),
    itemId: uuid('item_id').notNull(),
    quantity: numeric('quantity', { precision: 14, scale: 3 }).notNull().default('1'),
    /** An option (可选项) rather than a part always included. */
    optional: boolean('optional').notNull().default(false),
    position: integer('position').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.bundleId, t.itemId] }),
    index('product_bundle_items_item_idx').on(t.tenantId, t.itemId),
    foreignKey({
      columns: [t.tenantId, t.bundleId],
      foreignColumns: [products.tenantId, products.id],
    }).onDelete('cascade'),
    foreignKey({ columns: [t.tenantId, t.itemId], foreignColumns: [products.tenantId, products.id] }),
    tenantPolicy(t),
  ],
);

/** A price book applies to customers matching all its non-null criteria, between its validity dates. */
export const priceBooks = pgTable(
  'price_books',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    currency: text('currency').notNull(),
    /** strategic | growth | potential | dormant (the customer's RFM tier), or null for any. */
    customerTier: text('customer_tier'),
    region: text('region'),
    /** Sales channel (direct, partner, online…), or null for any. */
    channel: text('channel'),
    validFrom: date('valid_from', { mode: 'string' }),
    validTo: date('valid_to', { mode: 'string' }),
    /** Among several matching books, the higher priority wins; ties go to the most specific. */
    priority: integer('priority').notNull().default(0),
    active: boolean('active').notNull().default(true),
    createdBy: uuid('created_by'),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('price_books_name_uq').on(t.tenantId, sql`lower(${t.name})`),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.tenantId] }).onDelete('cascade'),
    tenantPolicy(t),
  ],
);

/** A product's unit price in a book from a minimum quantity on (volume tiers: 1+, 100+, 500+…). */
export const priceBookEntries = pgTable(
  'price_book_entries',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    priceBookId: uuid('price_book_id').notNull(),
    productId: uuid('product_id').notNull(),
    minQuantity: numeric('min_quantity', { precision: 14, scale: 3 }).notNull().default('1'),
    unitPriceMinor: bigint('unit_price_minor', { mode: 'number' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('price_book_entries_tier_uq').on(t.tenantId, t.priceBookId, t.productId, t.minQuantity),
    index('price_book_entries_product_idx').on(t.tenantId, t.productId),
    foreignKey({
      columns: [t.tenantId, t.priceBookId],
      foreignColumns: [priceBooks.tenantId, priceBooks.id],
    }).onDelete('cascade'),
    foreignKey({
      columns: [t.tenantId, t.productId],
      foreignColumns: [products.tenantId, products.id],
    }).onDelete('cascade'),
    tenantPolicy(t),
  ],
);

/** How many units of the company's currency one unit of `currency` was worth from `effectiveOn`. */
export const exchangeRates = pgTable(
  'exchange_rates',
  {
    tenantId: tenantId(),
    currency: text('currency').notNull(),
    effectiveOn: date('effective_on', { mode: 'string' }).notNull(),
    rate: numeric('rate', { precision: 20, scale: 10 }).notNull(),
    createdBy: uuid('created_by'),
    createdAt: instant('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.currency, t.effectiveOn] }),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.tenantId] }).onDelete('cascade'),
    tenantPolicy(t),
  ],
);
