import { isQuantity } from '@contracts/money';
import { computeQuote, type QuoteMath } from '@contracts/quote-math';
import type { PriceSource, QuoteLineInput } from '@contracts/quotes.contract';
import { and, eq, gte } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { z } from 'zod';
import { anyOf } from '../../platform/db/arrays';
import type { Tx } from '../../platform/db/database';
import { upsertMany } from '../../platform/db/insert-many';
import { FieldsError, invalidFields } from '../../platform/http/errors';
import { convertMinor, priceBookEntries, priceBooks, productsByIds, resolvePrice } from '../catalog';
import type { QuoteRow } from './quote-rows';
import { quoteLines } from './quotes.tables';

/**
 * Turning the lines a user sent into priced lines: a catalogue line starts from the catalogue's price for the
 * customer, quantity, currency and day (`resolvePrice`), keeps the list price and where the price came from,
 * and becomes "manual" only when the user typed a different unit price. Then quote-math totals the quote and
 * lines and header are written together, so stored totals always match the stored lines.
 */

export type LineInput = z.output<typeof QuoteLineInput>;

export type PricedLine = {
  productId: string | null;
  code: string | null;
  name: string;
  description: string;
  category: string | null;
  unit: string;
  quantity: string;
  listPriceMinor: number | null;
  priceSource: PriceSource | null;
  unitPriceMinor: number;
  discountBp: number;
  taxRateBp: number;
  unitCostMinor: number | null;
};

type Resolved = Awaited<ReturnType<typeof resolvePrice>>;

/** Re-raises the catalogue's field errors under the line's path (lines.3.productId). */
function atLine(error: unknown, index: number): unknown {
  if (!(error instanceof FieldsError)) return error;
  return invalidFields(
    ...error.fields.map((f) => ({ ...f, path: `lines.${index}.${f.path || 'productId'}` })),
  );
}

/**
 * The product's unit cost in the quote's currency: as is when the product is priced in it, converted with the
 * day's rate when its list price had to be converted, unknown (null) when there is no rate.
 */
async function costIn(
  tx: Tx,
  quote: Pick<QuoteRow, 'tenantId' | 'currency'>,
  resolved: Resolved,
  today: string,
): Promise<number | null> {
  const cost = resolved.product.costMinor;
  const from = resolved.source.convertedFrom?.currency;
  if (cost === null || !from) return cost;
  return convertMinor(tx, quote.tenantId, { amountMinor: cost, from, to: quote.currency, on: today });
}

/**
 * Prices of many catalogue lines at once. A product in the quote's currency with no active price book of that
 * currency listing it is priced at its list price: exactly what `resolvePrice` answers for it, found with two
 * set queries instead of a few per line (a 200-line quote saves in one round of queries). Every other product
 * (a book may apply, or its price needs converting) goes through `resolvePrice` itself.
 */
async function listPricedProducts(
  tx: Tx,
  quote: Pick<QuoteRow, 'tenantId' | 'currency' | 'priceBookId'>,
  productIds: readonly string[],
): Promise<Map<string, Resolved>> {
  const out = new Map<string, Resolved>();
  if (productIds.length === 0 || quote.priceBookId) return out;
  const rows = await productsByIds(tx, quote.tenantId, productIds);
  const candidates = rows.filter((p) => p.active && p.currency === quote.currency);
  if (candidates.length === 0) return out;
  const booked = await tx
    .selectDistinct({ productId: priceBookEntries.productId })
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
        eq(priceBookEntries.tenantId, quote.tenantId),
        anyOf(
          priceBookEntries.productId,
          candidates.map((p) => p.id),
          'uuid',
        ),
        eq(priceBooks.active, true),
        eq(priceBooks.currency, quote.currency),
      ),
    );
  const withBook = new Set(booked.map((b) => b.productId));
  for (const p of candidates) {
    if (withBook.has(p.id)) continue;
    out.set(p.id, {
      product: {
        id: p.id,
        code: p.code,
        nameZh: p.nameZh,
        nameEn: p.nameEn,
        unit: p.unit,
        category: p.category,
        taxRateBp: p.taxRateBp,
        costMinor: p.costMinor,
        kind: p.kind,
      },
      listPriceMinor: p.listPriceMinor,
      unitPriceMinor: p.listPriceMinor,
      source: {
        kind: 'list',
        priceBookId: null,
        priceBookName: null,
        minQuantity: null,
        convertedFrom: null,
      },
    });
  }
  return out;
}

export async function priceLines(
  tx: Tx,
  quote: Pick<QuoteRow, 'tenantId' | 'currency' | 'customerId' | 'locale' | 'priceBookId'>,
  inputs: readonly LineInput[],
  today: string,
): Promise<PricedLine[]> {
  const cache = new Map<string, Promise<Resolved>>();
  const listed = await listPricedProducts(
    tx,
    quote,
    inputs.flatMap((l) => (l.productId && isQuantity(l.quantity) ? [l.productId] : [])),
  );
  const problems: { path: string; code: 'line_name_required' | 'line_price_required' }[] = [];
  const out: PricedLine[] = [];
  for (const [i, input] of inputs.entries()) {
    if (input.productId === null) {
      if (!input.name) problems.push({ path: `lines.${i}.name`, code: 'line_name_required' });
      if (input.unitPriceMinor === null) {
        problems.push({ path: `lines.${i}.unitPriceMinor`, code: 'line_price_required' });
      }
      out.push({
        productId: null,
        code: null,
        name: input.name ?? '',
        description: input.description,
        category: null,
        unit: input.unit ?? '',
        quantity: input.quantity,
        listPriceMinor: null,
        priceSource: null,
        unitPriceMinor: input.unitPriceMinor ?? 0,
        discountBp: input.discountBp,
        taxRateBp: input.taxRateBp ?? 0,
        unitCostMinor: input.unitCostMinor ?? null,
      });
      continue;
    }
    const productId = input.productId;
    const key = `${productId}|${input.quantity}`;
    const fast = listed.get(productId);
    const pending =
      (fast ? Promise.resolve(fast) : cache.get(key)) ??
      resolvePrice(tx, quote.tenantId, {
        productId,
        quantity: input.quantity,
        currency: quote.currency,
        customerId: quote.customerId,
        on: today,
        ...(quote.priceBookId ? { priceBookId: quote.priceBookId } : {}),
      });
    cache.set(key, pending);
    let resolved: Resolved;
    try {
      resolved = await pending;
    } catch (error) {
      throw atLine(error, i);
    }
    const { product } = resolved;
    const typed = input.unitPriceMinor;
    const manual = typed !== null && typed !== resolved.unitPriceMinor;
    out.push({
      productId,
      code: product.code,
      name: input.name ?? (quote.locale === 'en-US' ? product.nameEn : product.nameZh),
      description: input.description,
      category: product.category,
      unit: input.unit ?? product.unit,
      quantity: input.quantity,
      listPriceMinor: resolved.listPriceMinor,
      priceSource: manual
        ? {
            kind: 'manual',
            priceBookId: null,
            priceBookName: null,
            minQuantity: null,
            catalogPriceMinor: resolved.unitPriceMinor,
            convertedFrom: null,
          }
        : {
            kind: resolved.source.kind,
            priceBookId: resolved.source.priceBookId ?? null,
            priceBookName: resolved.source.priceBookName ?? null,
            minQuantity: resolved.source.minQuantity,
            catalogPriceMinor: null,
            convertedFrom: resolved.source.convertedFrom,
          },
      unitPriceMinor: typed ?? resolved.unitPriceMinor,
      discountBp: input.discountBp,
      taxRateBp: input.taxRateBp ?? product.taxRateBp,
      unitCostMinor:
        input.unitCostMinor !== undefined ? input.unitCostMinor : await costIn(tx, quote, resolved, today),
    });
  }
  if (problems.length > 0) throw invalidFields(...problems);
  return out;
}

export function mathOf(discountBp: number, currency: string, lines: readonly PricedLine[]): QuoteMath {
  return computeQuote({ currency, discountBp, lines });
}

/** The header's stored totals from a computation. */
export function totalsColumns(math: QuoteMath) {
  return {
    listMinor: math.listMinor,
    netMinor: math.netMinor,
    taxMinor: math.taxMinor,
    totalMinor: math.totalMinor,
    costMinor: math.costMinor,
    maxDiscountBp: math.maxDiscountBp,
  };
}

/** Replaces the stored lines of a quote with `lines` priced by `math` (same order); answers the rows stored. */
/**
 * Stores the priced lines as the quote's lines, in order. Line n is rewritten in place (it keeps its id), new
 * positions are added and those past the end removed: a save of a long quote changes rows, it does not
 * delete and re-insert them, and a line's product reference is checked only when it changed.
 */
export async function writeLines(
  tx: Tx,
  tenantId: string,
  quoteId: string,
  lines: readonly PricedLine[],
  math: QuoteMath,
): Promise<(typeof quoteLines.$inferSelect)[]> {
  await tx
    .delete(quoteLines)
    .where(
      and(
        eq(quoteLines.tenantId, tenantId),
        eq(quoteLines.quoteId, quoteId),
        gte(quoteLines.position, lines.length),
      ),
    );
  const rows = lines.map((line, position) => {
    const m = math.lines[position];
    return {
      tenantId,
      id: uuidv7(),
      quoteId,
      position,
      ...line,
      netMinor: m?.netMinor ?? 0,
      taxMinor: m?.taxMinor ?? 0,
      totalMinor: m?.totalMinor ?? 0,
    };
  });
  const stored = await upsertMany(tx, quoteLines, rows, {
    on: ['tenantId', 'quoteId', 'position'],
    keep: ['id'],
    returning: ['position', 'id'],
  });
  const ids = new Map(stored.map((r) => [Number(r.position), String(r.id)]));
  return rows.map((row) => ({ ...row, id: ids.get(row.position) ?? row.id }));
}

/** Recomputes the totals from the stored lines (after a header change such as the overall discount). */
export function storedAsPriced(rows: readonly (typeof quoteLines.$inferSelect)[]): PricedLine[] {
  return rows.map((r) => ({
    productId: r.productId,
    code: r.code,
    name: r.name,
    description: r.description,
    category: r.category,
    unit: r.unit,
    quantity: r.quantity.includes('.') ? r.quantity.replace(/\.?0+$/, '') : r.quantity,
    listPriceMinor: r.listPriceMinor,
    priceSource: (r.priceSource as PriceSource | null) ?? null,
    unitPriceMinor: r.unitPriceMinor,
    discountBp: r.discountBp,
    taxRateBp: r.taxRateBp,
    unitCostMinor: r.unitCostMinor,
  }));
}
