import { type SQL, sql } from 'drizzle-orm';
import { tenants } from '../../platform/db/identity.tables';
import { homeAmountSql } from '../catalog';
import { signedContractsSql } from '../contracts';
import { payments } from './receivables.tables';

/**
 * What a customer's contracts and cash say for RFM grading (DOMAIN.md §7 from quote to cash, issue 7), as a
 * subquery retention joins in its one set-based statement: one row per customer with at least one contract
 * signed by both sides. A customer without a row has no contract, and retention keeps grading it on won deals.
 *
 * Days are the company's calendar days (its time zone): the window starts on the day `windowStart` falls on,
 * and a day's payment or signing counts as of that day's midnight there.
 *
 * Columns: customer_id, contracts_signed (all time), contracts_in_window (signed on or after the window start),
 * received_minor (payments received in the window in `currency`, the company's, each converted at the rate of
 * the day it was received; a payment in a currency without a rate that day is left out), last_cash_at (the
 * latest payment or signing, timestamptz), first_signed_at (the first signing, timestamptz: since when the
 * customer is graded on cash).
 */
export function cashSignalsSql(w: {
  tenantId: string;
  windowStart: Date;
  currency: string;
  customerId?: string | undefined;
}): SQL {
  const zone = sql`coalesce((SELECT t.time_zone FROM ${tenants} t WHERE t.tenant_id = ${w.tenantId}),
    'Asia/Shanghai')`;
  const since = sql`(${w.windowStart.toISOString()}::timestamptz AT TIME ZONE ${zone})::date`;
  const signed = signedContractsSql({ tenantId: w.tenantId, since, customerId: w.customerId });
  const home = homeAmountSql({
    tenantId: w.tenantId,
    home: w.currency,
    amountMinor: sql`p.amount_minor`,
    currency: sql`p.currency`,
    on: sql`p.received_on`,
  });
  const midnight = (day: SQL) => sql`(${day}::timestamp AT TIME ZONE ${zone})`;
  return sql`(SELECT s.customer_id AS customer_id,
      s.signed_total AS contracts_signed,
      s.signed_since AS contracts_in_window,
      coalesce(paid.received_minor, 0)::bigint AS received_minor,
      ${midnight(sql`greatest(s.last_signed_on, paid.last_received_on)`)} AS last_cash_at,
      ${midnight(sql`s.first_signed_on`)} AS first_signed_at
    FROM ${signed} s
    LEFT JOIN (SELECT p.customer_id,
        coalesce(sum(${home}) FILTER (WHERE p.received_on >= ${since}), 0) AS received_minor,
        max(p.received_on) AS last_received_on
      FROM ${payments} p
      WHERE p.tenant_id = ${w.tenantId}
        ${w.customerId ? sql`AND p.customer_id = ${w.customerId}` : sql``}
      GROUP BY p.customer_id) paid ON paid.customer_id = s.customer_id)`;
}
