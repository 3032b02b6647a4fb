import { and, eq } from 'drizzle-orm';
import { type Actor, changesBetween, writeAudit } from '../../platform/audit';
import type { Tx } from '../../platform/db/database';
import { customers } from './customers.tables';

/**
 * Custom-field values another module carries onto an existing customer (a converted lead's, already matched
 * to the customer's fields by the custom-fields module): added only where the customer holds no value yet,
 * so nothing a person entered is overwritten. Audited as an update of `custom`; returns the keys added.
 */
export async function addCustomerCustomValues(
  tx: Tx,
  actor: Actor,
  customerId: string,
  values: Record<string, unknown>,
  now: Date,
): Promise<string[]> {
  if (Object.keys(values).length === 0) return [];
  const where = and(eq(customers.tenantId, actor.tenantId), eq(customers.id, customerId));
  const [before] = await tx.select().from(customers).where(where).for('update');
  if (!before) return [];
  const added = Object.keys(values).filter((key) => before.custom[key] === undefined);
  if (added.length === 0) return [];
  const custom = { ...before.custom, ...Object.fromEntries(added.map((key) => [key, values[key]])) };
  const [after] = await tx
    .update(customers)
    .set({ custom, version: before.version + 1, updatedAt: now })
    .where(where)
    .returning();
  if (!after) return [];
  await writeAudit(tx, actor, {
    entity: 'customer',
    entityId: customerId,
    action: 'update',
    changes: changesBetween(before, after, ['custom']),
  });
  return added;
}
