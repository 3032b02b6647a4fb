import { createHash } from 'node:crypto';
import type pg from 'pg';

/**
 * Names each parameterised statement a PostgreSQL connection runs after a hash of its text, so the server
 * parses it once per connection and may keep its plan (a generic plan after five runs when it costs no more
 * than planning each time, PostgreSQL's own rule). The same text always gets the same name, so two requests
 * share a connection's statement, and node-postgres sends Parse only the first time (pipeline mode
 * included). On this machine that halved PostgreSQL's CPU for a two-query read (bench/README.md).
 *
 * Bounded: at most STATEMENTS_PER_CONNECTION names per connection (later new texts run unnamed, as before),
 * only statements with 1 to MAX_PARAMETERS values and at most MAX_TEXT characters (bulk inserts and long
 * IN lists vary in shape and are rarely repeated), and the pool retires a connection after a while
 * (`maxLifetimeSeconds`), so the set follows what the application runs now.
 *
 * A statement that matches a pattern (LIKE, ILIKE, SIMILAR TO, regular expressions, trigram and full-text
 * operators) stays unnamed: a generic plan cannot see how selective the pattern is and takes the default
 * guess, so a search for one phone number among a million leads walked the newest-first index and filtered
 * every row instead of asking the trigram index. Planned per call, PostgreSQL sees the pattern. A statement
 * that orders and limits (a list page) stays unnamed too, as a precaution: which index to walk depends on how
 * many rows its filters keep for these values (one lead id, or half the book), which a generic plan has to
 * guess; a list page is not where repeated planning costs most.
 */

export const STATEMENTS_PER_CONNECTION = 250;
const MAX_PARAMETERS = 100;
const MAX_TEXT = 8_000;
/** Pattern matching, whose plan depends on the pattern: ~~ and ~~* are LIKE and ILIKE spelled as operators. */
const PATTERN = /\b(?:i?like|similar\s+to)\b|~|%|@@|<->/i;
/** ORDER BY … LIMIT: a page of a list, whose best plan depends on the values. */
const PAGE = /\border\s+by\b[\s\S]*\blimit\b/i;
/** "cached plan must not change result type": a migration changed a statement's result columns. */
const CACHED_PLAN_CHANGED = '0A000';

type QueryConfig = { text?: unknown; name?: unknown; values?: unknown; submit?: unknown };
type Query = (config: unknown, values?: unknown, callback?: unknown) => unknown;

/**
 * Each text's name, or null for a text that stays unnamed (too long, a pattern match, a list page): decided once
 * per text and shared by all connections, so the checks and the hash run once, not on every query. Cleared when
 * full rather than grown without end.
 */
const namesByText = new Map<string, string | null>();
const NAMES_KEPT = 5_000;

function nameOf(text: string): string | null {
  let name = namesByText.get(text);
  if (name === undefined) {
    if (namesByText.size >= NAMES_KEPT) namesByText.clear();
    name =
      text.length > MAX_TEXT || PATTERN.test(text) || PAGE.test(text)
        ? null
        : `cl_${createHash('sha1').update(text).digest('base64url')}`;
    namesByText.set(text, name);
  }
  return name;
}

const stale = new WeakSet<pg.ClientBase>();

/** Whether a statement of this connection no longer matches its table: the connection must be discarded. */
export function hasStaleStatements(client: pg.ClientBase): boolean {
  return stale.has(client);
}

/** Makes `client.query` name what it may (see above). Call once per connection, when it connects. */
export function nameStatements(client: pg.ClientBase): void {
  const query = client.query.bind(client) as Query;
  const named = new Set<string>();

  const withName = (config: unknown, values: unknown): unknown => {
    const given: QueryConfig | null =
      typeof config === 'string'
        ? { text: config }
        : typeof config === 'object'
          ? (config as QueryConfig)
          : null;
    // A submittable (cursor, COPY stream) or an already named statement is left as it is.
    if (!given || given.name !== undefined || given.submit !== undefined || typeof given.text !== 'string') {
      return config;
    }
    const params = values ?? given.values;
    if (!Array.isArray(params) || params.length === 0 || params.length > MAX_PARAMETERS) return config;
    const name = nameOf(given.text);
    if (name === null) return config;
    if (!named.has(name)) {
      if (named.size >= STATEMENTS_PER_CONNECTION) return config;
      named.add(name);
    }
    return typeof config === 'string' ? { text: config, name } : { ...given, name };
  };

  const patched: Query = (config, values, callback) => {
    const result = query(withName(config, values), values, callback);
    if (result instanceof Promise) {
      // Observed, not handled: the caller still gets the rejection.
      result.catch((error: unknown) => {
        if (error instanceof Error && 'code' in error && error.code === CACHED_PLAN_CHANGED)
          stale.add(client);
      });
    }
    return result;
  };
  (client as unknown as { query: Query }).query = patched;
}
