import type { ActivityKind } from '@contracts/activities.contract';
import { ACTIVITY_KINDS } from '@contracts/activities.contract';
import type { Locale } from '@contracts/common';
import { and, asc, eq, gte, inArray, isNull, lt, ne, or, sql } from 'drizzle-orm';
import { textArray } from '../../../platform/db/arrays';
import { queryRows, type Tx } from '../../../platform/db/database';
import { tenants, users } from '../../../platform/db/identity.tables';
import type { ActivityRow } from '../activities.service';
import { activities, dailyLogs } from '../activities.tables';
import { addDays, dayRange } from '../zoned-time';

/** Reads behind daily logs: the author with their language and zone, a day's activities, counts per day. */

export type DailyLogRow = typeof dailyLogs.$inferSelect;

export type Author = { id: string; name: string; locale: Locale; timeZone: string };

const isLocale = (value: string | null | undefined): value is Locale =>
  value === 'zh-CN' || value === 'en-US';

/** People with their own language and zone, else the company's. */
export async function authorsOf(
  tx: Tx,
  tenantId: string,
  ids: readonly string[],
): Promise<Map<string, Author>> {
  if (ids.length === 0) return new Map();
  const [tenant] = await tx
    .select({ timeZone: tenants.timeZone, locale: tenants.defaultLocale })
    .from(tenants)
    .where(eq(tenants.tenantId, tenantId));
  const rows = await tx
    .select({ id: users.id, name: users.name, locale: users.locale, timeZone: users.timeZone })
    .from(users)
    .where(and(eq(users.tenantId, tenantId), inArray(users.id, [...new Set(ids)])));
  return new Map(
    rows.map((u) => [
      u.id,
      {
        id: u.id,
        name: u.name,
        locale: isLocale(u.locale) ? u.locale : isLocale(tenant?.locale) ? tenant.locale : 'zh-CN',
        timeZone: u.timeZone ?? tenant?.timeZone ?? 'Asia/Shanghai',
      },
    ]),
  );
}

export async function getLogRow(
  tx: Tx,
  tenantId: string,
  userId: string,
  day: string,
  lock = false,
): Promise<DailyLogRow | undefined> {
  const query = tx
    .select()
    .from(dailyLogs)
    .where(and(eq(dailyLogs.tenantId, tenantId), eq(dailyLogs.userId, userId), eq(dailyLogs.day, day)));
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

/** What the person did on the day: activities that happened then, and tasks done then; oldest first. */
export async function doneOnDay(
  tx: Tx,
  tenantId: string,
  author: Author,
  day: string,
): Promise<ActivityRow[]> {
  const { start, end } = dayRange(day, author.timeZone);
  const owned = and(eq(activities.tenantId, tenantId), eq(activities.ownerId, author.id));
  const [happened, tasks] = await Promise.all([
    tx
      .select()
      .from(activities)
      .where(
        and(
          owned,
          ne(activities.kind, 'task'),
          gte(activities.occurredAt, start),
          lt(activities.occurredAt, end),
        ),
      ),
    tx
      .select()
      .from(activities)
      .where(
        and(owned, eq(activities.kind, 'task'), gte(activities.doneAt, start), lt(activities.doneAt, end)),
      ),
  ]);
  const at = (a: ActivityRow) => (a.kind === 'task' ? (a.doneAt ?? a.occurredAt) : a.occurredAt);
  return [...happened, ...tasks].sort((a, b) => at(a).getTime() - at(b).getTime());
}

/** What is planned for the next day: open tasks due then, meetings and visits starting then. */
export async function plannedForNextDay(
  tx: Tx,
  tenantId: string,
  author: Author,
  day: string,
): Promise<ActivityRow[]> {
  const { start, end } = dayRange(addDays(day, 1), author.timeZone);
  return tx
    .select()
    .from(activities)
    .where(
      and(
        eq(activities.tenantId, tenantId),
        eq(activities.ownerId, author.id),
        or(
          and(
            eq(activities.kind, 'task'),
            isNull(activities.doneAt),
            gte(activities.dueAt, start),
            lt(activities.dueAt, end),
          ),
          and(
            inArray(activities.kind, ['meeting', 'visit']),
            gte(activities.occurredAt, start),
            lt(activities.occurredAt, end),
          ),
        ),
      ),
    )
    .orderBy(asc(activities.occurredAt))
    .limit(200);
}

export type KindCounts = Record<ActivityKind, number>;

export const zeroCounts = (): KindCounts =>
  Object.fromEntries(ACTIVITY_KINDS.map((k) => [k, 0])) as KindCounts;

/**
 * Activities per person, local day and kind over [from, to] (days, inclusive), each person's days in their
 * own zone, counted in SQL. Tasks count on the day they were done.
 */
export async function countsPerDay(
  tx: Tx,
  tenantId: string,
  people: readonly Author[],
  from: string,
  to: string,
): Promise<Map<string, KindCounts>> {
  if (people.length === 0) return new Map();
  // Wide enough for every zone; each row is then placed on its owner's local day.
  const windowStart = new Date(Date.parse(`${from}T00:00:00Z`) - 86_400_000);
  const windowEnd = new Date(Date.parse(`${addDays(to, 1)}T00:00:00Z`) + 86_400_000);
  const rows = await queryRows<{ owner_id: string; day: string; kind: string; n: number }>(
    tx,
    sql`SELECT a.owner_id, to_char((a.at AT TIME ZONE z.tz)::date, 'YYYY-MM-DD') AS day, a.kind, count(*)::int AS n
      FROM (
        SELECT ${activities.ownerId} AS owner_id, ${activities.kind} AS kind,
          CASE WHEN ${activities.kind} = 'task' THEN ${activities.doneAt} ELSE ${activities.occurredAt} END AS at
        FROM ${activities}
        WHERE ${activities.tenantId} = ${tenantId}
          AND ${activities.ownerId} = ANY(${textArray(people.map((p) => p.id))}::uuid[])
          AND ((${activities.kind} <> 'task' AND ${activities.occurredAt} >= ${windowStart} AND ${activities.occurredAt} < ${windowEnd})
            OR (${activities.kind} = 'task' AND ${activities.doneAt} >= ${windowStart} AND ${activities.doneAt} < ${windowEnd}))
      ) a
      JOIN unnest(${textArray(people.map((p) => p.id))}::uuid[], ${textArray(people.map((p) => p.timeZone))}::text[])
        AS z(user_id, tz) ON z.user_id = a.owner_id
      GROUP BY 1, 2, 3`,
  );
  const out = new Map<string, KindCounts>();
  for (const r of rows) {
    if (r.day < from || r.day > to) continue;
    const key = `${r.owner_id}|${r.day}`;
    const counts = out.get(key) ?? zeroCounts();
    if ((ACTIVITY_KINDS as readonly string[]).includes(r.kind)) counts[r.kind as ActivityKind] += r.n;
    out.set(key, counts);
  }
  return out;
}
