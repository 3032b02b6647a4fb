import { and, eq, type SQL, sql } from 'drizzle-orm';
import { anyOf } from '../../platform/db/arrays';
import { queryRows, type Tx } from '../../platform/db/database';
import { contacts, customers } from './customers.tables';

/**
 * Names of customers and contacts by id, in one round trip: other modules show them beside their own
 * records (an activity's customer and contact). The caller decides what the reader may see.
 */
export async function customerAndContactNames(
  tx: Tx,
  tenantId: string,
  ids: { customerIds: readonly string[]; contactIds: readonly string[] },
): Promise<{ customers: Map<string, string>; contacts: Map<string, string> }> {
  const customerIds = [...new Set(ids.customerIds)];
  const contactIds = [...new Set(ids.contactIds)];
  const parts: SQL[] = [];
  if (customerIds.length > 0) {
    parts.push(sql`(SELECT 'customer' AS kind, ${customers.id} AS id, ${customers.name} AS name FROM ${customers}
      WHERE ${and(eq(customers.tenantId, tenantId), anyOf(customers.id, customerIds, 'uuid'))})`);
  }
  if (contactIds.length > 0) {
    parts.push(sql`(SELECT 'contact' AS kind, ${contacts.id} AS id, ${contacts.name} AS name FROM ${contacts}
      WHERE ${and(eq(contacts.tenantId, tenantId), anyOf(contacts.id, contactIds, 'uuid'))})`);
  }
  const rows =
    parts.length === 0
      ? []
      : await queryRows<{ kind: 'customer' | 'contact'; id: string; name: string }>(
          tx,
          sql.join(parts, sql` UNION ALL `),
        );
  return {
    customers: new Map(rows.filter((r) => r.kind === 'customer').map((r) => [r.id, r.name])),
    contacts: new Map(rows.filter((r) => r.kind === 'contact').map((r) => [r.id, r.name])),
  };
}

export type ContactCard = { id: string; name: string; title: string | null; customerId: string };

/** Name, title and customer of contacts by id: a deal lists its contacts and checks they are the customer's. */
export async function contactCards(
  tx: Tx,
  tenantId: string,
  ids: readonly string[],
): Promise<Map<string, ContactCard>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await tx
    .select({ id: contacts.id, name: contacts.name, title: contacts.title, customerId: contacts.customerId })
    .from(contacts)
    .where(and(eq(contacts.tenantId, tenantId), anyOf(contacts.id, unique, 'uuid')));
  return new Map(rows.map((r) => [r.id, r]));
}
