import { getTableColumns, sql } from 'drizzle-orm';
import { textArray } from '../../platform/db/arrays';
import type { Tx } from '../../platform/db/database';
import type { LeadRow } from './leads.queries';
import { leads } from './leads.tables';

/**
 * Inserts many leads with one parameter per column: every column travels as a text array and is unnested
 * and cast in the database. Beside being fast (no statement text or parameter list growing with the rows,
 * nothing returned), it stays under PGlite's limit of 32,767 parameters per statement for any batch size.
 * `shared_with` (an array per row) is left to its default: new leads are shared with nobody.
 */

const COLUMNS = Object.entries(getTableColumns(leads))
  .filter(([key]) => key !== 'sharedWith')
  .map(([key, column]) => ({ key: key as keyof LeadRow, name: column.name, type: column.getSQLType() }));

function asText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

export async function insertLeads(tx: Tx, rows: readonly LeadRow[]): Promise<void> {
  if (rows.length === 0) return;
  const names = sql.raw(COLUMNS.map((c) => `"${c.name}"`).join(', '));
  const casts = sql.join(
    COLUMNS.map((c, i) => sql.raw(`u.c${i}::${c.type}`)),
    sql`, `,
  );
  const arrays = sql.join(
    COLUMNS.map((c) => sql`${textArray(rows.map((r) => asText(r[c.key])))}::text[]`),
    sql`, `,
  );
  const aliases = sql.raw(COLUMNS.map((_, i) => `c${i}`).join(', '));
  await tx.execute(
    sql`INSERT INTO ${leads} (${names}) SELECT ${casts} FROM unnest(${arrays}) AS u(${aliases})`,
  );
}
