import { getTableColumns, sql } from 'drizzle-orm';
import { getTableConfig, type PgColumn, type PgTable } from 'drizzle-orm/pg-core';
import { queryRows, type Tx } from './database';

/**
 * One row of a business table by its key (tenant_id, id), every column, as Drizzle's `select()` returns it: the
 * read behind nearly every request that opens or changes a record. The statement's text is made once per table
 * and each value goes through its column's own decoder, so the row is the same as the query builder's; the
 * builder itself, which walks every column of a wide table on every call, is skipped.
 */

type Plan = { head: string; columns: [key: string, column: PgColumn][] };

const plans = new WeakMap<PgTable, Plan>();

function planOf(table: PgTable): Plan {
  let plan = plans.get(table);
  if (!plan) {
    const columns = Object.entries(getTableColumns(table));
    const list = columns.map(([, column]) => `"${column.name}"`).join(', ');
    plan = { head: `SELECT ${list} FROM "${getTableConfig(table).name}"`, columns };
    plans.set(table, plan);
  }
  return plan;
}

export async function rowByKey<T extends PgTable>(
  tx: Tx,
  table: T,
  tenantId: string,
  id: string,
  /** FOR UPDATE: the caller is about to change the row. */
  lock = false,
): Promise<T['$inferSelect'] | undefined> {
  const plan = planOf(table);
  const head = sql.raw(plan.head);
  const [raw] = await queryRows<Record<string, unknown>>(
    tx,
    lock
      ? sql`${head} WHERE tenant_id = ${tenantId} AND id = ${id} FOR UPDATE`
      : sql`${head} WHERE tenant_id = ${tenantId} AND id = ${id}`,
  );
  if (!raw) return undefined;
  const row: Record<string, unknown> = {};
  for (const [key, column] of plan.columns) {
    const value = raw[column.name];
    row[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
  }
  return row as T['$inferSelect'];
}
