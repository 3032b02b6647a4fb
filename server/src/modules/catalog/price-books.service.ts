import type {
  CreatePriceBookBody,
  PriceBook,
  PriceBookDetail,
  PriceBookEntryInput,
  UpdatePriceBookBody,
} from '@contracts/catalog.contract';
import { and, asc, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { z } from 'zod';
import { changesBetween, writeAudit } from '../../platform/audit';
import type { Tx } from '../../platform/db/database';
import { withTenant } from '../../platform/db/tenancy';
import { AppError, type FieldCode, invalidFields } from '../../platform/http/errors';
import type { Platform } from '../../platform/platform';
import { priceBookEntries, priceBooks, products } from './catalog.tables';
import type { CatalogCaller } from './products.service';

/**
 * Price books: who they apply to (tier, region, channel — unset means any), when (validity dates), how they
 * rank (priority), and their entries, a unit price per product from a minimum quantity on (volume tiers), in
 * the book's currency. `resolvePrice` reads them; this file keeps them.
 */

type BookRow = typeof priceBooks.$inferSelect;

const AUDITED = [
  'name',
  'currency',
  'customerTier',
  'region',
  'channel',
  'validFrom',
  'validTo',
  'priority',
  'active',
] as const satisfies readonly (keyof BookRow)[];

const canonicalQuantity = (q: string) => (q.includes('.') ? q.replace(/\.?0+$/, '') : q);

function present(row: BookRow, entryCount: number): PriceBook {
  return {
    id: row.id,
    name: row.name,
    currency: row.currency,
    customerTier: row.customerTier as PriceBook['customerTier'],
    region: row.region,
    channel: row.channel,
    validFrom: row.validFrom,
    validTo: row.validTo,
    priority: row.priority,
    active: row.active,
    entryCount,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

async function load(tx: Tx, tenantId: string, id: string, lock = false): Promise<BookRow> {
  const q = tx
    .select()
    .from(priceBooks)
    .where(and(eq(priceBooks.tenantId, tenantId), eq(priceBooks.id, id)));
  const [row] = lock ? await q.for('update') : await q;
  if (!row) throw new AppError('not_found');
  return row;
}

async function detail(tx: Tx, row: BookRow): Promise<PriceBookDetail> {
  const rows = await tx
    .select({ entry: priceBookEntries, product: products })
    .from(priceBookEntries)
    .innerJoin(
      products,
      and(eq(products.tenantId, priceBookEntries.tenantId), eq(products.id, priceBookEntries.productId)),
    )
    .where(and(eq(priceBookEntries.tenantId, row.tenantId), eq(priceBookEntries.priceBookId, row.id)))
    .orderBy(asc(sql`lower(${products.code})`), asc(priceBookEntries.minQuantity));
  return {
    ...present(row, rows.length),
    entries: rows.map(({ entry, product }) => ({
      id: entry.id,
      productId: product.id,
      productCode: product.code,
      productNameZh: product.nameZh,
      productNameEn: product.nameEn,
      unit: product.unit,
      minQuantity: canonicalQuantity(entry.minQuantity),
      unitPriceMinor: entry.unitPriceMinor,
      listPriceMinor: product.listPriceMinor,
      listCurrency: product.currency,
    })),
  };
}

async function assertNameFree(tx: Tx, tenantId: string, name: string, exceptId: string | null) {
  const [clash] = await tx
    .select({ id: priceBooks.id })
    .from(priceBooks)
    .where(
      and(
        eq(priceBooks.tenantId, tenantId),
        sql`lower(${priceBooks.name}) = lower(${name})`,
        exceptId ? ne(priceBooks.id, exceptId) : undefined,
      ),
    )
    .limit(1);
  if (clash) throw new AppError('name_taken');
}

function assertValidity(validFrom: string | null, validTo: string | null): void {
  if (validFrom && validTo && validTo < validFrom) {
    throw invalidFields({ path: 'validTo', code: 'ends_before_start' });
  }
}

export async function listPriceBooks(
  platform: Platform,
  caller: CatalogCaller,
): Promise<{ items: PriceBook[] }> {
  return withTenant(platform.db, caller.actor.tenantId, async (tx) => {
    const tenantId = caller.actor.tenantId;
    const rows = await tx
      .select()
      .from(priceBooks)
      .where(eq(priceBooks.tenantId, tenantId))
      .orderBy(desc(priceBooks.active), desc(priceBooks.priority), asc(sql`lower(${priceBooks.name})`));
    const counts = await tx
      .select({ bookId: priceBookEntries.priceBookId, n: sql<number>`count(*)::int` })
      .from(priceBookEntries)
      .where(eq(priceBookEntries.tenantId, tenantId))
      .groupBy(priceBookEntries.priceBookId);
    const countOf = new Map(counts.map((c) => [c.bookId, Number(c.n)]));
    return { items: rows.map((r) => present(r, countOf.get(r.id) ?? 0)) };
  });
}

export async function getPriceBook(
  platform: Platform,
  caller: CatalogCaller,
  id: string,
): Promise<PriceBookDetail> {
  return withTenant(platform.db, caller.actor.tenantId, async (tx) =>
    detail(tx, await load(tx, caller.actor.tenantId, id)),
  );
}

export async function createPriceBook(
  platform: Platform,
  caller: CatalogCaller,
  input: z.output<typeof CreatePriceBookBody>,
): Promise<PriceBookDetail> {
  return withTenant(platform.db, caller.actor.tenantId, async (tx) => {
    const tenantId = caller.actor.tenantId;
    assertValidity(input.validFrom, input.validTo);
    await assertNameFree(tx, tenantId, input.name, null);
    const id = uuidv7();
    const [row] = await tx
      .insert(priceBooks)
      .values({ tenantId, id, ...input, createdBy: caller.actor.userId })
      .returning();
    if (!row) throw new AppError('internal');
    await writeAudit(tx, caller.actor, {
      entity: 'price_book',
      entityId: id,
      action: 'create',
      changes: changesBetween(null, row, AUDITED),
    });
    return detail(tx, row);
  });
}

export async function updatePriceBook(
  platform: Platform,
  caller: CatalogCaller,
  id: string,
  expectedVersion: number | null,
  input: Omit<z.output<typeof UpdatePriceBookBody>, 'version'>,
): Promise<PriceBookDetail> {
  return withTenant(platform.db, caller.actor.tenantId, async (tx) => {
    const tenantId = caller.actor.tenantId;
    const before = await load(tx, tenantId, id, true);
    if (expectedVersion !== null && before.version !== expectedVersion)
      throw new AppError('version_conflict');
    assertValidity(
      input.validFrom !== undefined ? input.validFrom : before.validFrom,
      input.validTo !== undefined ? input.validTo : before.validTo,
    );
    if (input.name !== undefined) await assertNameFree(tx, tenantId, input.name, id);
    const values = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
    const [after] = await tx
      .update(priceBooks)
      .set({ ...values, version: before.version + 1, updatedAt: new Date() })
      .where(and(eq(priceBooks.tenantId, tenantId), eq(priceBooks.id, id)))
      .returning();
    if (!after) throw new AppError('not_found');
    await writeAudit(tx, caller.actor, {
      entity: 'price_book',
      entityId: id,
      action: 'update',
      changes: changesBetween(before, after, AUDITED),
    });
    return detail(tx, after);
  });
}

export async function deletePriceBook(platform: Platform, caller: CatalogCaller, id: string): Promise<void> {
  await withTenant(platform.db, caller.actor.tenantId, async (tx) => {
    const tenantId = caller.actor.tenantId;
    const before = await load(tx, tenantId, id, true);
    await tx.delete(priceBooks).where(and(eq(priceBooks.tenantId, tenantId), eq(priceBooks.id, id)));
    await writeAudit(tx, caller.actor, {
      entity: 'price_book',
      entityId: id,
      action: 'delete',
      changes: changesBetween(before, null, ['name', 'currency']),
    });
  });
}

/** Replaces every entry of the book; a product's tiers are told apart by their minimum quantity. */
export async function setPriceBookEntries(
  platform: Platform,
  caller: CatalogCaller,
  id: string,
  entries: readonly z.output<typeof PriceBookEntryInput>[],
): Promise<PriceBookDetail> {
  return withTenant(platform.db, caller.actor.tenantId, async (tx) => {
    const tenantId = caller.actor.tenantId;
    const book = await load(tx, tenantId, id, true);
    const ids = [...new Set(entries.map((e) => e.productId))];
    const found =
      ids.length === 0
        ? []
        : await tx
            .select({ id: products.id })
            .from(products)
            .where(and(eq(products.tenantId, tenantId), inArray(products.id, ids)));
    const known = new Set(found.map((p) => p.id));
    const seen = new Set<string>();
    const problems: { path: string; code: FieldCode }[] = [];
    for (const [i, entry] of entries.entries()) {
      const key = `${entry.productId}|${entry.minQuantity}`;
      if (!known.has(entry.productId))
        problems.push({ path: `entries.${i}.productId`, code: 'unknown_product' });
      else if (seen.has(key))
        problems.push({ path: `entries.${i}.minQuantity`, code: 'duplicate_price_tier' });
      seen.add(key);
    }
    if (problems.length > 0) throw invalidFields(...problems);

    const before = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(priceBookEntries)
      .where(and(eq(priceBookEntries.tenantId, tenantId), eq(priceBookEntries.priceBookId, id)));
    await tx
      .delete(priceBookEntries)
      .where(and(eq(priceBookEntries.tenantId, tenantId), eq(priceBookEntries.priceBookId, id)));
    if (entries.length > 0) {
      await tx
        .insert(priceBookEntries)
        .values(entries.map((entry) => ({ tenantId, id: uuidv7(), priceBookId: id, ...entry })));
    }
    const [after] = await tx
      .update(priceBooks)
      .set({ version: book.version + 1, updatedAt: new Date() })
      .where(and(eq(priceBooks.tenantId, tenantId), eq(priceBooks.id, id)))
      .returning();
    if (!after) throw new AppError('not_found');
    await writeAudit(tx, caller.actor, {
      entity: 'price_book',
      entityId: id,
      action: 'set_entries',
      changes: { entries: { from: Number(before[0]?.n ?? 0), to: entries.length } },
    });
    return detail(tx, after);
  });
}
