import type { Locale, Role } from '@contracts/common';
import type { User } from '@contracts/users.contract';
import { and, eq, ilike, inArray, ne, or, type SQL, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database';
import { teamMembers, tenants, users } from '../../platform/db/identity.tables';
import { containsPattern } from '../../platform/db/substring-search';
import { afterCursor, encodeCursor, orderFor, pageFrom, parseSort } from '../../platform/http/pagination';

/** Plain reads of users, tenant-scoped by the caller's transaction. */

export type UserRow = typeof users.$inferSelect;

export function presentUser(row: UserRow, teamIds: string[]): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role as Role,
    status: row.status as User['status'],
    locale: row.locale as Locale | null,
    timeZone: row.timeZone,
    teamIds,
    lastLoginAt: row.lastLoginAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    version: row.version,
  };
}

export async function teamIdsOf(tx: Tx, userIds: string[]): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>();
  if (userIds.length === 0) return map;
  const rows = await tx
    .select({ userId: teamMembers.userId, teamId: teamMembers.teamId })
    .from(teamMembers)
    .where(inArray(teamMembers.userId, userIds));
  for (const r of rows) map.set(r.userId, [...(map.get(r.userId) ?? []), r.teamId]);
  return map;
}

export type ListUsersParams = {
  limit: number;
  cursor?: string | undefined;
  q?: string | undefined;
  role?: Role | undefined;
  status?: User['status'] | undefined;
  teamId?: string | undefined;
  sort: string;
};

const SORTABLE = { name: users.name, email: users.email, createdAt: users.createdAt };

export async function listUsers(tx: Tx, params: ListUsersParams) {
  const sort = parseSort(params.sort, SORTABLE);
  const filters: (SQL | undefined)[] = [
    params.q
      ? or(ilike(users.name, containsPattern(params.q)), ilike(users.email, containsPattern(params.q)))
      : undefined,
    params.role ? eq(users.role, params.role) : undefined,
    params.status ? eq(users.status, params.status) : undefined,
    params.teamId
      ? sql`exists (select 1 from ${teamMembers} tm where tm.tenant_id = ${users.tenantId} and tm.user_id = ${users.id} and tm.team_id = ${params.teamId})`
      : undefined,
    afterCursor(sort, users.id, params.cursor),
  ];
  const rows = await tx
    .select()
    .from(users)
    .where(and(...filters))
    .orderBy(...orderFor(sort, users.id))
    .limit(params.limit + 1);
  const page = pageFrom(rows, params.limit, (r) =>
    encodeCursor(r[params.sort.replace('-', '') as keyof typeof SORTABLE], r.id),
  );
  const teams = await teamIdsOf(
    tx,
    page.items.map((r) => r.id),
  );
  return { items: page.items.map((r) => presentUser(r, teams.get(r.id) ?? [])), nextCursor: page.nextCursor };
}

export async function getUserRow(tx: Tx, id: string, lock = false): Promise<UserRow | undefined> {
  const q = tx.select().from(users).where(eq(users.id, id));
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

/**
 * Serialises changes to who is an active admin within one tenant: two admins demoting or deactivating each
 * other at once would each still count the other and both succeed. Taken before any user row lock.
 */
export async function lockAdminRoster(tx: Tx, tenantId: string): Promise<void> {
  await tx
    .select({ id: tenants.tenantId })
    .from(tenants)
    .where(eq(tenants.tenantId, tenantId))
    .for('no key update');
}

export async function countOtherActiveAdmins(tx: Tx, exceptId: string): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(users)
    .where(and(eq(users.role, 'admin'), eq(users.status, 'active'), ne(users.id, exceptId)));
  return row?.n ?? 0;
}
