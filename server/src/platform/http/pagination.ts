import { type AnyColumn, type SQL, sql } from 'drizzle-orm';
import { AppError } from './errors';

/**
 * Keyset (cursor) pagination over a whitelisted sort column plus the id as tie-breaker. The cursor is
 * opaque to clients: base64url of the last row's sort value and id.
 */

export type SortSpec = { column: AnyColumn; desc: boolean };

export function parseSort<F extends string>(sort: F, columns: Record<string, AnyColumn>): SortSpec {
  const desc = sort.startsWith('-');
  const column = columns[desc ? sort.slice(1) : sort];
  if (!column) throw new AppError('bad_request');
  return { column, desc };
}

type CursorValue = string | number | null;

export function encodeCursor(value: unknown, id: string): string {
  const v: CursorValue = value instanceof Date ? value.toISOString() : (value as CursorValue);
  return Buffer.from(JSON.stringify([v, id])).toString('base64url');
}

export function decodeCursor(cursor: string): { value: CursorValue; id: string } {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(parsed) &&
      parsed.length === 2 &&
      typeof parsed[1] === 'string' &&
      /^[0-9a-f-]{36}$/i.test(parsed[1]) &&
      (parsed[0] === null || typeof parsed[0] === 'string' || typeof parsed[0] === 'number')
    ) {
      return { value: parsed[0], id: parsed[1] };
    }
  } catch {
    // fall through to the 400 below
  }
  throw new AppError(
    'validation_failed',
    {},
    { errors: [{ path: 'cursor', code: 'invalid', detail: 'cursor' }] },
  );
}

/** Condition selecting rows after the cursor in the given order. */
export function afterCursor(
  sort: SortSpec,
  idColumn: AnyColumn,
  cursor: string | undefined,
): SQL | undefined {
  if (!cursor) return undefined;
  const { value, id } = decodeCursor(cursor);
  const op = sort.desc ? sql`<` : sql`>`;
  const isTime = sort.column.columnType === 'PgTimestamp';
  const v = isTime && typeof value === 'string' ? new Date(value) : value;
  return sql`(${sort.column}, ${idColumn}) ${op} (${v}, ${id}::uuid)`;
}

export function orderFor(sort: SortSpec, idColumn: AnyColumn): SQL[] {
  return sort.desc
    ? [sql`${sort.column} desc`, sql`${idColumn} desc`]
    : [sql`${sort.column} asc`, sql`${idColumn} asc`];
}

/** Splits the extra row fetched beyond `limit` into the next cursor. */
export function pageFrom<R>(
  rows: R[],
  limit: number,
  cursorOf: (row: R) => string,
): { items: R[]; nextCursor: string | null } {
  if (rows.length <= limit) return { items: rows, nextCursor: null };
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: last ? cursorOf(last) : null };
}

/** Keyset condition and order for a sort expression (not only a column) with the id as tie-breaker. */
export function keyset(
  sort: { expr: SQL; kind: 'time' | 'text' | 'number' },
  idColumn: SQL,
  desc: boolean,
  cursor: string | undefined,
): { after: SQL | undefined; order: SQL[] } {
  let after: SQL | undefined;
  if (cursor) {
    const { value, id } = decodeCursor(cursor);
    const v =
      sort.kind === 'time'
        ? sql`${String(value)}::timestamptz`
        : sort.kind === 'number'
          ? sql`${Number(value)}::int`
          : sql`${String(value)}`;
    after = desc
      ? sql`(${sort.expr}, ${idColumn}) < (${v}, ${id}::uuid)`
      : sql`(${sort.expr}, ${idColumn}) > (${v}, ${id}::uuid)`;
  }
  const order = desc
    ? [sql`${sort.expr} desc`, sql`${idColumn} desc`]
    : [sql`${sort.expr} asc`, sql`${idColumn} asc`];
  return { after, order };
}
