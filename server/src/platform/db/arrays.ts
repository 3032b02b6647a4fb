import { type AnyColumn, type SQL, sql } from 'drizzle-orm';

/**
 * Lists as one bound parameter. Drizzle's `inArray` binds one parameter per value, which costs time to build
 * for thousands of values (an import batch) and meets PGlite's limit of 32,767 parameters per statement;
 * an array literal is one parameter whatever its length, on both engines.
 */

/** A PostgreSQL array literal of texts (NULL for null), to bind as a single parameter and cast. */
export function textArray(values: readonly (string | null)[]): string {
  let out = '{';
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (i > 0) out += ',';
    // Most values hold neither quote nor backslash: test once rather than rewrite every value twice.
    if (v === null || v === undefined) out += 'NULL';
    else out += NEEDS_ESCAPE.test(v) ? `"${v.replace(ESCAPED, '\\$&')}"` : `"${v}"`;
  }
  return `${out}}`;
}

const NEEDS_ESCAPE = /["\\]/;
const ESCAPED = /["\\]/g;

type ElementType = 'text' | 'uuid' | 'integer';

/** `column = ANY(array)`: the values travel as one parameter. */
export function anyOf(
  column: AnyColumn | SQL,
  values: readonly (string | number)[],
  type: ElementType = 'text',
): SQL {
  return sql`${column} = ANY(${textArray(values.map(String))}::${sql.raw(type)}[])`;
}
