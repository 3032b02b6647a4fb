import { type SQL, sql } from 'drizzle-orm';
import { queryRows, type Tx } from '../../platform/db/database';
import { customers } from './customers.tables';

/**
 * The customer facts the retention rules read, and the write of what they found (tier, lifecycle stage,
 * health) back onto `customers`, where lists filter and sort by it. Both set-based: the rules run for every
 * customer of a company in a few statements.
 */

/** Columns: id, name, owner_id, team_id, created_at, owner_since, last_activity_at. */
export function customerFactsSql(tenantId: string, customerId?: string): SQL {
  return sql`(SELECT ${customers.id} AS id, ${customers.name} AS name, ${customers.ownerId} AS owner_id,
      ${customers.teamId} AS team_id, ${customers.createdAt} AS created_at, ${customers.ownerSince} AS owner_since,
      ${customers.lastActivityAt} AS last_activity_at
    FROM ${customers}
    WHERE ${customers.tenantId} = ${tenantId}
      ${customerId ? sql`AND ${customers.id} = ${customerId}` : sql``})`;
}

/**
 * Copies grades from `source` (columns customer_id, tier, stage, health_score, at_risk) onto the customers
 * whose values differ. Not an edit: no version bump, so a form open on the customer stays saveable.
 * Returns how many customers changed.
 */
export async function applyCustomerGrades(tx: Tx, tenantId: string, source: SQL): Promise<number> {
  const rows = await queryRows<{ n: number }>(
    tx,
    sql`WITH changed AS (
        UPDATE ${customers} SET tier = g.tier, lifecycle_stage = g.stage, health_score = g.health_score,
          at_risk = g.at_risk
        FROM ${source} g
        WHERE ${customers.tenantId} = ${tenantId} AND ${customers.id} = g.customer_id
          AND (${customers.tier}, ${customers.lifecycleStage}, ${customers.healthScore}, ${customers.atRisk})
            IS DISTINCT FROM (g.tier, g.stage, g.health_score, g.at_risk)
        RETURNING 1)
      SELECT count(*)::int AS n FROM changed`,
  );
  return rows[0]?.n ?? 0;
}
