import { and, asc, eq, inArray, isNotNull } from 'drizzle-orm';
import type { Tx } from '../../../platform/db/database';
import { contacts, customers } from '../customers.tables';

/**
 * The owned customers of a company with their contacts, for demo seeders of other modules (activities
 * write a history on each). Oldest first, so a seeded sequence is the same on every run.
 */

export type DemoAccount = {
  id: string;
  name: string;
  address: string | null;
  ownerId: string;
  tier: string | null;
  lifecycleStage: string | null;
  createdAt: Date;
  contacts: { id: string; name: string; role: string | null }[];
};

export async function demoAccounts(tx: Tx, tenantId: string): Promise<DemoAccount[]> {
  const rows = await tx
    .select({
      id: customers.id,
      name: customers.name,
      address: customers.address,
      ownerId: customers.ownerId,
      tier: customers.tier,
      lifecycleStage: customers.lifecycleStage,
      createdAt: customers.createdAt,
    })
    .from(customers)
    .where(and(eq(customers.tenantId, tenantId), isNotNull(customers.ownerId)))
    .orderBy(asc(customers.createdAt), asc(customers.name));
  const people =
    rows.length === 0
      ? []
      : await tx
          .select({
            id: contacts.id,
            customerId: contacts.customerId,
            name: contacts.name,
            role: contacts.role,
          })
          .from(contacts)
          .where(
            and(
              eq(contacts.tenantId, tenantId),
              inArray(
                contacts.customerId,
                rows.map((r) => r.id),
              ),
            ),
          )
          .orderBy(asc(contacts.createdAt), asc(contacts.name));
  return rows.map((r) => ({
    ...r,
    ownerId: r.ownerId ?? '',
    contacts: people.filter((p) => p.customerId === r.id).map(({ id, name, role }) => ({ id, name, role })),
  }));
}
