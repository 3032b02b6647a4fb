import type {
  Attitude,
  Contact,
  ContactFilter,
  ContactSort,
  ContactSummary,
  DecisionRole,
  RecordMatch,
} from '@contracts/customers.contract';
import { and, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { anyOf, textArray } from '../../platform/db/arrays';
import type { Tx } from '../../platform/db/database';
import { type SearchTarget, substringCandidates, substringMatch } from '../../platform/db/substring-search';
import { encodeCursor, pageFrom } from '../../platform/http/pagination';
import { loadFields, presentCustomValues } from '../custom-fields';
import {
  type CustomerAccessFacts,
  type CustomerViewer,
  contactAbilities,
  customerScope,
} from './customers.policy';
import { keyset, namesOf, ownerCondition, scopeSql } from './customers.queries';
import { contactSearchText, contacts, customers } from './customers.tables';

/** Reads of contacts: tenant-filtered, and limited to contacts of customers the viewer may see. */

export type ContactRow = typeof contacts.$inferSelect;

/** Contacts of visible customers: a semi-join on the customer's key (tenant first, SCALE.md rule 6). */
export function visibleSql(viewer: CustomerViewer): SQL | undefined {
  const scope = scopeSql(customerScope(viewer));
  if (!scope) return undefined;
  return sql`EXISTS (SELECT 1 FROM ${customers} WHERE ${customers.tenantId} = ${contacts.tenantId}
    AND ${customers.id} = ${contacts.customerId} AND ${scope})`;
}

/**
 * What the free-text search looks in (its trigram index is contacts_search_idx): `substringCandidates` reads the
 * matching ids through it, `substringMatch` makes the condition (platform/db/substring-search.ts).
 */
export const CONTACT_SEARCH: SearchTarget = {
  table: contacts,
  id: contacts.id,
  tenantId: contacts.tenantId,
  text: sql.raw(contactSearchText('contacts')),
};

/** `candidates`: the search's, from `substringCandidates`; without them `q` is matched in the query. */
export function filterSql(
  filter: ContactFilter,
  viewer: CustomerViewer,
  candidates: readonly string[] | null = null,
): SQL[] {
  const out: (SQL | undefined)[] = [];
  if (filter.q) out.push(substringMatch(CONTACT_SEARCH, filter.q, candidates));
  if (filter.customerId) out.push(eq(contacts.customerId, filter.customerId));
  out.push(ownerCondition(contacts.ownerId, filter.ownerId, viewer));
  if (filter.role?.length) out.push(inArray(contacts.role, filter.role));
  if (filter.attitude?.length) out.push(inArray(contacts.attitude, filter.attitude));
  if (filter.tags?.length) out.push(sql`${contacts.tags} @> ${textArray(filter.tags)}::text[]`);
  return out.filter((c): c is SQL => c !== undefined);
}

const SORTS = {
  createdAt: { expr: sql`${contacts.createdAt}`, kind: 'time' },
  name: { expr: sql`lower(${contacts.name})`, kind: 'text' },
} as const;
type SortKey = keyof typeof SORTS;

const iso = (d: Date | null) => d?.toISOString() ?? null;

type Names = { users: Map<string, string>; customers: Map<string, string> };

function presentSummary(row: ContactRow, names: Names): ContactSummary {
  return {
    id: row.id,
    customerId: row.customerId,
    customerName: names.customers.get(row.customerId) ?? null,
    name: row.name,
    title: row.title,
    department: row.department,
    phone: row.phone,
    email: row.email,
    wechat: row.wechat,
    role: row.role as DecisionRole | null,
    attitude: row.attitude as Attitude,
    reportsToId: row.reportsToId,
    tags: row.tags,
    ownerId: row.ownerId,
    ownerName: row.ownerId ? (names.users.get(row.ownerId) ?? null) : null,
    lastActivityAt: iso(row.lastActivityAt),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

async function customerNames(tx: Tx, tenantId: string, ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await tx
    .select({ id: customers.id, name: customers.name })
    .from(customers)
    .where(and(eq(customers.tenantId, tenantId), anyOf(customers.id, unique, 'uuid')));
  return new Map(rows.map((r) => [r.id, r.name]));
}

async function namesFor(tx: Tx, tenantId: string, rows: readonly ContactRow[]): Promise<Names> {
  const [people, companies] = await Promise.all([
    namesOf(
      tx,
      tenantId,
      rows.map((r) => r.ownerId),
    ),
    customerNames(
      tx,
      tenantId,
      rows.map((r) => r.customerId),
    ),
  ]);
  return { users: people.users, customers: companies };
}

export type ListContactsParams = ContactFilter & {
  limit: number;
  cursor?: string | undefined;
  sort: ContactSort;
};

export async function listContactSummaries(
  tx: Tx,
  tenantId: string,
  viewer: CustomerViewer,
  params: ListContactsParams,
): Promise<{ items: ContactSummary[]; nextCursor: string | null }> {
  const desc = params.sort.startsWith('-');
  const key = (desc ? params.sort.slice(1) : params.sort) as SortKey;
  const { after, order } = keyset(SORTS[key], sql`${contacts.id}`, desc, params.cursor);
  const rows = await tx
    .select()
    .from(contacts)
    .where(
      and(
        eq(contacts.tenantId, tenantId),
        visibleSql(viewer),
        ...filterSql(params, viewer, await substringCandidates(tx, CONTACT_SEARCH, tenantId, params.q)),
        after,
      ),
    )
    .orderBy(...order)
    .limit(params.limit + 1);
  const page = pageFrom(rows, params.limit, (r) =>
    encodeCursor(key === 'name' ? r.name.toLowerCase() : r.createdAt.toISOString(), r.id),
  );
  const names = await namesFor(tx, tenantId, page.items);
  return { items: page.items.map((r) => presentSummary(r, names)), nextCursor: page.nextCursor };
}

export async function getContactRow(
  tx: Tx,
  tenantId: string,
  id: string,
  lock = false,
): Promise<ContactRow | undefined> {
  const q = tx
    .select()
    .from(contacts)
    .where(and(eq(contacts.tenantId, tenantId), eq(contacts.id, id)));
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

export async function presentContact(
  tx: Tx,
  row: ContactRow,
  customer: CustomerAccessFacts & { name: string },
  viewer: CustomerViewer,
  duplicates: RecordMatch[],
): Promise<Contact> {
  const [people, manager, fields] = await Promise.all([
    namesOf(tx, row.tenantId, [row.ownerId]),
    row.reportsToId ? getContactRow(tx, row.tenantId, row.reportsToId) : Promise.resolve(undefined),
    loadFields(tx, row.tenantId, 'contact'),
  ]);
  return {
    ...presentSummary(row, { users: people.users, customers: new Map([[row.customerId, customer.name]]) }),
    phones: row.phones,
    emails: row.emails,
    preferences: row.preferences,
    notes: row.notes,
    reportsToName: manager?.name ?? null,
    duplicates,
    custom: presentCustomValues(fields, row.custom),
    can: contactAbilities(viewer, customer),
  };
}
