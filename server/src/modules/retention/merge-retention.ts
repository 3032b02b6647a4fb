import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database';
import { customerChurns, customerRetention } from './retention.tables';

/**
 * When a duplicate customer is merged into another, its churn history follows the customer that stays; its
 * computed retention row is dropped (the target's stays, and the next recompute sees the merged deals).
 */
export async function mergeCustomerRetention(
  tx: Tx,
  tenantId: string,
  fromCustomerId: string,
  toCustomerId: string,
): Promise<number> {
  const churns = await tx
    .update(customerChurns)
    .set({ customerId: toCustomerId })
    .where(and(eq(customerChurns.tenantId, tenantId), eq(customerChurns.customerId, fromCustomerId)))
    .returning({ id: customerChurns.id });
  await tx
    .delete(customerRetention)
    .where(and(eq(customerRetention.tenantId, tenantId), eq(customerRetention.customerId, fromCustomerId)));
  return churns.length;
}
