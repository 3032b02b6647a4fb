import { and, eq } from 'drizzle-orm';
import { anyOf } from '../../platform/db/arrays';
import type { Tx } from '../../platform/db/database';
import { contracts } from './contracts.tables';

/** What other modules read about contracts by id (no access check: callers already hold visible ids). */

export type ContractName = { id: string; number: string; title: string; status: string };

/** Number, title and status by id, for lists and links in other modules. */
export async function contractNames(
  tx: Tx,
  tenantId: string,
  ids: readonly string[],
): Promise<Map<string, ContractName>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await tx
    .select({ id: contracts.id, number: contracts.number, title: contracts.title, status: contracts.status })
    .from(contracts)
    .where(and(eq(contracts.tenantId, tenantId), anyOf(contracts.id, unique, 'uuid')));
  return new Map(rows.map((r) => [r.id, r]));
}
