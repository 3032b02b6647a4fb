import { type SQL, sql } from 'drizzle-orm';
import { tenants } from '../../platform/db/identity.tables';
import { instalments, receivableSettings } from './receivables.tables';

/**
 * What a customer's receivables say about the relationship, as a subquery the nightly health computation
 * joins (retention): per customer, the instalments overdue by more than the company's warning days (15 by
 * default, DOMAIN.md §5 and §7) on the company's calendar day at `now`.
 *
 * Columns: customer_id, overdue_instalments, overdue_days (the longest), overdue_minor (all currencies).
 */
export function overdueSignalsSql(w: { tenantId: string; now: Date; customerId?: string | undefined }): SQL {
  const today = sql`(${w.now.toISOString()}::timestamptz AT TIME ZONE coalesce(
    (SELECT t.time_zone FROM ${tenants} t WHERE t.tenant_id = ${w.tenantId}), 'Asia/Shanghai'))::date`;
  const warningDays = sql`coalesce((SELECT (s.settings->>'overdueWarningDays')::int FROM ${receivableSettings} s
    WHERE s.tenant_id = ${w.tenantId}), 15)`;
  return sql`(SELECT i.customer_id AS customer_id,
      count(*)::int AS overdue_instalments,
      max(${today} - i.due_on)::int AS overdue_days,
      sum(i.amount_minor - i.paid_minor)::bigint AS overdue_minor
    FROM ${instalments} i
    WHERE i.tenant_id = ${w.tenantId}
      AND i.paid_minor < i.amount_minor
      AND i.due_on + ${warningDays} < ${today}
      ${w.customerId ? sql`AND i.customer_id = ${w.customerId}` : sql``}
    GROUP BY i.customer_id)`;
}
