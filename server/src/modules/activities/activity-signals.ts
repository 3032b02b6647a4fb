import { type SQL, sql } from 'drizzle-orm';
import { activities } from './activities.tables';

/**
 * How much is happening with each customer, as a subquery other modules join in one set-based statement
 * (the nightly health and lifecycle computation): touches (every activity but a task still open) in the last
 * window and the window before it, open tasks and overdue ones.
 */

export type ActivitySignalWindow = {
  tenantId: string;
  now: Date;
  /** Length of each of the two windows compared. */
  windowDays: number;
  customerId?: string | undefined;
};

/** Columns: customer_id, recent_touches, previous_touches, open_tasks, overdue_tasks. */
export function activitySignalsSql(w: ActivitySignalWindow): SQL {
  const now = sql`${w.now.toISOString()}::timestamptz`;
  const window = sql`(${w.windowDays} * interval '1 day')`;
  const at = sql`coalesce(${activities.doneAt}, ${activities.occurredAt})`;
  const touch = sql`(${activities.kind} <> 'task' OR ${activities.doneAt} IS NOT NULL)`;
  const openTask = sql`(${activities.kind} = 'task' AND ${activities.doneAt} IS NULL)`;
  return sql`(SELECT ${activities.customerId} AS customer_id,
      (count(*) FILTER (WHERE ${touch} AND ${at} > ${now} - ${window} AND ${at} <= ${now}))::int AS recent_touches,
      (count(*) FILTER (WHERE ${touch} AND ${at} > ${now} - 2 * ${window} AND ${at} <= ${now} - ${window}))::int
        AS previous_touches,
      (count(*) FILTER (WHERE ${openTask}))::int AS open_tasks,
      (count(*) FILTER (WHERE ${openTask} AND ${activities.dueAt} < ${now}))::int AS overdue_tasks
    FROM ${activities}
    WHERE ${activities.tenantId} = ${w.tenantId} AND ${activities.customerId} IS NOT NULL
      AND (${openTask} OR ${at} > ${now} - 2 * ${window})
      ${w.customerId ? sql`AND ${activities.customerId} = ${w.customerId}` : sql``}
    GROUP BY ${activities.customerId})`;
}

/**
 * How many activities of each kind were logged on a deal (its stage gates ask for, e.g., a meeting): a scalar
 * subquery returning `{ kind: count }` as jsonb. A task counts once done; planned meetings count once held.
 */
export function dealActivityCountsSql(tenantId: string, dealId: string, now: Date): SQL {
  return sql`(SELECT coalesce(jsonb_object_agg(k.kind, k.n), '{}'::jsonb) FROM (
      SELECT ${activities.kind} AS kind, count(*)::int AS n FROM ${activities}
      WHERE ${activities.tenantId} = ${tenantId} AND ${activities.dealId} = ${dealId}
        AND (${activities.kind} <> 'task' OR ${activities.doneAt} IS NOT NULL)
        AND ${activities.occurredAt} <= ${now.toISOString()}::timestamptz
      GROUP BY ${activities.kind}) k)`;
}
