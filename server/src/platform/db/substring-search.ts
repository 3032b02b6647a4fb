import { type SQL, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { anyOf } from './arrays';
import { queryRows, type Tx } from './database';
import { APP_ROLE } from './tenancy';

/**
 * Free-text search ("a substring anywhere in these columns") on a trigram-indexed expression, made fast under
 * row-level security.
 *
 * Under the application role PostgreSQL may not use the trigram index for `ILIKE`: the operator is not
 * leakproof, so it must only see rows the tenant policy already let through, and the planner reads the whole
 * table instead (a phone number among a million leads: 440 ms). So the search runs in two steps inside the
 * caller's transaction: the candidates' ids are read through the index as the connecting user (the tables'
 * owner, to whom the policy does not apply), filtered on the tenant explicitly, at most SEARCH_CANDIDATES
 * of them; then the caller's own query keeps only those ids, under row-level security as always, with its
 * scope, filters, order and page. An id that did not belong to the tenant would still be filtered out there:
 * the first step only narrows, it never decides what is shown.
 *
 * `null` means "search with ILIKE in the query itself": no text, a text under three characters (no trigram to
 * look up) or more matches than SEARCH_CANDIDATES (the index would not narrow much). `substringMatch` turns
 * either answer into the query's condition.
 */

export const SEARCH_CANDIDATES = 2_000;
const MIN_TRIGRAM_TEXT = 3;

export type SearchTarget = { table: PgTable; id: PgColumn; tenantId: PgColumn; text: SQL };

export const escapeLike = (value: string): string => value.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The pattern that finds `q` anywhere in the text. */
export const containsPattern = (q: string): string => `%${escapeLike(q)}%`;

export async function substringCandidates(
  tx: Tx,
  target: SearchTarget,
  tenantId: string,
  q: string | undefined,
): Promise<string[] | null> {
  if (!q || q.trim().length < MIN_TRIGRAM_TEXT) return null;
  // The owner's role for one statement. One after the other: drizzle starts a query when it is awaited, so
  // sent together they could leave in another order and the read would run under the policy after all. If
  // the read fails the transaction is aborted and runs nothing more; a savepoint rolled back restores the
  // role with it.
  await tx.execute(sql.raw('SET LOCAL ROLE NONE'));
  const rows = await queryRows<{ id: string }>(
    tx,
    sql`SELECT ${target.id} AS id FROM ${target.table}
      WHERE ${target.tenantId} = ${tenantId} AND ${target.text} ILIKE ${containsPattern(q)}
      LIMIT ${SEARCH_CANDIDATES + 1}`,
  );
  await tx.execute(sql.raw(`SET LOCAL ROLE ${APP_ROLE}`));
  return rows.length > SEARCH_CANDIDATES ? null : rows.map((r) => r.id);
}

/** The search as the query's condition: the candidates' ids when there are some, otherwise ILIKE on the text. */
export function substringMatch(target: SearchTarget, q: string, candidates: readonly string[] | null): SQL {
  return candidates ? anyOf(target.id, candidates, 'uuid') : sql`${target.text} ILIKE ${containsPattern(q)}`;
}
