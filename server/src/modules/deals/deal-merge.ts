import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database';
import { deals } from './deals.tables';

/**
 * When duplicate customers or contacts are merged, their deals follow the record that stays. Not an edit of
 * the deal (no version bump): a deal form open elsewhere stays saveable. Returns the moved deals' ids.
 */
export async function moveDealsOf(
  tx: Tx,
  tenantId: string,
  link: { kind: 'customer' | 'contact'; from: string; to: string },
): Promise<string[]> {
  const column = link.kind === 'customer' ? deals.customerId : deals.contactId;
  const moved = await tx
    .update(deals)
    .set(link.kind === 'customer' ? { customerId: link.to } : { contactId: link.to })
    .where(and(eq(deals.tenantId, tenantId), eq(column, link.from)))
    .returning({ id: deals.id });
  return moved.map((d) => d.id);
}
