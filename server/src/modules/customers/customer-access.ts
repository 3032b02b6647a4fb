import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Tx } from '../../platform/db/database';
import { customers } from './customers.tables';

/**
 * What other modules' records that belong to a customer (deals) need to know about it to decide access: the
 * customer's owner and the users it is shared with, for one row or as a condition in a list query.
 */

export type CustomerOwnership = { ownerId: string | null; sharedWith: string[] };

export async function customerOwnership(
  tx: Tx,
  tenantId: string,
  customerId: string,
): Promise<CustomerOwnership | null> {
  const [row] = await tx
    .select({ ownerId: customers.ownerId, sharedWith: customers.sharedWith })
    .from(customers)
    .where(and(eq(customers.tenantId, tenantId), eq(customers.id, customerId)));
  return row ?? null;
}

/**
 * True where the customer in `customerId` (a column of the caller's table) is owned by or shared with the user
 * (`@>` so the GIN index on shared_with serves it).
 */
export function customerOpenToSql(tenantId: string, customerId: AnyPgColumn | SQL, userId: string): SQL {
  return sql`EXISTS (SELECT 1 FROM ${customers} c WHERE c.tenant_id = ${tenantId} AND c.id = ${customerId}
    AND (c.owner_id = ${userId}::uuid OR c.shared_with @> ARRAY[${userId}::uuid]))`;
}
