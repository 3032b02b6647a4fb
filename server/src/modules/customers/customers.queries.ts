import type { Role } from '@contracts/common';
import type {
  Customer,
  CustomerFilter,
  CustomerSort,
  CustomerSummary,
  CustomerTier,
  LifecycleStage,
  RecordMatch,
} from '@contracts/customers.contract';
import type { CompanySize } from '@contracts/leads.contract';
import { type AnyColumn, and, eq, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import { anyOf, textArray } from '../../platform/db/arrays';
import { queryRows, type Tx } from '../../platform/db/database';
import { teamMembers, teams, users } from '../../platform/db/identity.tables';
import { rowByKey } from '../../platform/db/row-by-key';
import { type SearchTarget, substringCandidates, substringMatch } from '../../platform/db/substring-search';
import { encodeCursor, keyset, pageFrom } from '../../platform/http/pagination';
import { loadFields, presentCustomValues } from '../custom-fields';
import {
  type CustomerScope,
  type CustomerViewer,
  customerAbilities,
  customerScope,
} from './customers.policy';
import { type contacts, customerSearchText, customers } from './customers.tables';

/** Reads of customers: tenant-filtered (SCALE.md rule 6) and narrowed to what the viewer may see. */

export type CustomerRow = typeof customers.$inferSelect;

export async function loadViewer(
  tx: Tx,
  tenantId: string,
  user: { userId: string; role: Role },
): Promise<CustomerViewer> {
  const onlyOwn: CustomerViewer = { ...user, teamIds: [], teammateIds: [user.userId] };
  // Only a team-scoped viewer (a manager) needs to know teams: their teams and everyone in them, at once.
  if (customerScope(onlyOwn).kind !== 'team') return onlyOwn;
  const rows = await queryRows<{ team_id: string; user_id: string }>(
    tx,
    sql`SELECT m.team_id, m.user_id FROM ${teamMembers} m
      WHERE m.tenant_id = ${tenantId} AND m.team_id IN (
        SELECT mine.team_id FROM ${teamMembers} mine
        WHERE mine.tenant_id = ${tenantId} AND mine.user_id = ${user.userId})`,
  );
  return {
    ...user,
    teamIds: [...new Set(rows.map((r) => r.team_id))],
    teammateIds: [...new Set([user.userId, ...rows.map((r) => r.user_id)])],
  };
}

/** The viewer's scope as a condition on customers (undefined: everything). */
export function scopeSql(scope: CustomerScope): SQL | undefined {
  if (scope.kind === 'all') return undefined;
  const mine = or(
    eq(customers.ownerId, scope.userId),
    sql`${customers.sharedWith} @> ARRAY[${scope.userId}::uuid]`,
  );
  if (scope.kind === 'own') return mine;
  return or(
    mine,
    and(isNull(customers.ownerId), isNull(customers.teamId)),
    scope.teamIds.length > 0 ? anyOf(customers.teamId, scope.teamIds, 'uuid') : undefined,
    scope.teammateIds.length > 0 ? anyOf(customers.ownerId, scope.teammateIds, 'uuid') : undefined,
  );
}

/** The customers the viewer may see, as a condition on `customers` (undefined: all of them). */
export function visibleCustomersSql(viewer: CustomerViewer): SQL | undefined {
  return scopeSql(customerScope(viewer));
}

export function ownerCondition(
  column: AnyColumn,
  owner: 'me' | 'none' | string | undefined,
  viewer: CustomerViewer,
): SQL | undefined {
  if (owner === undefined) return undefined;
  if (owner === 'none') return isNull(column);
  return eq(column, owner === 'me' ? viewer.userId : owner);
}

/**
 * What the free-text search looks in (its trigram index is customers_search_idx): `substringCandidates` reads the
 * matching ids through it, `substringMatch` makes the condition (platform/db/substring-search.ts).
 */
export const CUSTOMER_SEARCH: SearchTarget = {
  table: customers,
  id: customers.id,
  tenantId: customers.tenantId,
  text: sql.raw(customerSearchText('customers')),
};

/** `candidates`: the search's, from `substringCandidates`; without them `q` is matched in the query. */
export function filterSql(
  filter: CustomerFilter,
  viewer: CustomerViewer,
  candidates: readonly string[] | null = null,
): SQL[] {
  const out: (SQL | undefined)[] = [];
  if (filter.q) out.push(substringMatch(CUSTOMER_SEARCH, filter.q, candidates));
  out.push(ownerCondition(customers.ownerId, filter.ownerId, viewer));
  if (filter.teamId) out.push(eq(customers.teamId, filter.teamId));
  if (filter.tags?.length) out.push(sql`${customers.tags} @> ${textArray(filter.tags)}::text[]`);
  if (filter.industry) out.push(eq(customers.industry, filter.industry));
  if (filter.region) out.push(eq(customers.region, filter.region));
  if (filter.lifecycleStage?.length) out.push(inArray(customers.lifecycleStage, filter.lifecycleStage));
  if (filter.tier?.length) out.push(inArray(customers.tier, filter.tier));
  if (filter.parentId) out.push(eq(customers.parentId, filter.parentId));
  // The bare column, not `= $1`: the partial index customers_at_risk_idx (WHERE at_risk) then serves the
  // at-risk list sorted by health even under a generic plan, where a parameter proves nothing.
  if (filter.atRisk === true) out.push(sql`${customers.atRisk}`);
  if (filter.atRisk === false) out.push(sql`NOT ${customers.atRisk}`);
  return out.filter((c): c is SQL => c !== undefined);
}

/** Sortable keys: a non-null expression (so keyset pages never skip NULLs) matching an index. */
const SORTS = {
  createdAt: { expr: sql`${customers.createdAt}`, kind: 'time' },
  updatedAt: { expr: sql`${customers.updatedAt}`, kind: 'time' },
  name: { expr: sql`lower(${customers.name})`, kind: 'text' },
  lastActivityAt: {
    expr: sql`coalesce(${customers.lastActivityAt}, '-infinity'::timestamptz)`,
    kind: 'time',
  },
  // Not graded yet sorts after 100 (customers_health_idx).
  healthScore: { expr: sql`coalesce(${customers.healthScore}, 101)`, kind: 'number' },
} as const;
type SortKey = keyof typeof SORTS;

const summaryColumns = {
  tenantId: customers.tenantId,
  id: customers.id,
  name: customers.name,
  legalName: customers.legalName,
  industry: customers.industry,
  companySize: customers.companySize,
  region: customers.region,
  phone: customers.phone,
  website: customers.website,
  creditCode: customers.creditCode,
  taxId: customers.taxId,
  parentId: customers.parentId,
  tags: customers.tags,
  ownerId: customers.ownerId,
  teamId: customers.teamId,
  lifecycleStage: customers.lifecycleStage,
  tier: customers.tier,
  healthScore: customers.healthScore,
  atRisk: customers.atRisk,
  lastActivityAt: customers.lastActivityAt,
  createdAt: customers.createdAt,
  updatedAt: customers.updatedAt,
  version: customers.version,
};
type SummaryColumns = { [K in keyof typeof summaryColumns]: CustomerRow[K] };

function sortValue(row: SummaryColumns, key: SortKey): string {
  switch (key) {
    case 'createdAt':
      return row.createdAt.toISOString();
    case 'updatedAt':
      return row.updatedAt.toISOString();
    case 'name':
      return row.name.toLowerCase();
    case 'lastActivityAt':
      return row.lastActivityAt ? row.lastActivityAt.toISOString() : '-infinity';
    case 'healthScore':
      return String(row.healthScore ?? 101);
  }
}

/** Keyset condition and order for a sort over one table (the id breaks ties). */
export { keyset };

/** Names of users and teams, in one round trip. */
export async function namesOf(
  tx: Tx,
  tenantId: string,
  userIds: readonly (string | null)[],
  teamIds: readonly (string | null)[] = [],
): Promise<{ users: Map<string, string>; teams: Map<string, string> }> {
  const u = [...new Set(userIds.filter((id): id is string => id !== null))];
  const t = [...new Set(teamIds.filter((id): id is string => id !== null))];
  const parts: SQL[] = [];
  if (u.length > 0) {
    parts.push(sql`(SELECT 'user' AS kind, ${users.id} AS id, ${users.name} AS name FROM ${users}
      WHERE ${and(eq(users.tenantId, tenantId), anyOf(users.id, u, 'uuid'))})`);
  }
  if (t.length > 0) {
    parts.push(sql`(SELECT 'team' AS kind, ${teams.id} AS id, ${teams.name} AS name FROM ${teams}
      WHERE ${and(eq(teams.tenantId, tenantId), anyOf(teams.id, t, 'uuid'))})`);
  }
  const found =
    parts.length === 0
      ? []
      : await queryRows<{ kind: 'user' | 'team'; id: string; name: string }>(
          tx,
          sql.join(parts, sql` UNION ALL `),
        );
  return {
    users: new Map(found.filter((r) => r.kind === 'user').map((r) => [r.id, r.name])),
    teams: new Map(found.filter((r) => r.kind === 'team').map((r) => [r.id, r.name])),
  };
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

function presentSummary(
  row: SummaryColumns,
  names: { users: Map<string, string>; teams: Map<string, string> },
): CustomerSummary {
  return {
    id: row.id,
    name: row.name,
    legalName: row.legalName,
    industry: row.industry,
    companySize: row.companySize as CompanySize | null,
    region: row.region,
    phone: row.phone,
    website: row.website,
    creditCode: row.creditCode,
    taxId: row.taxId,
    parentId: row.parentId,
    tags: row.tags,
    ownerId: row.ownerId,
    ownerName: row.ownerId ? (names.users.get(row.ownerId) ?? null) : null,
    teamId: row.teamId,
    teamName: row.teamId ? (names.teams.get(row.teamId) ?? null) : null,
    lifecycleStage: row.lifecycleStage as LifecycleStage | null,
    tier: row.tier as CustomerTier | null,
    healthScore: row.healthScore,
    atRisk: row.atRisk,
    lastActivityAt: iso(row.lastActivityAt),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

export type ListCustomersParams = CustomerFilter & {
  limit: number;
  cursor?: string | undefined;
  sort: CustomerSort;
};

/**
 * The customers of `scope` (by default the viewer's) that match the filter and the caller's `extra` conditions, as
 * one condition: the list, its count and a bulk action's picks select with it. A free-text search reads its
 * candidates first (`substringCandidates`).
 */
async function matchingSql(
  tx: Tx,
  tenantId: string,
  viewer: CustomerViewer,
  filter: CustomerFilter,
  extra: readonly SQL[],
  scope: SQL | undefined = scopeSql(customerScope(viewer)),
): Promise<SQL | undefined> {
  const candidates = await substringCandidates(tx, CUSTOMER_SEARCH, tenantId, filter.q);
  return and(eq(customers.tenantId, tenantId), scope, ...filterSql(filter, viewer, candidates), ...extra);
}

/**
 * A page of customers without joins, so the planner can walk an index in sort order and stop at the limit;
 * owner and team names are looked up afterwards for the page alone.
 */
export async function listCustomerSummaries(
  tx: Tx,
  tenantId: string,
  viewer: CustomerViewer,
  params: ListCustomersParams,
  /** Instead of the viewer's scope: the public pool is everyone's to see. */
  scope: SQL | undefined = scopeSql(customerScope(viewer)),
  /** Conditions checked by the caller (custom fields). */
  extra: readonly SQL[] = [],
): Promise<{ items: CustomerSummary[]; nextCursor: string | null }> {
  const desc = params.sort.startsWith('-');
  const key = (desc ? params.sort.slice(1) : params.sort) as SortKey;
  const sort = SORTS[key];
  const { after, order } = keyset(sort, sql`${customers.id}`, desc, params.cursor);
  const where = and(await matchingSql(tx, tenantId, viewer, params, extra, scope), after);
  const rows = await tx
    .select(summaryColumns)
    .from(customers)
    .where(where)
    .orderBy(...order)
    .limit(params.limit + 1);
  const page = pageFrom(rows, params.limit, (r) => encodeCursor(sortValue(r, key), r.id));
  const names = await namesOf(
    tx,
    tenantId,
    page.items.map((r) => r.ownerId),
    page.items.map((r) => r.teamId),
  );
  return { items: page.items.map((r) => presentSummary(r, names)), nextCursor: page.nextCursor };
}

export const COUNT_CAP = 10_000;

export async function countCustomers(
  tx: Tx,
  tenantId: string,
  viewer: CustomerViewer,
  filter: CustomerFilter,
  extra: readonly SQL[] = [],
): Promise<{ count: number; capped: boolean }> {
  const where = await matchingSql(tx, tenantId, viewer, filter, extra);
  const [row] = await queryRows<{ n: number }>(
    tx,
    sql`SELECT count(*)::int AS n FROM (SELECT 1 FROM ${customers} WHERE ${where} LIMIT ${COUNT_CAP + 1}) matched`,
  );
  const n = row?.n ?? 0;
  return { count: Math.min(n, COUNT_CAP), capped: n > COUNT_CAP };
}

/**
 * Ids of the customers the viewer sees that match the filter, by id, at most `limit` (a bulk action's picks);
 * one more than `limit` tells the caller the filter is wider than it may act on.
 */
export async function matchingCustomerIds(
  tx: Tx,
  tenantId: string,
  viewer: CustomerViewer,
  filter: CustomerFilter,
  extra: readonly SQL[],
  limit: number,
): Promise<string[]> {
  const rows = await tx
    .select({ id: customers.id })
    .from(customers)
    .where(await matchingSql(tx, tenantId, viewer, filter, extra))
    .orderBy(customers.id)
    .limit(limit + 1);
  return rows.map((r) => r.id);
}

export async function getCustomerRow(
  tx: Tx,
  tenantId: string,
  id: string,
  lock = false,
): Promise<CustomerRow | undefined> {
  return rowByKey(tx, customers, tenantId, id, lock);
}

/**
 * Whether linking `id` to `target` (its parent company, or the contact it reports to) would close a loop:
 * `id` is `target` or among the records `target` links up to. `link` is the linking column of `table`.
 */
export async function linkWouldCycle(
  tx: Tx,
  table: typeof customers | typeof contacts,
  link: 'parent_id' | 'reports_to_id',
  tenantId: string,
  id: string,
  target: string,
): Promise<boolean> {
  if (id === target) return true;
  const up = sql.identifier(link);
  const [row] = await queryRows<{ cycle: boolean }>(
    tx,
    sql`WITH RECURSIVE chain(id, up, depth) AS (
        SELECT r.id, r.${up}, 1 FROM ${table} r WHERE r.tenant_id = ${tenantId} AND r.id = ${target}
        UNION ALL
        SELECT r.id, r.${up}, chain.depth + 1 FROM ${table} r
          JOIN chain ON r.tenant_id = ${tenantId} AND r.id = chain.up
        WHERE chain.depth < 1000)
      SELECT EXISTS (SELECT 1 FROM chain WHERE chain.id = ${id}) AS cycle`,
  );
  return row?.cycle ?? false;
}

/** The customer as its page shows it: profile, names, subsidiaries, duplicates and what the viewer may do. */
export async function presentCustomer(
  tx: Tx,
  row: CustomerRow,
  viewer: CustomerViewer,
  duplicates: RecordMatch[],
): Promise<Customer> {
  const [names, related, fields] = await Promise.all([
    namesOf(tx, row.tenantId, [row.ownerId], [row.teamId]),
    tx
      .select({ id: customers.id, name: customers.name, parentId: customers.parentId })
      .from(customers)
      .where(
        and(
          eq(customers.tenantId, row.tenantId),
          row.parentId
            ? or(eq(customers.parentId, row.id), eq(customers.id, row.parentId))
            : eq(customers.parentId, row.id),
        ),
      )
      .orderBy(customers.name)
      .limit(201),
    loadFields(tx, row.tenantId, 'customer'),
  ]);
  const parent = row.parentId ? related.find((r) => r.id === row.parentId) : undefined;
  return {
    ...presentSummary(row, names),
    address: row.address,
    notes: row.notes,
    source: row.source,
    campaignId: row.campaignId,
    parentName: parent?.name ?? null,
    sharedWith: row.sharedWith,
    duplicates,
    children: related.filter((r) => r.parentId === row.id).map((r) => ({ id: r.id, name: r.name })),
    custom: presentCustomValues(fields, row.custom),
    can: customerAbilities(viewer, row),
  };
}
