import { getTableColumns, type InferInsertModel, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { textArray } from './arrays';
import type { Tx } from './database';

/**
 * Inserts many rows with one parameter per column: every column travels as a text array, unnested and cast in
 * the database. Drizzle's `insert().values(rows)` binds one parameter per cell and checks every value while
 * building the statement, which for a few hundred rows costs more than the database's work; this statement's
 * text and parameter count do not grow with the rows, and any batch stays under PGlite's limit of 32,767
 * parameters per statement. Nothing is returned: callers that need the rows built them (ids included).
 * Columns named in `omit` take their database default; a column left undefined in a row is NULL there.
 */

type Column = { key: string; name: string; type: string };

const columnsOf = new WeakMap<PgTable, Column[]>();

function columns(table: PgTable): Column[] {
  let found = columnsOf.get(table);
  if (!found) {
    found = Object.entries(getTableColumns(table)).map(([key, column]) => ({
      key,
      name: column.name,
      type: column.getSQLType(),
    }));
    columnsOf.set(table, found);
  }
  return found;
}

function asText(value: unknown, type: string): string | null {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value) && type.endsWith('[]')) return textArray(value.map(String));
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

export async function insertMany<T extends PgTable>(
  tx: Tx,
  table: T,
  rows: readonly InferInsertModel<T>[],
  omit: readonly (keyof T['_']['columns'] & string)[] = [],
): Promise<void> {
  if (rows.length === 0) return;
  const used = columns(table).filter((c) => !(omit as readonly string[]).includes(c.key));
  const names = sql.raw(used.map((c) => `"${c.name}"`).join(', '));
  const casts = sql.raw(used.map((c, i) => `u.c${i}::${c.type}`).join(', '));
  const arrays = sql.join(
    used.map(
      (c) =>
        sql`${textArray(rows.map((r) => asText((r as Record<string, unknown>)[c.key], c.type)))}::text[]`,
    ),
    sql`, `,
  );
  const aliases = sql.raw(used.map((_, i) => `c${i}`).join(', '));
  await tx.execute(
    sql`INSERT INTO ${table} (${names}) SELECT ${casts} FROM unnest(${arrays}) AS u(${aliases})`,
  );
}
