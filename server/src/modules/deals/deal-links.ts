import { and, eq } from 'drizzle-orm';
import { anyOf } from '../../platform/db/arrays';
import type { Tx } from '../../platform/db/database';
import type { DealRow } from './deals.service';
import { deals } from './deals.tables';

/** Deals as other modules link to them: one by id (to check it exists and who may see it), names by id. */

export async function getDeal(tx: Tx, tenantId: string, id: string): Promise<DealRow | undefined> {
  const [row] = await tx
    .select()
    .from(deals)
    .where(and(eq(deals.tenantId, tenantId), eq(deals.id, id)));
  return row;
}

export async function dealNames(
  tx: Tx,
  tenantId: string,
  ids: readonly string[],
): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await tx
    .select({ id: deals.id, name: deals.name })
    .from(deals)
    .where(and(eq(deals.tenantId, tenantId), anyOf(deals.id, unique, 'uuid')));
  return new Map(rows.map((r) => [r.id, r.name]));
}
