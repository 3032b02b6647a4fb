import { and, eq, or, type SQL, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { type Actor, changesBetween, writeAudit } from '../../platform/audit';
import { anyOf } from '../../platform/db/arrays';
import { queryRows, type Tx } from '../../platform/db/database';
import { normalizeCompany, normalizeEmail, normalizePhone } from '../../platform/text/normalize';
import { contacts, customers } from './customers.tables';

/**
 * Customers and contacts as other modules need them: the duplicate check looks them up, lead conversion
 * creates them, logged activities move their last-activity time. The module's own API is in
 * customer-profile.service.ts, contacts.service.ts and customer-tags.service.ts.
 */

export type CustomerRow = typeof customers.$inferSelect;
export type ContactRow = typeof contacts.$inferSelect;

export type KnownKeys = {
  emails: string[];
  phones: string[];
  /** Normalised company names, compared with customers' display and legal names. */
  companies: string[];
  /** Unified social credit codes. */
  creditCodes?: string[];
};

export type KnownMatch =
  | { kind: 'contact'; id: string; name: string; emailNorm: string | null; phoneNorm: string | null }
  | {
      kind: 'customer';
      id: string;
      name: string;
      /** The company name that matched (display or legal), else the display name. */
      nameNorm: string;
      phoneNorm: string | null;
      creditCode: string | null;
    };

/**
 * Contacts with one of the emails or phones, and customers with one of the company names (display or
 * legal), credit codes or phones.
 */
export async function findKnown(
  tx: Tx,
  tenantId: string,
  keys: KnownKeys,
  limit = 1000,
): Promise<KnownMatch[]> {
  const contactWhere: SQL[] = [];
  if (keys.emails.length) contactWhere.push(anyOf(contacts.emailNorm, keys.emails));
  if (keys.phones.length) contactWhere.push(anyOf(contacts.phoneNorm, keys.phones));
  const customerWhere: SQL[] = [];
  if (keys.companies.length) {
    customerWhere.push(anyOf(customers.nameNorm, keys.companies));
    customerWhere.push(anyOf(customers.legalNameNorm, keys.companies));
  }
  if (keys.phones.length) customerWhere.push(anyOf(customers.phoneNorm, keys.phones));
  if (keys.creditCodes?.length) customerWhere.push(anyOf(customers.creditCode, keys.creditCodes));
  const parts: SQL[] = [];
  if (contactWhere.length > 0) {
    parts.push(sql`(SELECT 'contact' AS kind, ${contacts.id} AS id, ${contacts.name} AS name,
        ${contacts.emailNorm} AS email_norm, ${contacts.phoneNorm} AS phone_norm, NULL::text AS name_norm,
        NULL::text AS credit_code
      FROM ${contacts} WHERE ${and(eq(contacts.tenantId, tenantId), or(...contactWhere))} LIMIT ${limit})`);
  }
  if (customerWhere.length > 0) {
    const matchedName = keys.companies.length
      ? sql`CASE WHEN ${anyOf(customers.legalNameNorm, keys.companies)}
          AND NOT ${anyOf(customers.nameNorm, keys.companies)} THEN ${customers.legalNameNorm}
          ELSE ${customers.nameNorm} END`
      : sql`${customers.nameNorm}`;
    parts.push(sql`(SELECT 'customer' AS kind, ${customers.id} AS id, ${customers.name} AS name,
        NULL::text AS email_norm, ${customers.phoneNorm} AS phone_norm, ${matchedName} AS name_norm,
        ${customers.creditCode} AS credit_code
      FROM ${customers} WHERE ${and(eq(customers.tenantId, tenantId), or(...customerWhere))} LIMIT ${limit})`);
  }
  if (parts.length === 0) return [];
  // Contacts and customers in one round trip: the duplicate check runs on every new lead.
  const rows = await queryRows<{
    kind: 'contact' | 'customer';
    id: string;
    name: string;
    email_norm: string | null;
    phone_norm: string | null;
    name_norm: string | null;
    credit_code: string | null;
  }>(tx, sql.join(parts, sql` UNION ALL `));
  return rows.map((r) =>
    r.kind === 'contact'
      ? { kind: 'contact', id: r.id, name: r.name, emailNorm: r.email_norm, phoneNorm: r.phone_norm }
      : {
          kind: 'customer',
          id: r.id,
          name: r.name,
          nameNorm: r.name_norm ?? '',
          phoneNorm: r.phone_norm,
          creditCode: r.credit_code,
        },
  );
}

export type NewCustomer = {
  name: string;
  industry: string | null;
  companySize: string | null;
  region: string | null;
  phone: string | null;
  source: string | null;
  campaignId: string | null;
  ownerId: string | null;
  teamId: string | null;
  /** Custom-field values, already checked (a converted lead's carried ones). */
  custom?: Record<string, unknown>;
};

export async function createCustomer(tx: Tx, actor: Actor, input: NewCustomer): Promise<CustomerRow> {
  const [row] = await tx
    .insert(customers)
    .values({
      tenantId: actor.tenantId,
      id: uuidv7(),
      ...input,
      nameNorm: normalizeCompany(input.name) ?? input.name.toLowerCase(),
      phoneNorm: normalizePhone(input.phone),
      createdBy: actor.userId,
    })
    .returning();
  if (!row) throw new Error('customer insert returned nothing');
  await writeAudit(tx, actor, {
    entity: 'customer',
    entityId: row.id,
    action: 'create',
    changes: changesBetween(null, row, ['name', 'industry', 'region', 'source', 'ownerId']),
  });
  return row;
}

export type NewContact = {
  customerId: string;
  name: string;
  title: string | null;
  phone: string | null;
  email: string | null;
  ownerId: string | null;
};

export async function createContact(tx: Tx, actor: Actor, input: NewContact): Promise<ContactRow> {
  const [row] = await tx
    .insert(contacts)
    .values({
      tenantId: actor.tenantId,
      id: uuidv7(),
      ...input,
      phoneNorm: normalizePhone(input.phone),
      emailNorm: normalizeEmail(input.email),
      createdBy: actor.userId,
    })
    .returning();
  if (!row) throw new Error('contact insert returned nothing');
  await writeAudit(tx, actor, {
    entity: 'contact',
    entityId: row.id,
    action: 'create',
    changes: changesBetween(null, row, ['name', 'customerId', 'title', 'phone', 'email']),
  });
  return row;
}

export async function getCustomer(tx: Tx, tenantId: string, id: string): Promise<CustomerRow | undefined> {
  const [row] = await tx
    .select()
    .from(customers)
    .where(and(eq(customers.tenantId, tenantId), eq(customers.id, id)));
  return row;
}

export async function getContact(tx: Tx, tenantId: string, id: string): Promise<ContactRow | undefined> {
  const [row] = await tx
    .select()
    .from(contacts)
    .where(and(eq(contacts.tenantId, tenantId), eq(contacts.id, id)));
  return row;
}

/**
 * Records that an activity happened with a customer and/or contact at `at` (the activities module calls
 * it in its own transaction). The time only moves forward, and no version is bumped: it is not an edit, so a
 * form open on the record stays saveable.
 */
export async function noteActivity(
  tx: Tx,
  tenantId: string,
  links: { customerId?: string | null | undefined; contactId?: string | null | undefined },
  at: Date,
): Promise<void> {
  const latest = (column: typeof customers.lastActivityAt | typeof contacts.lastActivityAt) =>
    sql`greatest(coalesce(${column}, ${at}), ${at})`;
  if (links.customerId) {
    await tx
      .update(customers)
      .set({ lastActivityAt: latest(customers.lastActivityAt) })
      .where(and(eq(customers.tenantId, tenantId), eq(customers.id, links.customerId)));
  }
  if (links.contactId) {
    await tx
      .update(contacts)
      .set({ lastActivityAt: latest(contacts.lastActivityAt) })
      .where(and(eq(contacts.tenantId, tenantId), eq(contacts.id, links.contactId)));
  }
}
