import type { ActivityItem, ActivitySort, ListActivitiesQuery, Person } from '@contracts/activities.contract';
import type { Role } from '@contracts/common';
import { and, asc, eq, inArray, isNotNull, isNull, lt, type SQL, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database';
import { teamMembers, users } from '../../platform/db/identity.tables';
import { decodeCursor, encodeCursor, pageFrom } from '../../platform/http/pagination';
import { type ActivityViewer, activityAbilities, peopleScope } from './activities.policy';
import { type ActivityRow, presentActivity } from './activities.service';
import { activities } from './activities.tables';
import { linkNames } from './linked-records';

/** Plain reads of activities: the viewer, one row, a filtered page, and the names a page shows. */

export async function loadViewer(
  tx: Tx,
  tenantId: string,
  user: { userId: string; role: Role },
): Promise<ActivityViewer> {
  const alone: ActivityViewer = { ...user, teamIds: [], teammateIds: [user.userId] };
  // Only a manager's scope depends on teams; reps see their own, directors and admins everyone's.
  if (peopleScope(alone).kind !== 'team') return alone;
  const mine = await tx
    .select({ teamId: teamMembers.teamId })
    .from(teamMembers)
    .where(and(eq(teamMembers.tenantId, tenantId), eq(teamMembers.userId, user.userId)));
  const teamIds = mine.map((m) => m.teamId);
  const mates =
    teamIds.length === 0
      ? []
      : await tx
          .selectDistinct({ userId: teamMembers.userId })
          .from(teamMembers)
          .where(and(eq(teamMembers.tenantId, tenantId), inArray(teamMembers.teamId, teamIds)));
  return { ...user, teamIds, teammateIds: [...new Set([user.userId, ...mates.map((m) => m.userId)])] };
}

export async function getActivityRow(
  tx: Tx,
  tenantId: string,
  id: string,
  lock = false,
): Promise<ActivityRow | undefined> {
  const query = tx
    .select()
    .from(activities)
    .where(and(eq(activities.tenantId, tenantId), eq(activities.id, id)));
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

/**
 * The activities assigned to the people the viewer oversees. By assignee only, so the owner indexes serve
 * the list; one created for someone the creator does not oversee is still theirs to open and change.
 */
export function peopleScopeSql(viewer: ActivityViewer): SQL | undefined {
  const scope = peopleScope(viewer);
  if (scope.kind === 'all') return undefined;
  return inArray(activities.ownerId, scope.kind === 'own' ? [scope.userId] : [...scope.teammateIds]);
}

const SORT_COLUMNS = { occurredAt: activities.occurredAt, dueAt: activities.dueAt } as const;

function sortOf(sort: ActivitySort) {
  const desc = sort.startsWith('-');
  const key = (desc ? sort.slice(1) : sort) as keyof typeof SORT_COLUMNS;
  return { key, column: SORT_COLUMNS[key], desc };
}

export type ListParams = ListActivitiesQuery & {
  /** The record filter names a record the viewer can see: every activity of it is shown. */
  recordVisible: boolean;
  now: Date;
};

export async function listActivityRows(
  tx: Tx,
  tenantId: string,
  viewer: ActivityViewer,
  params: ListParams,
): Promise<{ items: ActivityRow[]; nextCursor: string | null }> {
  const sort = sortOf(params.sort);
  const ownerId = params.ownerId === 'me' ? viewer.userId : params.ownerId;
  const tasksOnly = params.open || params.overdue;
  let after: SQL | undefined;
  if (params.cursor) {
    const { value, id } = decodeCursor(params.cursor);
    const at = new Date(String(value));
    after = sort.desc
      ? sql`(${sort.column}, ${activities.id}) < (${at}, ${id}::uuid)`
      : sql`(${sort.column}, ${activities.id}) > (${at}, ${id}::uuid)`;
  }
  const where: (SQL | undefined)[] = [
    eq(activities.tenantId, tenantId),
    params.recordVisible ? undefined : peopleScopeSql(viewer),
    params.kind?.length ? inArray(activities.kind, params.kind) : undefined,
    tasksOnly ? and(eq(activities.kind, 'task'), isNull(activities.doneAt)) : undefined,
    params.overdue ? lt(activities.dueAt, params.now) : undefined,
    ownerId ? eq(activities.ownerId, ownerId) : undefined,
    params.leadId ? eq(activities.leadId, params.leadId) : undefined,
    params.customerId ? eq(activities.customerId, params.customerId) : undefined,
    params.contactId ? eq(activities.contactId, params.contactId) : undefined,
    params.dealId ? eq(activities.dealId, params.dealId) : undefined,
    // Rows without a due date have no place in a due-date order (nor in its cursor).
    sort.key === 'dueAt' ? isNotNull(activities.dueAt) : undefined,
    params.from ? sql`${sort.column} >= ${new Date(params.from)}` : undefined,
    params.to ? sql`${sort.column} < ${new Date(params.to)}` : undefined,
    after,
  ];
  const rows = await tx
    .select()
    .from(activities)
    .where(and(...where))
    .orderBy(
      ...(sort.desc
        ? [sql`${sort.column} desc`, sql`${activities.id} desc`]
        : [asc(sort.column), asc(activities.id)]),
    )
    .limit(params.limit + 1);
  return pageFrom(rows, params.limit, (r) =>
    encodeCursor(sort.key === 'dueAt' ? r.dueAt : r.occurredAt, r.id),
  );
}

export async function userNames(tx: Tx, tenantId: string, ids: readonly string[]) {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map<string, string>();
  const rows = await tx
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(and(eq(users.tenantId, tenantId), inArray(users.id, unique)));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Activities as the API shows them: owner and linked records by name, and what the viewer may do. */
export async function presentItems(
  tx: Tx,
  tenantId: string,
  viewer: ActivityViewer,
  rows: readonly ActivityRow[],
): Promise<ActivityItem[]> {
  if (rows.length === 0) return [];
  const [owners, names] = await Promise.all([
    userNames(
      tx,
      tenantId,
      rows.map((r) => r.ownerId),
    ),
    linkNames(tx, tenantId, rows),
  ]);
  return rows.map((row) => ({
    ...presentActivity(row, owners.get(row.ownerId) ?? null),
    customerName: row.customerId ? (names.customers.get(row.customerId) ?? null) : null,
    contactName: row.contactId ? (names.contacts.get(row.contactId) ?? null) : null,
    dealName: row.dealId ? (names.deals.get(row.dealId) ?? null) : null,
    can: activityAbilities(viewer, row),
  }));
}

/** The viewer first, then the people they oversee by name (all active users for directors and admins). */
export async function overseenPeople(tx: Tx, tenantId: string, viewer: ActivityViewer): Promise<Person[]> {
  const scope = peopleScope(viewer);
  const rows = await tx
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(
      and(
        eq(users.tenantId, tenantId),
        eq(users.status, 'active'),
        scope.kind === 'all'
          ? undefined
          : inArray(users.id, scope.kind === 'own' ? [scope.userId] : [...scope.teammateIds]),
      ),
    )
    .orderBy(asc(users.name))
    .limit(1000);
  const me = rows.find((r) => r.id === viewer.userId);
  return [...(me ? [me] : []), ...rows.filter((r) => r.id !== viewer.userId)];
}
