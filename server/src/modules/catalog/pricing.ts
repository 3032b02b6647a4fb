import type { Locale } from '@contracts/common';
import { fromMinor, isQuantity, minorDigits, normalizeQuantity, quantityThousandths } from '@contracts/money';
import { type AnyColumn, and, desc, eq, gte, isNull, lte, or, type SQL, sql } from 'drizzle-orm';
import { anyOf } from '../../platform/db/arrays';
import type { Tx } from '../../platform/db/database';
import { invalidFields } from '../../platform/http/errors';
import { getCustomer } from '../customers';
import { priceBookEntries, priceBooks, products } from './catalog.tables';
import { convertMinor } from './conversion';

/**
 * The price of a product for a customer, quantity, currency and day (DOMAIN.md §5 "price book"): the best
 * matching price book's volume tier, else the list price (converted with the exchange rates when the product
 * is priced in another currency). The answer carries where the price came from, so a quote line can say why.
 */

export type ProductRow = typeof products.$inferSelect;

export type PriceSource = {
  kind: 'list' | 'price_book';
  priceBookId: string | null;
  priceBookName: string | null;
  /** The volume tier applied ("100" for 100+), for a price-book price. */
  minQuantity: string | null;
  /** The list price was in another currency and converted with the rate of the day. */
  convertedFrom: { currency: string; amountMinor: number } | null;
};

export type ResolvedPrice = {
  product: Pick<
    ProductRow,
    'id' | 'code' | 'nameZh' | 'nameEn' | 'unit' | 'category' | 'taxRateBp' | 'costMinor' | 'kind'
  >;
  /** The list price in the requested currency. */
  listPriceMinor: number;
  unitPriceMinor: number;
  source: PriceSource;
};

export type ResolvePriceInput = {
  productId: string;
  quantity: string;
  currency: string;
  customerId: string | null;
  /** The day the price applies (YYYY-MM-DD, the company's calendar). */
  on: string;
  /** A book the seller picked: only it is considered (criteria aside), then the list price. */
  priceBookId?: string;
  /** The sales channel, when the sale goes through one; books for a channel apply only when asked. */
  channel?: string | null;
};

export async function productsByIds(tx: Tx, tenantId: string, ids: readonly string[]): Promise<ProductRow[]> {
  if (ids.length === 0) return [];
  return tx
    .select()
    .from(products)
    .where(and(eq(products.tenantId, tenantId), anyOf(products.id, [...new Set(ids)], 'uuid')));
}

/** Criteria a book may set, each either unset (any customer) or equal to the customer's value. */
function criterion(column: AnyColumn, value: string | null | undefined): SQL | undefined {
  return value ? or(isNull(column), sql`lower(${column}) = lower(${value})`) : isNull(column);
}

export async function resolvePrice(
  tx: Tx,
  tenantId: string,
  input: ResolvePriceInput,
): Promise<ResolvedPrice> {
  if (!isQuantity(input.quantity) || quantityThousandths(input.quantity) === 0n) {
    throw invalidFields({ path: 'quantity', code: 'invalid_quantity' });
  }
  const [product] = await productsByIds(tx, tenantId, [input.productId]);
  if (!product) throw invalidFields({ path: 'productId', code: 'unknown_product' });
  if (!product.active) throw invalidFields({ path: 'productId', code: 'product_inactive' });

  let tier: string | null = null;
  let region: string | null = null;
  if (input.customerId) {
    const customer = await getCustomer(tx, tenantId, input.customerId);
    tier = customer?.tier ?? null;
    region = customer?.region ?? null;
  }

  const specificity = sql`((${priceBooks.customerTier} is not null)::int + (${priceBooks.region} is not null)::int + (${priceBooks.channel} is not null)::int)`;
  const matches = input.priceBookId
    ? eq(priceBooks.id, input.priceBookId)
    : and(
        criterion(priceBooks.customerTier, tier),
        criterion(priceBooks.region, region),
        criterion(priceBooks.channel, input.channel),
      );
  const [entry] = await tx
    .select({
      bookId: priceBooks.id,
      bookName: priceBooks.name,
      minQuantity: priceBookEntries.minQuantity,
      unitPriceMinor: priceBookEntries.unitPriceMinor,
    })
    .from(priceBookEntries)
    .innerJoin(
      priceBooks,
      and(
        eq(priceBooks.tenantId, priceBookEntries.tenantId),
        eq(priceBooks.id, priceBookEntries.priceBookId),
      ),
    )
    .where(
      and(
        eq(priceBookEntries.tenantId, tenantId),
        eq(priceBookEntries.productId, product.id),
        sql`${priceBookEntries.minQuantity} <= ${input.quantity}::numeric`,
        eq(priceBooks.active, true),
        eq(priceBooks.currency, input.currency),
        or(isNull(priceBooks.validFrom), lte(priceBooks.validFrom, input.on)),
        or(isNull(priceBooks.validTo), gte(priceBooks.validTo, input.on)),
        matches,
      ),
    )
    // Book first (priority, specificity, newest), then that book's highest tier the quantity reaches.
    .orderBy(
      desc(priceBooks.priority),
      desc(specificity),
      desc(priceBooks.createdAt),
      desc(priceBooks.id),
      desc(priceBookEntries.minQuantity),
    )
    .limit(1);

  const summary = {
    id: product.id,
    code: product.code,
    nameZh: product.nameZh,
    nameEn: product.nameEn,
    unit: product.unit,
    category: product.category,
    taxRateBp: product.taxRateBp,
    costMinor: product.costMinor,
    kind: product.kind,
  };
  let listPriceMinor = product.listPriceMinor;
  let convertedFrom: PriceSource['convertedFrom'] = null;
  if (product.currency !== input.currency) {
    const converted = await convertMinor(tx, tenantId, {
      amountMinor: product.listPriceMinor,
      from: product.currency,
      to: input.currency,
      on: input.on,
    });
    if (converted === null) {
      if (!entry) {
        throw invalidFields({
          path: 'productId',
          code: 'no_price_in_currency',
          vars: { currency: input.currency, from: product.currency },
        });
      }
    } else {
      listPriceMinor = converted;
      convertedFrom = { currency: product.currency, amountMinor: product.listPriceMinor };
    }
  }
  if (entry) {
    return {
      product: summary,
      // Without a rate the book's price stands; the list price is then the book's own, for discount display.
      listPriceMinor:
        convertedFrom || product.currency === input.currency ? listPriceMinor : entry.unitPriceMinor,
      unitPriceMinor: entry.unitPriceMinor,
      source: {
        kind: 'price_book',
        priceBookId: entry.bookId,
        priceBookName: entry.bookName,
        minQuantity: normalizeQuantity(entry.minQuantity),
        convertedFrom: null,
      },
    };
  }
  return {
    product: summary,
    listPriceMinor,
    unitPriceMinor: listPriceMinor,
    source: { kind: 'list', priceBookId: null, priceBookName: null, minQuantity: null, convertedFrom },
  };
}

/** Where a price came from, in words for a quote line or the price preview. */
export function explainPrice(source: PriceSource, locale: Locale): string {
  const zh = locale === 'zh-CN';
  if (source.kind === 'price_book') {
    const name = source.priceBookName ?? '';
    const tier = source.minQuantity && source.minQuantity !== '1' ? source.minQuantity : null;
    if (zh) return tier ? `价格表 ${name}，${tier} 件起` : `价格表 ${name}`;
    return tier ? `price book ${name}, tier ${tier}+` : `price book ${name}`;
  }
  if (source.convertedFrom) {
    const { currency, amountMinor } = source.convertedFrom;
    const original = `${currency} ${fromMinor(amountMinor, minorDigits(currency))}`;
    return zh ? `目录价（由 ${original} 按汇率换算）` : `list price, converted from ${original}`;
  }
  return zh ? '目录价' : 'list price';
}
