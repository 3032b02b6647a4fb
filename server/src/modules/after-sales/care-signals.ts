import { type SQL, sql } from 'drizzle-orm';
import { tenants } from '../../platform/db/identity.tables';
import { complaints, customerUsage } from './after-sales.tables';

/**
 * The after-sales inputs of the health score, per customer, as one set (the nightly recompute joins it to every
 * customer): open complaints, and reported usage summed over the last `windowDays` days and over the same span
 * before them (days in the company's time zone, today included).
 */
export function careSignalsSql(w: {
  tenantId: string;
  now: Date;
  windowDays: number;
  customerId?: string | undefined;
}): SQL {
  const today = sql`(${w.now.toISOString()}::timestamptz AT TIME ZONE coalesce(
    (SELECT t.time_zone FROM ${tenants} t WHERE t.tenant_id = ${w.tenantId}), 'Asia/Shanghai'))::date`;
  const one = (column: SQL) => (w.customerId ? sql`AND ${column} = ${w.customerId}` : sql``);
  return sql`(SELECT coalesce(c.customer_id, u.customer_id) AS customer_id,
      coalesce(c.open_complaints, 0) AS open_complaints,
      coalesce(u.recent_usage, 0)::float8 AS recent_usage,
      coalesce(u.previous_usage, 0)::float8 AS previous_usage
    FROM (SELECT customer_id, count(*)::int AS open_complaints FROM ${complaints}
           WHERE tenant_id = ${w.tenantId} AND status = 'open' ${one(sql`customer_id`)}
           GROUP BY customer_id) c
    FULL JOIN (SELECT u.customer_id,
           sum(u.value) FILTER (WHERE u.day > d.today - ${w.windowDays}::int) AS recent_usage,
           sum(u.value) FILTER (WHERE u.day <= d.today - ${w.windowDays}::int) AS previous_usage
         FROM ${customerUsage} u, (SELECT ${today} AS today) d
         WHERE u.tenant_id = ${w.tenantId} AND u.day > d.today - ${2 * w.windowDays}::int AND u.day <= d.today
           ${one(sql`u.customer_id`)}
         GROUP BY u.customer_id) u ON u.customer_id = c.customer_id)`;
}
