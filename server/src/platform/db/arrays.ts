import { type AnyColumn, type SQL, sql } from 'drizzle-orm';

/**
 * Lists as one bound parameter. Drizzle's `inArray` binds one parameter per value, which costs time to build
 * for thousands of values (an import batch) and meets PGlite's limit of 32,767 parameters per statement;
 * an array literal is one parameter whatever its length, on both engines.
 */

/** A PostgreSQL array literal of texts (NULL for null), to bind as a single parameter and cast. */
export function textArray(values: readonly (string | null)[]): string {
  const items = values.map((v) =>
    v === null ? 'NULL' : `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`,
  );
  return `{${items.join(',')}}`;
}

type ElementType = 'text' | 'uuid' | 'integer';

/** `column = ANY(array)`: the values travel as one parameter. */
export function anyOf(
  column: AnyColumn | SQL,
  values: readonly (string | number)[],
  type: ElementType = 'text',
): SQL {
  return sql`${column} = ANY(${textArray(values.map(String))}::${sql.raw(type)}[])`;
}
