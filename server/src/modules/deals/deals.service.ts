import { and, eq, type SQL, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { type Actor, changesBetween, writeAudit } from '../../platform/audit';
import type { Tx } from '../../platform/db/database';
import { decodeCursor, encodeCursor, pageFrom } from '../../platform/http/pagination';
import { deals } from './deals.tables';

/** Deals as lead conversion creates them; the deals issue adds pipelines, stages and their own API. */

export type DealRow = typeof deals.$inferSelect;

export type NewDeal = {
  name: string;
  customerId: string;
  contactId: string | null;
  amountMinor: number | null;
  currency: string;
  expectedCloseOn: string | null;
  source: string | null;
  campaignId: string | null;
  ownerId: string | null;
  teamId: string | null;
};

export async function createDeal(tx: Tx, actor: Actor, input: NewDeal): Promise<DealRow> {
  const [row] = await tx
    .insert(deals)
    .values({ tenantId: actor.tenantId, id: uuidv7(), ...input, createdBy: actor.userId })
    .returning();
  if (!row) throw new Error('deal insert returned nothing');
  await writeAudit(tx, actor, {
    entity: 'deal',
    entityId: row.id,
    action: 'create',
    changes: changesBetween(null, row, [
      'name',
      'customerId',
      'amountMinor',
      'currency',
      'source',
      'ownerId',
    ]),
  });
  return row;
}

/** A page of one customer's deals, newest first (the customer page lists them). */
export async function listCustomerDeals(
  tx: Tx,
  tenantId: string,
  customerId: string,
  page: { limit: number; cursor?: string | undefined },
): Promise<{ items: DealRow[]; nextCursor: string | null }> {
  let after: SQL | undefined;
  if (page.cursor) {
    const { value, id } = decodeCursor(page.cursor);
    after = sql`(${deals.createdAt}, ${deals.id}) < (${String(value)}::timestamptz, ${id}::uuid)`;
  }
  const rows = await tx
    .select()
    .from(deals)
    .where(and(eq(deals.tenantId, tenantId), eq(deals.customerId, customerId), after))
    .orderBy(sql`${deals.createdAt} desc`, sql`${deals.id} desc`)
    .limit(page.limit + 1);
  return pageFrom(rows, page.limit, (r) => encodeCursor(r.createdAt, r.id));
}
