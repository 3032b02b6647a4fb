import type {
  BundleItemInput,
  CreateProductBody,
  PriceAnswer,
  PriceQuery,
  Product,
  ProductDetail,
  ProductFilter,
  UpdateProductBody,
} from '@contracts/catalog.contract';
import type { Locale } from '@contracts/common';
import { divideRounded } from '@contracts/money';
import { and, asc, eq, ilike, inArray, ne, or, type SQL, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { z } from 'zod';
import { type Actor, changesBetween, writeAudit } from '../../platform/audit';
import { companyTimeZone, dayIn } from '../../platform/calendar';
import { queryRows, type Tx } from '../../platform/db/database';
import { containsPattern } from '../../platform/db/substring-search';
import { withTenant } from '../../platform/db/tenancy';
import { AppError, type FieldCode, invalidFields } from '../../platform/http/errors';
import { encodeCursor, keyset, pageFrom } from '../../platform/http/pagination';
import { translate } from '../../platform/i18n/i18n';
import type { Platform } from '../../platform/platform';
import { getCustomer } from '../customers';
import { productBundleItems, products } from './catalog.tables';
import { explainPrice, type ProductRow, resolvePrice } from './pricing';

/**
 * Products, services and bundles: the list and search, the record with its bundle items, and the changes only
 * `catalog.manage` makes (the route checks it). Every change writes its audit row in the same transaction.
 */

export type CatalogCaller = { actor: Actor; locale: Locale };

const AUDITED = [
  'code',
  'kind',
  'nameZh',
  'nameEn',
  'description',
  'category',
  'unit',
  'listPriceMinor',
  'currency',
  'taxRateBp',
  'costMinor',
  'active',
] as const satisfies readonly (keyof ProductRow)[];

/** (list − cost) / list in basis points, rounded; null when either is missing. */
function marginOf(listMinor: number, costMinor: number | null): number | null {
  if (costMinor === null || listMinor <= 0) return null;
  return Number(divideRounded(BigInt(listMinor - costMinor) * 10_000n, BigInt(listMinor)));
}

export function presentProduct(row: ProductRow): Product {
  return {
    id: row.id,
    code: row.code,
    nameZh: row.nameZh,
    nameEn: row.nameEn,
    description: row.description,
    category: row.category,
    kind: row.kind as Product['kind'],
    unit: row.unit,
    listPriceMinor: row.listPriceMinor,
    currency: row.currency,
    taxRateBp: row.taxRateBp,
    costMinor: row.costMinor,
    marginBp: marginOf(row.listPriceMinor, row.costMinor),
    active: row.active,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

async function load(tx: Tx, tenantId: string, id: string, lock = false): Promise<ProductRow> {
  const q = tx
    .select()
    .from(products)
    .where(and(eq(products.tenantId, tenantId), eq(products.id, id)));
  const [row] = lock ? await q.for('update') : await q;
  if (!row) throw new AppError('not_found');
  return row;
}

async function partOf(tx: Tx, tenantId: string, id: string) {
  return tx
    .select({ id: products.id, code: products.code, nameZh: products.nameZh, nameEn: products.nameEn })
    .from(productBundleItems)
    .innerJoin(
      products,
      and(eq(products.tenantId, productBundleItems.tenantId), eq(products.id, productBundleItems.bundleId)),
    )
    .where(and(eq(productBundleItems.tenantId, tenantId), eq(productBundleItems.itemId, id)))
    .orderBy(asc(products.code));
}

/**
 * Whether a quote line refers to the product. The catalogue imports none of the quote-to-cash modules
 * (quotes import it), so it asks the table by name; its foreign key to products backs this check up.
 */
async function isQuoted(tx: Tx, tenantId: string, id: string): Promise<boolean> {
  const rows = await queryRows<{ quoted: boolean }>(
    tx,
    sql`select exists (select 1 from quote_lines where tenant_id = ${tenantId} and product_id = ${id}) as quoted`,
  );
  return rows[0]?.quoted === true;
}

async function detail(tx: Tx, row: ProductRow): Promise<ProductDetail> {
  const items = await tx
    .select({ link: productBundleItems, item: products })
    .from(productBundleItems)
    .innerJoin(
      products,
      and(eq(products.tenantId, productBundleItems.tenantId), eq(products.id, productBundleItems.itemId)),
    )
    .where(and(eq(productBundleItems.tenantId, row.tenantId), eq(productBundleItems.bundleId, row.id)))
    .orderBy(asc(productBundleItems.position));
  return {
    ...presentProduct(row),
    items: items.map(({ link, item }) => ({
      itemId: item.id,
      code: item.code,
      nameZh: item.nameZh,
      nameEn: item.nameEn,
      kind: item.kind as Product['kind'],
      unit: item.unit,
      quantity: link.quantity.includes('.') ? link.quantity.replace(/\.?0+$/, '') : link.quantity,
      optional: link.optional,
      listPriceMinor: item.listPriceMinor,
      currency: item.currency,
      active: item.active,
    })),
    partOf: await partOf(tx, row.tenantId, row.id),
    quoted: await isQuoted(tx, row.tenantId, row.id),
  };
}

/** Codes are unique per company whatever their case; the clash is a 409 naming the `code` field. */
async function assertCodeFree(tx: Tx, caller: CatalogCaller, code: string, exceptId: string | null) {
  const [clash] = await tx
    .select({ id: products.id })
    .from(products)
    .where(
      and(
        eq(products.tenantId, caller.actor.tenantId),
        sql`lower(${products.code}) = lower(${code})`,
        exceptId ? ne(products.id, exceptId) : undefined,
      ),
    )
    .limit(1);
  if (clash) {
    throw new AppError(
      'product_code_taken',
      { code },
      {
        errors: [
          {
            path: 'code',
            code: 'product_code_taken',
            detail: translate(caller.locale, 'fields.product_code_taken'),
          },
        ],
      },
    );
  }
}

export async function listProducts(
  platform: Platform,
  caller: CatalogCaller,
  filter: z.output<typeof ProductFilter>,
): Promise<{ items: Product[]; nextCursor: string | null }> {
  return withTenant(platform.db, caller.actor.tenantId, async (tx) => {
    const codeKey = sql`lower(${products.code})`;
    const page = keyset({ expr: codeKey, kind: 'text' }, sql`${products.id}`, false, filter.cursor);
    const pattern = filter.q ? containsPattern(filter.q) : null;
    const conditions: (SQL | undefined)[] = [
      eq(products.tenantId, caller.actor.tenantId),
      pattern
        ? or(ilike(products.code, pattern), ilike(products.nameZh, pattern), ilike(products.nameEn, pattern))
        : undefined,
      filter.category ? eq(products.category, filter.category) : undefined,
      filter.kind ? eq(products.kind, filter.kind) : undefined,
      filter.active === 'all' ? undefined : eq(products.active, filter.active === 'true'),
      page.after,
    ];
    const rows = await tx
      .select()
      .from(products)
      .where(and(...conditions))
      .orderBy(...page.order)
      .limit(filter.limit + 1);
    const result = pageFrom(rows, filter.limit, (r) => encodeCursor(r.code.toLowerCase(), r.id));
    return { items: result.items.map(presentProduct), nextCursor: result.nextCursor };
  });
}

export async function getProduct(
  platform: Platform,
  caller: CatalogCaller,
  id: string,
): Promise<ProductDetail> {
  return withTenant(platform.db, caller.actor.tenantId, async (tx) =>
    detail(tx, await load(tx, caller.actor.tenantId, id)),
  );
}

export async function createProduct(
  platform: Platform,
  caller: CatalogCaller,
  input: z.output<typeof CreateProductBody>,
): Promise<ProductDetail> {
  return withTenant(platform.db, caller.actor.tenantId, async (tx) => {
    await assertCodeFree(tx, caller, input.code, null);
    const id = uuidv7();
    const [row] = await tx
      .insert(products)
      .values({ tenantId: caller.actor.tenantId, id, ...input, createdBy: caller.actor.userId })
      .returning();
    if (!row) throw new AppError('internal');
    await writeAudit(tx, caller.actor, {
      entity: 'product',
      entityId: id,
      action: 'create',
      changes: changesBetween(null, row, AUDITED),
    });
    return detail(tx, row);
  });
}

export async function updateProduct(
  platform: Platform,
  caller: CatalogCaller,
  id: string,
  expectedVersion: number | null,
  input: Omit<z.output<typeof UpdateProductBody>, 'version'>,
): Promise<ProductDetail> {
  return withTenant(platform.db, caller.actor.tenantId, async (tx) => {
    const tenantId = caller.actor.tenantId;
    const before = await load(tx, tenantId, id, true);
    if (expectedVersion !== null && before.version !== expectedVersion)
      throw new AppError('version_conflict');
    if (input.code !== undefined && input.code.toLowerCase() !== before.code.toLowerCase()) {
      await assertCodeFree(tx, caller, input.code, id);
    }
    // A bundle holds only non-bundles, so a product inside a bundle cannot become one, nor a bundle with
    // items stop being one: either would leave a nested or orphaned bundle.
    if (input.kind !== undefined && input.kind !== before.kind) {
      const links =
        input.kind === 'bundle'
          ? (await partOf(tx, tenantId, id)).length
          : (
              await tx
                .select({ itemId: productBundleItems.itemId })
                .from(productBundleItems)
                .where(and(eq(productBundleItems.tenantId, tenantId), eq(productBundleItems.bundleId, id)))
                .limit(1)
            ).length;
      if (links > 0) throw invalidFields({ path: 'kind', code: 'bundle_kind_change' });
    }
    const values = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
    const [after] = await tx
      .update(products)
      .set({ ...values, version: before.version + 1, updatedAt: new Date() })
      .where(and(eq(products.tenantId, tenantId), eq(products.id, id)))
      .returning();
    if (!after) throw new AppError('not_found');
    await writeAudit(tx, caller.actor, {
      entity: 'product',
      entityId: id,
      action: 'update',
      changes: changesBetween(before, after, AUDITED),
    });
    return detail(tx, after);
  });
}

export async function archiveProduct(
  platform: Platform,
  caller: CatalogCaller,
  id: string,
): Promise<ProductDetail> {
  return withTenant(platform.db, caller.actor.tenantId, async (tx) => {
    const before = await load(tx, caller.actor.tenantId, id, true);
    if (!before.active) return detail(tx, before);
    const [after] = await tx
      .update(products)
      .set({ active: false, version: before.version + 1, updatedAt: new Date() })
      .where(and(eq(products.tenantId, caller.actor.tenantId), eq(products.id, id)))
      .returning();
    if (!after) throw new AppError('not_found');
    await writeAudit(tx, caller.actor, {
      entity: 'product',
      entityId: id,
      action: 'archive',
      changes: changesBetween(before, after, ['active']),
    });
    return detail(tx, after);
  });
}

/** Only a product no quote line and no bundle refers to can go; the others are archived instead. */
export async function deleteProduct(platform: Platform, caller: CatalogCaller, id: string): Promise<void> {
  await withTenant(platform.db, caller.actor.tenantId, async (tx) => {
    const tenantId = caller.actor.tenantId;
    const before = await load(tx, tenantId, id, true);
    if ((await isQuoted(tx, tenantId, id)) || (await partOf(tx, tenantId, id)).length > 0) {
      throw new AppError('in_use');
    }
    await tx.delete(products).where(and(eq(products.tenantId, tenantId), eq(products.id, id)));
    await writeAudit(tx, caller.actor, {
      entity: 'product',
      entityId: id,
      action: 'delete',
      changes: changesBetween(before, null, ['code', 'nameZh', 'nameEn']),
    });
  });
}

export async function setBundleItems(
  platform: Platform,
  caller: CatalogCaller,
  id: string,
  items: readonly z.output<typeof BundleItemInput>[],
): Promise<ProductDetail> {
  return withTenant(platform.db, caller.actor.tenantId, async (tx) => {
    const tenantId = caller.actor.tenantId;
    const bundle = await load(tx, tenantId, id, true);
    if (bundle.kind !== 'bundle') throw invalidFields({ path: 'items', code: 'not_a_bundle' });
    const ids = items.map((i) => i.itemId);
    const found =
      ids.length === 0
        ? []
        : await tx
            .select({ id: products.id, kind: products.kind })
            .from(products)
            .where(and(eq(products.tenantId, tenantId), inArray(products.id, ids)));
    const kinds = new Map(found.map((p) => [p.id, p.kind]));
    const seen = new Set<string>();
    const problems: { path: string; code: FieldCode }[] = [];
    for (const [i, item] of items.entries()) {
      const path = `items.${i}.itemId`;
      if (item.itemId === id) problems.push({ path, code: 'bundle_self' });
      else if (!kinds.has(item.itemId)) problems.push({ path, code: 'unknown_product' });
      else if (kinds.get(item.itemId) === 'bundle') problems.push({ path, code: 'bundle_item_is_bundle' });
      else if (seen.has(item.itemId)) problems.push({ path, code: 'duplicate_bundle_item' });
      seen.add(item.itemId);
    }
    if (problems.length > 0) throw invalidFields(...problems);

    const previous = await tx
      .select({ itemId: productBundleItems.itemId, quantity: productBundleItems.quantity })
      .from(productBundleItems)
      .where(and(eq(productBundleItems.tenantId, tenantId), eq(productBundleItems.bundleId, id)))
      .orderBy(asc(productBundleItems.position));
    await tx
      .delete(productBundleItems)
      .where(and(eq(productBundleItems.tenantId, tenantId), eq(productBundleItems.bundleId, id)));
    if (items.length > 0) {
      await tx
        .insert(productBundleItems)
        .values(items.map((item, position) => ({ tenantId, bundleId: id, position, ...item })));
    }
    const [after] = await tx
      .update(products)
      .set({ version: bundle.version + 1, updatedAt: new Date() })
      .where(and(eq(products.tenantId, tenantId), eq(products.id, id)))
      .returning();
    if (!after) throw new AppError('not_found');
    await writeAudit(tx, caller.actor, {
      entity: 'product',
      entityId: id,
      action: 'set_items',
      changes: {
        items: {
          from: previous.map((p) => p.itemId),
          to: items.map((i) => i.itemId),
        },
      },
    });
    return detail(tx, after);
  });
}

/** The company's calendar day now (YYYY-MM-DD in its time zone). */
function today(platform: Platform, timeZone: string): string {
  return dayIn(platform.clock.now(), timeZone);
}

export async function priceProduct(
  platform: Platform,
  caller: CatalogCaller,
  id: string,
  query: z.output<typeof PriceQuery>,
): Promise<PriceAnswer> {
  return withTenant(platform.db, caller.actor.tenantId, async (tx) => {
    const tenantId = caller.actor.tenantId;
    const product = await load(tx, tenantId, id);
    const on = query.on ?? today(platform, await companyTimeZone(tx, tenantId));
    const currency = query.currency ?? product.currency;
    if (query.customerId) {
      const customer = await getCustomer(tx, tenantId, query.customerId);
      if (!customer) throw invalidFields({ path: 'customerId', code: 'unknown_customer' });
    }
    const resolved = await resolvePrice(tx, tenantId, {
      productId: id,
      quantity: query.quantity,
      currency,
      customerId: query.customerId ?? null,
      on,
      ...(query.priceBookId ? { priceBookId: query.priceBookId } : {}),
      channel: query.channel ?? null,
    });
    return {
      productId: id,
      currency,
      quantity: query.quantity,
      on,
      listPriceMinor: resolved.listPriceMinor,
      unitPriceMinor: resolved.unitPriceMinor,
      source: resolved.source,
      explanation: explainPrice(resolved.source, caller.locale),
    };
  });
}
