import { getTableColumns, type InferInsertModel, type SQL, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { textArray } from './arrays';
import { queryRows, type Tx } from './database';

/**
 * Inserts many rows with one parameter per column: every column travels as a text array, unnested and cast in
 * the database. Drizzle's `insert().values(rows)` binds one parameter per cell and checks every value while
 * building the statement, which for a few hundred rows costs more than the database's work; this statement's
 * text and parameter count do not grow with the rows, and any batch stays under PGlite's limit of 32,767
 * parameters per statement. `insertMany` returns nothing: callers that need the rows built them (ids
 * included). Columns named in `omit` take their database default; a column left undefined in a row is NULL.
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

/** `INSERT INTO table (columns) SELECT casts FROM unnest(arrays)`: the statement both functions below run. */
function insertStatement<T extends PgTable>(
  table: T,
  rows: readonly InferInsertModel<T>[],
  omit: readonly string[],
): SQL {
  const used = columns(table).filter((c) => !omit.includes(c.key));
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
  return sql`INSERT INTO ${table} (${names}) SELECT ${casts} FROM unnest(${arrays}) AS u(${aliases})`;
}

export async function insertMany<T extends PgTable>(
  tx: Tx,
  table: T,
  rows: readonly InferInsertModel<T>[],
  omit: readonly (keyof T['_']['columns'] & string)[] = [],
): Promise<void> {
  if (rows.length === 0) return;
  await tx.execute(insertStatement(table, rows, omit as readonly string[]));
}

/**
 * Writes many rows in one statement, updating the rows that already exist under a unique key (`on`, whose
 * columns must make up a unique index) in place and inserting the rest. Every column but the key's and those
 * in `keep` takes the new value; `keep` (e.g. the id) stays as stored. Returns the `returning` columns of every
 * written row, in no particular order.
 *
 * Rewriting a row in place rather than deleting and inserting it spares the foreign-key checks of its
 * unchanged references (PostgreSQL checks a reference only when it is inserted or changed), which for a
 * 200-line document are most of the statement's time.
 */
export async function upsertMany<T extends PgTable, K extends keyof T['_']['columns'] & string>(
  tx: Tx,
  table: T,
  rows: readonly InferInsertModel<T>[],
  options: { on: readonly K[]; keep: readonly K[]; returning: readonly K[] },
): Promise<Record<K, unknown>[]> {
  if (rows.length === 0) return [];
  const all = columns(table);
  const named = (keys: readonly string[]) =>
    keys.map((key) => {
      const column = all.find((c) => c.key === key);
      if (!column) throw new Error(`upsertMany: ${key} is not a column`);
      return column;
    });
  const fixed = new Set<string>([...options.on, ...options.keep]);
  const target = sql.raw(
    named(options.on)
      .map((c) => `"${c.name}"`)
      .join(', '),
  );
  const set = sql.raw(
    all
      .filter((c) => !fixed.has(c.key))
      .map((c) => `"${c.name}" = EXCLUDED."${c.name}"`)
      .join(', '),
  );
  const returning = sql.raw(
    named(options.returning)
      .map((c) => `"${c.name}" AS "${c.key}"`)
      .join(', '),
  );
  return queryRows<Record<K, unknown>>(
    tx,
    sql`${insertStatement(table, rows, [])} ON CONFLICT (${target}) DO UPDATE SET ${set} RETURNING ${returning}`,
  );
}
