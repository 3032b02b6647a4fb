import { type SQL, sql } from 'drizzle-orm';
import { deals } from './deals.tables';

/**
 * What a customer's deals say about the relationship, per customer, as a subquery other modules join in
 * one set-based statement (the nightly tier, lifecycle and health computation): won deals in a window and
 * overall, their value in one currency, the last deal opened (a new need) and recent losses.
 */

export type DealSignalWindow = {
  tenantId: string;
  /** Won deals closed since then count for `won_in_window` and `won_amount_in_window`. */
  windowStart: Date;
  /** Losses closed since then count for `recent_losses`. */
  lossesSince: Date;
  /** Amounts in other currencies are left out of the value (no exchange rates yet). */
  currency: string;
  /** Only this customer (a recompute for one record). */
  customerId?: string | undefined;
};

/**
 * Columns: customer_id, won_in_window, won_amount_in_window, won_total, first_won_at, last_won_at,
 * last_deal_at (latest deal created, won or not), recent_losses.
 */
export function dealSignalsSql(w: DealSignalWindow): SQL {
  const won = sql`${deals.status} = 'won'`;
  const inWindow = sql`${won} AND ${deals.closedAt} >= ${w.windowStart.toISOString()}::timestamptz`;
  return sql`(SELECT ${deals.customerId} AS customer_id,
      (count(*) FILTER (WHERE ${inWindow}))::int AS won_in_window,
      coalesce(sum(${deals.amountMinor}) FILTER (WHERE ${inWindow} AND ${deals.currency} = ${w.currency}), 0)::bigint
        AS won_amount_in_window,
      (count(*) FILTER (WHERE ${won}))::int AS won_total,
      min(${deals.closedAt}) FILTER (WHERE ${won}) AS first_won_at,
      max(${deals.closedAt}) FILTER (WHERE ${won}) AS last_won_at,
      max(${deals.createdAt}) AS last_deal_at,
      (count(*) FILTER (WHERE ${deals.status} = 'lost'
        AND ${deals.closedAt} >= ${w.lossesSince.toISOString()}::timestamptz))::int AS recent_losses
    FROM ${deals}
    WHERE ${deals.tenantId} = ${w.tenantId}
      ${w.customerId ? sql`AND ${deals.customerId} = ${w.customerId}` : sql``}
    GROUP BY ${deals.customerId})`;
}
