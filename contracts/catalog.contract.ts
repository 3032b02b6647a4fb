import { z } from 'zod';
import { Currency, defineRoute, IdParams, IsoDateTime, pageOf, Uuid } from './common';
import { CUSTOMER_TIERS } from './customers.contract';
import { isQuantity, normalizeQuantity } from './money';

/**
 * The catalogue (产品目录与价格体系, DOMAIN.md §5): products, services and bundles with list prices, price books
 * for customer tiers, regions and channels with validity dates and volume tiers, and dated exchange rates into
 * the company's currency. Everyone signed in reads; `catalog.manage` writes. Money is integer minor units of
 * its currency, quantities decimal strings (≤ 3 places), tax rates basis points (1300 = 13 %), exchange rates
 * decimal strings (≤ 10 places).
 */

export const PRODUCT_KINDS = ['product', 'service', 'bundle'] as const;
export const ProductKind = z.enum(PRODUCT_KINDS);
export type ProductKind = z.infer<typeof ProductKind>;

/** The categories the screens offer; the field takes any short text. */
export const PRODUCT_CATEGORIES = ['hardware', 'software', 'service'] as const;

export const CustomerTier = z.enum(CUSTOMER_TIERS);

const IsoDate = z.iso.date();
const MinorAmount = z.number().int().min(0).max(1_000_000_000_000);
const TaxRateBp = z.number().int().min(0).max(10_000);
const text = (max: number) => z.string().trim().max(max);
const label = (max: number) => z.string().trim().min(1).max(max);

/** A quantity above zero with at most three decimals, in canonical form ("2.500" → "2.5"). */
export const CatalogQuantity = z
  .string()
  .trim()
  .refine(isQuantity, 'invalid_quantity')
  .transform(normalizeQuantity)
  .refine((q) => q !== '0', 'invalid_quantity');

/** A rate above zero with at most ten decimals: 1 unit of the currency = rate units of the company's. */
export const RateText = z
  .string()
  .trim()
  .regex(/^\d{1,10}(?:\.\d{1,10})?$/, 'invalid_rate')
  .refine((r) => /[1-9]/.test(r), 'invalid_rate');

// ---- products ----

export const Product = z.object({
  id: Uuid,
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  description: z.string(),
  category: z.string().nullable(),
  kind: ProductKind,
  unit: z.string(),
  listPriceMinor: z.number().int(),
  currency: z.string(),
  taxRateBp: z.number().int(),
  costMinor: z.number().int().nullable(),
  /** (list − cost) / list in basis points; null without a cost or a list price. */
  marginBp: z.number().int().nullable(),
  active: z.boolean(),
  version: z.number().int(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type Product = z.infer<typeof Product>;

export const BundleItem = z.object({
  itemId: Uuid,
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  kind: ProductKind,
  unit: z.string(),
  quantity: z.string(),
  optional: z.boolean(),
  listPriceMinor: z.number().int(),
  currency: z.string(),
  active: z.boolean(),
});
export type BundleItem = z.infer<typeof BundleItem>;

export const ProductDetail = Product.extend({
  /** A bundle's parts and options, in order; empty for other kinds. */
  items: z.array(BundleItem),
  /** Bundles this product is part of (it cannot become a bundle itself while it is). */
  partOf: z.array(z.object({ id: Uuid, code: z.string(), nameZh: z.string(), nameEn: z.string() })),
  /** Some quote line refers to it: it can be archived, not deleted. */
  quoted: z.boolean(),
});
export type ProductDetail = z.infer<typeof ProductDetail>;

const ProductFields = {
  nameZh: label(200),
  nameEn: label(200),
  description: text(2000),
  category: text(50).nullable(),
  unit: label(20),
  listPriceMinor: MinorAmount,
  currency: Currency,
  taxRateBp: TaxRateBp,
  costMinor: MinorAmount.nullable(),
  active: z.boolean(),
};

export const CreateProductBody = z.strictObject({
  code: label(40),
  kind: ProductKind.default('product'),
  ...ProductFields,
  description: ProductFields.description.default(''),
  category: ProductFields.category.default(null),
  taxRateBp: TaxRateBp.default(0),
  costMinor: ProductFields.costMinor.default(null),
  active: z.boolean().default(true),
});

export const UpdateProductBody = z.strictObject({
  version: z.number().int().optional(),
  code: label(40).optional(),
  kind: ProductKind.optional(),
  nameZh: ProductFields.nameZh.optional(),
  nameEn: ProductFields.nameEn.optional(),
  description: ProductFields.description.optional(),
  category: ProductFields.category.optional(),
  unit: ProductFields.unit.optional(),
  listPriceMinor: MinorAmount.optional(),
  currency: Currency.optional(),
  taxRateBp: TaxRateBp.optional(),
  costMinor: ProductFields.costMinor.optional(),
  active: z.boolean().optional(),
});

export const ProductFilter = z.strictObject({
  /** Code or name, in either language. */
  q: z.string().trim().max(100).optional(),
  category: z.string().trim().max(50).optional(),
  kind: ProductKind.optional(),
  /** Default: active products only. */
  active: z.enum(['true', 'false', 'all']).default('true'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});

export const BundleItemInput = z.strictObject({
  itemId: Uuid,
  quantity: CatalogQuantity.default('1'),
  optional: z.boolean().default(false),
});

export const SetBundleItemsBody = z.strictObject({ items: z.array(BundleItemInput).max(100) });

export const PriceQuery = z.strictObject({
  customerId: Uuid.optional(),
  quantity: CatalogQuantity.default('1'),
  /** Default: the product's own currency. */
  currency: Currency.optional(),
  /** Default: today in the company's time zone. */
  on: IsoDate.optional(),
  priceBookId: Uuid.optional(),
  channel: z.string().trim().min(1).max(50).optional(),
});

export const PriceSourceSchema = z.object({
  kind: z.enum(['list', 'price_book']),
  priceBookId: Uuid.nullable(),
  priceBookName: z.string().nullable(),
  minQuantity: z.string().nullable(),
  convertedFrom: z.object({ currency: z.string(), amountMinor: z.number().int() }).nullable(),
});

export const PriceAnswer = z.object({
  productId: Uuid,
  currency: z.string(),
  quantity: z.string(),
  on: IsoDate,
  listPriceMinor: z.number().int(),
  unitPriceMinor: z.number().int(),
  source: PriceSourceSchema,
  /** Where the price came from, in the caller's language ("price book East-China 2026, tier 100+"). */
  explanation: z.string(),
});
export type PriceAnswer = z.infer<typeof PriceAnswer>;

export const listProducts = defineRoute({
  method: 'GET',
  path: '/api/v1/products',
  summary: 'Products, services and bundles, searched by code or name, by category and kind',
  tags: ['catalog'],
  access: 'session',
  scope: 'read',
  query: ProductFilter,
  response: { 200: pageOf(Product) },
});

export const getProduct = defineRoute({
  method: 'GET',
  path: '/api/v1/products/:id',
  summary: 'A product with its bundle items',
  tags: ['catalog'],
  access: 'session',
  scope: 'read',
  params: IdParams,
  response: { 200: ProductDetail },
});

export const createProduct = defineRoute({
  method: 'POST',
  path: '/api/v1/products',
  summary: 'Add a product, service or bundle (its code unique in the company, any case)',
  tags: ['catalog'],
  access: 'session',
  permission: 'catalog.manage',
  body: CreateProductBody,
  response: { 201: ProductDetail },
});

export const updateProduct = defineRoute({
  method: 'PATCH',
  path: '/api/v1/products/:id',
  summary: 'Change a product (If-Match or body version)',
  tags: ['catalog'],
  access: 'session',
  permission: 'catalog.manage',
  params: IdParams,
  body: UpdateProductBody,
  response: { 200: ProductDetail },
});

export const archiveProduct = defineRoute({
  method: 'POST',
  path: '/api/v1/products/:id/archive',
  summary: 'Stop selling a product: it leaves the pickers, quotes keep it',
  tags: ['catalog'],
  access: 'session',
  permission: 'catalog.manage',
  params: IdParams,
  response: { 200: ProductDetail },
});

export const deleteProduct = defineRoute({
  method: 'DELETE',
  path: '/api/v1/products/:id',
  summary: 'Delete a product never quoted nor part of a bundle (409 in_use otherwise: archive it)',
  tags: ['catalog'],
  access: 'session',
  permission: 'catalog.manage',
  params: IdParams,
  response: { 204: z.null() },
});

export const setBundleItems = defineRoute({
  method: 'PUT',
  path: '/api/v1/products/:id/items',
  summary: 'Replace the parts and options of a bundle (items are products or services, never bundles)',
  tags: ['catalog'],
  access: 'session',
  permission: 'catalog.manage',
  params: IdParams,
  body: SetBundleItemsBody,
  response: { 200: ProductDetail },
});

export const getProductPrice = defineRoute({
  method: 'GET',
  path: '/api/v1/products/:id/price',
  summary: 'The price of a product for a customer, quantity, currency and day, and where it comes from',
  tags: ['catalog'],
  access: 'session',
  scope: 'read',
  params: IdParams,
  query: PriceQuery,
  response: { 200: PriceAnswer },
});

// ---- price books ----

export const PriceBook = z.object({
  id: Uuid,
  name: z.string(),
  currency: z.string(),
  customerTier: CustomerTier.nullable(),
  region: z.string().nullable(),
  channel: z.string().nullable(),
  validFrom: IsoDate.nullable(),
  validTo: IsoDate.nullable(),
  priority: z.number().int(),
  active: z.boolean(),
  entryCount: z.number().int(),
  version: z.number().int(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type PriceBook = z.infer<typeof PriceBook>;

export const PriceBookEntry = z.object({
  id: Uuid,
  productId: Uuid,
  productCode: z.string(),
  productNameZh: z.string(),
  productNameEn: z.string(),
  unit: z.string(),
  minQuantity: z.string(),
  unitPriceMinor: z.number().int(),
  /** The product's own list price and currency, to show the book's discount from it. */
  listPriceMinor: z.number().int(),
  listCurrency: z.string(),
});
export type PriceBookEntry = z.infer<typeof PriceBookEntry>;

export const PriceBookDetail = PriceBook.extend({ entries: z.array(PriceBookEntry) });
export type PriceBookDetail = z.infer<typeof PriceBookDetail>;

const PriceBookFields = {
  name: label(100),
  currency: Currency,
  customerTier: CustomerTier.nullable(),
  region: text(50).min(1).nullable(),
  channel: text(50).min(1).nullable(),
  validFrom: IsoDate.nullable(),
  validTo: IsoDate.nullable(),
  priority: z.number().int().min(-1000).max(1000),
  active: z.boolean(),
};

export const CreatePriceBookBody = z.strictObject({
  ...PriceBookFields,
  customerTier: PriceBookFields.customerTier.default(null),
  region: PriceBookFields.region.default(null),
  channel: PriceBookFields.channel.default(null),
  validFrom: PriceBookFields.validFrom.default(null),
  validTo: PriceBookFields.validTo.default(null),
  priority: PriceBookFields.priority.default(0),
  active: z.boolean().default(true),
});

export const UpdatePriceBookBody = z.strictObject({
  version: z.number().int().optional(),
  name: PriceBookFields.name.optional(),
  currency: Currency.optional(),
  customerTier: PriceBookFields.customerTier.optional(),
  region: PriceBookFields.region.optional(),
  channel: PriceBookFields.channel.optional(),
  validFrom: PriceBookFields.validFrom.optional(),
  validTo: PriceBookFields.validTo.optional(),
  priority: PriceBookFields.priority.optional(),
  active: z.boolean().optional(),
});

export const PriceBookEntryInput = z.strictObject({
  productId: Uuid,
  minQuantity: CatalogQuantity.default('1'),
  unitPriceMinor: MinorAmount,
});

export const SetPriceBookEntriesBody = z.strictObject({ entries: z.array(PriceBookEntryInput).max(2000) });

export const listPriceBooks = defineRoute({
  method: 'GET',
  path: '/api/v1/price-books',
  summary: 'The company’s price books, highest priority first',
  tags: ['catalog'],
  access: 'session',
  scope: 'read',
  response: { 200: z.object({ items: z.array(PriceBook) }) },
});

export const getPriceBook = defineRoute({
  method: 'GET',
  path: '/api/v1/price-books/:id',
  summary: 'A price book with its entries (volume tiers)',
  tags: ['catalog'],
  access: 'session',
  scope: 'read',
  params: IdParams,
  response: { 200: PriceBookDetail },
});

export const createPriceBook = defineRoute({
  method: 'POST',
  path: '/api/v1/price-books',
  summary: 'Add a price book with its criteria and validity',
  tags: ['catalog'],
  access: 'session',
  permission: 'catalog.manage',
  body: CreatePriceBookBody,
  response: { 201: PriceBookDetail },
});

export const updatePriceBook = defineRoute({
  method: 'PATCH',
  path: '/api/v1/price-books/:id',
  summary: 'Change a price book (If-Match or body version)',
  tags: ['catalog'],
  access: 'session',
  permission: 'catalog.manage',
  params: IdParams,
  body: UpdatePriceBookBody,
  response: { 200: PriceBookDetail },
});

export const deletePriceBook = defineRoute({
  method: 'DELETE',
  path: '/api/v1/price-books/:id',
  summary: 'Delete a price book with its entries (quotes keep the prices they took from it)',
  tags: ['catalog'],
  access: 'session',
  permission: 'catalog.manage',
  params: IdParams,
  response: { 204: z.null() },
});

export const setPriceBookEntries = defineRoute({
  method: 'PUT',
  path: '/api/v1/price-books/:id/entries',
  summary: 'Replace a price book’s entries: per product a unit price from a minimum quantity on',
  tags: ['catalog'],
  access: 'session',
  permission: 'catalog.manage',
  params: IdParams,
  body: SetPriceBookEntriesBody,
  response: { 200: PriceBookDetail },
});

// ---- exchange rates ----

export const ExchangeRate = z.object({
  currency: z.string(),
  effectiveOn: IsoDate,
  /** 1 unit of `currency` = `rate` units of the company's currency. */
  rate: z.string(),
  createdAt: IsoDateTime,
});
export type ExchangeRate = z.infer<typeof ExchangeRate>;

export const ExchangeRateList = z.object({
  /** The company's currency, which every rate converts into. */
  homeCurrency: z.string(),
  items: z.array(ExchangeRate),
});

export const listExchangeRates = defineRoute({
  method: 'GET',
  path: '/api/v1/exchange-rates',
  summary: 'Exchange rates into the company’s currency, newest first per currency',
  tags: ['catalog'],
  access: 'session',
  scope: 'read',
  query: z.strictObject({
    currency: Currency.optional(),
    from: IsoDate.optional(),
    to: IsoDate.optional(),
  }),
  response: { 200: ExchangeRateList },
});

export const upsertExchangeRates = defineRoute({
  method: 'PUT',
  path: '/api/v1/exchange-rates',
  summary: 'Set exchange rates, one per currency and day (an existing one is replaced)',
  tags: ['catalog'],
  access: 'session',
  permission: 'catalog.manage',
  body: z.strictObject({
    rates: z
      .array(z.strictObject({ currency: Currency, effectiveOn: IsoDate, rate: RateText }))
      .min(1)
      .max(500),
  }),
  response: { 200: ExchangeRateList },
});

export const deleteExchangeRate = defineRoute({
  method: 'DELETE',
  path: '/api/v1/exchange-rates/:currency/:effectiveOn',
  summary: 'Delete one exchange rate',
  tags: ['catalog'],
  access: 'session',
  permission: 'catalog.manage',
  params: z.strictObject({ currency: Currency, effectiveOn: IsoDate }),
  response: { 204: z.null() },
});
