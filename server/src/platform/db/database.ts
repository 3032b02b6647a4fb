import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { type SQL, sql } from 'drizzle-orm';
import { drizzle as drizzlePg, NodePgSession, NodePgTransaction } from 'drizzle-orm/node-postgres';
import { type PgDatabase, PgDialect, type PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg, { type QueryResultRow } from 'pg';
import { pgliteExtensions } from './pglite-extensions';
import { hasStaleStatements, nameStatements } from './statement-names';

/**
 * One handle over either engine: embedded PGlite (a data folder) or PostgreSQL (DATABASE_URL).
 * The same SQL runs on both; only connection, raw execution and shutdown differ.
 */

export type Database = PgDatabase<PgQueryResultHKT>;
/** A transaction's query interface (drizzle's transaction objects are databases too). */
export type Tx = Database;
export type Executor = Database;

export type SqlRunner = {
  /** Runs one statement with bind parameters and returns its rows. */
  query<R = Record<string, unknown>>(text: string, values?: unknown[]): Promise<{ rows: R[] }>;
  /** Runs parameter-less SQL that may hold several statements; returns the last statement's rows. */
  exec(text: string): Promise<{ rows: Record<string, unknown>[] }>;
};

export type DatabaseHandle = {
  kind: 'pglite' | 'postgres';
  db: Database;
  raw: SqlRunner;
  /**
   * Runs `fn` in a transaction whose first statements are `prelude` (parameter-less, e.g. SET LOCAL).
   * On PostgreSQL, BEGIN and the prelude travel with the transaction's first query. `tx.transaction()` inside
   * `fn` is a savepoint.
   */
  transaction<T>(prelude: readonly string[], fn: (tx: Tx) => Promise<T>): Promise<T>;
  /**
   * Runs one read in a transaction of its own, for the lookups every request makes. On PostgreSQL, BEGIN
   * with the prelude, the statement and COMMIT leave in one write and come back in one round trip, and the
   * statement is prepared once per connection under its `name`. Returns its rows as the driver parses them
   * (timestamps as Date, json as values).
   */
  readInTransaction<R>(prelude: readonly string[], statement: Statement): Promise<R[]>;
  /** Runs `fn` on one dedicated connection (for session-level advisory locks). */
  withConnection<T>(fn: (db: Database, raw: SqlRunner) => Promise<T>): Promise<T>;
  close(): Promise<void>;
};

/** A statement prepared once per connection: `name` must stay unique to `text`. */
export type Statement = { name: string; text: string; values: unknown[] };

export type OpenOptions = { databaseUrl?: string | undefined; dataDir?: string; pglite?: PGlite };

export async function openDatabase(options: OpenOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl);
  if (options.pglite) return wrapPglite(options.pglite);
  const dir = path.join(options.dataDir ?? './data', 'pglite');
  mkdirSync(dir, { recursive: true });
  // Loaded only here: a process on PostgreSQL never holds the embedded engine's code.
  const { PGlite } = await import('@electric-sql/pglite');
  const client = new PGlite(dir, { extensions: await pgliteExtensions() });
  await client.waitReady;
  return wrapPglite(client);
}

async function wrapPglite(client: PGlite): Promise<DatabaseHandle> {
  const { drizzle: drizzlePglite, PgliteSession, PgliteTransaction } = await import('drizzle-orm/pglite');
  const db = drizzlePglite(client) as unknown as Database;
  const dialect = new PgDialect();
  const raw: SqlRunner = {
    async query<R>(text: string, values?: unknown[]) {
      const result = await client.query<R>(text, values ?? []);
      return { rows: result.rows };
    },
    async exec(text: string) {
      const results = await client.exec(text);
      return { rows: (results[results.length - 1]?.rows ?? []) as Record<string, unknown>[] };
    },
  };
  return {
    kind: 'pglite',
    db,
    raw,
    transaction: (prelude, fn) =>
      client.transaction(async (tx) => {
        // The prelude as one simple-protocol call: on PGlite each call is a trip through the engine.
        if (prelude.length > 0) await tx.exec(prelude.join('; '));
        return fn(new PgliteTransaction(dialect, new PgliteSession(tx, dialect, undefined), undefined));
      }),
    readInTransaction: <R>(prelude: readonly string[], statement: Statement) =>
      // PGlite's own transaction holds its single connection, so nothing runs between the statements.
      client.transaction(async (tx) => {
        if (prelude.length > 0) await tx.exec(prelude.join('; '));
        return (await tx.query<R>(statement.text, statement.values)).rows;
      }),
    // PGlite has a single connection: everything is already "the same connection".
    withConnection: (fn) => fn(db, raw),
    close: () => client.close(),
  };
}

async function openPostgres(url: string): Promise<DatabaseHandle> {
  // Pipeline mode: a query is sent without waiting for the answer to the one before it. Only a transaction's
  // opening uses that (below); everything else awaits each query, exactly as without it.
  // Connections are retired after ten minutes (when idle), so each one's named statements
  // (statement-names.ts) follow what the application runs now.
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    idleTimeoutMillis: 30_000,
    maxLifetimeSeconds: 600,
    pipeline: true,
  });
  // A dropped idle connection (e.g. the server restarting) must not kill the process; the pool reconnects.
  pool.on('error', () => {});
  // A checked-out connection has no listener of the pool's, and the caller attaches its own one microtask
  // after getting it: a FATAL message (e.g. 57P01 when PostgreSQL shuts down) parsed from the same packet in
  // that gap would be an unhandled 'error' event, which ends the process. This listener is always there; the
  // connection is already marked unusable by then, so the pool discards it when released.
  pool.on('connect', (client) => {
    client.on('error', () => {});
    nameStatements(client);
  });
  const db = drizzlePg(pool) as unknown as Database;
  const dialect = new PgDialect();
  const raw: SqlRunner = {
    async query<R>(text: string, values?: unknown[]) {
      const result = await pool.query(text, values ?? []);
      return { rows: result.rows as R[] };
    },
    async exec(text: string) {
      return { rows: lastRows(await pool.query(text)) };
    },
  };

  /** Runs `fn` on a checked-out connection; one that failed is discarded rather than reused. */
  async function withClient<T>(
    fn: (client: pg.PoolClient, markBroken: () => void) => Promise<T>,
  ): Promise<T> {
    const client = await pool.connect();
    let broken = false;
    // A connection lost mid-transaction emits 'error' on the checked-out client; without a listener it would
    // crash the process. The query in flight rejects on its own.
    const markBroken = () => {
      broken = true;
    };
    client.on('error', markBroken);
    try {
      return await fn(client, markBroken);
    } finally {
      client.off('error', markBroken);
      client.release(broken || hasStaleStatements(client));
    }
  }

  return {
    kind: 'postgres',
    db,
    raw,
    transaction: (prelude, fn) =>
      withClient(async (client, markBroken) => {
        // Not awaited: BEGIN and the prelude go out together with fn's first query, saving a round trip. The
        // prelude is fixed text (a tenant id is a validated UUID), so the message always parses and BEGIN
        // runs; whatever fails after it aborts the transaction, and the queries behind it fail with it
        // instead of running outside it.
        const begun = client.query(['BEGIN', ...prelude].join('; ')).then(
          () => null,
          (error: unknown) => error,
        );
        try {
          // A real drizzle transaction (not a database over the client), so `tx.transaction()` makes a
          // savepoint rather than a COMMIT that would end this transaction, its role and its tenant.
          const result = await fn(
            new NodePgTransaction(dialect, new NodePgSession(client, dialect, undefined), undefined),
          );
          const failed = await begun;
          if (failed) throw failed;
          await client.query('COMMIT');
          return result;
        } catch (error) {
          const failed = await begun;
          await client.query('ROLLBACK').catch(markBroken);
          throw failed ?? error;
        }
      }),
    readInTransaction: <R>(prelude: readonly string[], statement: Statement) =>
      withClient(async (client) => {
        // All three are sent before any answer (pipeline mode), corked into one write. COMMIT of a
        // transaction that failed rolls it back, so the connection is clean whatever happened.
        const stream = client.connection.stream;
        stream.cork();
        let sent: [Promise<unknown>, Promise<pg.QueryResult<R & QueryResultRow>>, Promise<unknown>];
        try {
          sent = [
            client.query(['BEGIN', ...prelude].join('; ')),
            client.query<R & QueryResultRow>(statement),
            client.query('COMMIT'),
          ];
        } finally {
          stream.uncork();
        }
        const [begun, read, committed] = await Promise.allSettled(sent);
        // A statement a migration made stale marks the connection (statement-names.ts); withClient
        // discards it.
        for (const step of [begun, read, committed]) {
          if (step.status === 'rejected') throw step.reason;
        }
        return read.status === 'fulfilled' ? read.value.rows : [];
      }),
    async withConnection(fn) {
      const client = await pool.connect();
      // A connection that failed (e.g. a lease's, its backend terminated) is discarded rather than reused.
      let failure: Error | undefined;
      const onError = (error: Error) => {
        failure = error;
      };
      client.on('error', onError);
      try {
        const connDb = drizzlePg(client) as unknown as Database;
        return await fn(connDb, {
          async query<R>(text: string, values?: unknown[]) {
            const result = await client.query(text, values ?? []);
            return { rows: result.rows as R[] };
          },
          async exec(text: string) {
            return { rows: lastRows(await client.query(text)) };
          },
        });
      } catch (error) {
        failure ??= error instanceof Error ? error : new Error(String(error));
        throw error;
      } finally {
        client.off('error', onError);
        client.release(failure ?? hasStaleStatements(client));
      }
    },
    close: () => pool.end(),
  };
}

/** Rows of a simple-protocol query's last statement (node-postgres answers several with an array). */
function lastRows(result: unknown): Record<string, unknown>[] {
  const results = (Array.isArray(result) ? result : [result]) as (pg.QueryResult | undefined)[];
  return results[results.length - 1]?.rows ?? [];
}

/** Rows of a drizzle `execute` result on either driver. */
export function rowsOf<R>(result: unknown): R[] {
  if (Array.isArray(result)) return result as R[];
  const rows = (result as { rows?: unknown }).rows;
  return Array.isArray(rows) ? (rows as R[]) : [];
}

export async function queryRows<R>(executor: Executor, query: SQL): Promise<R[]> {
  return rowsOf<R>(await executor.execute(query));
}

export async function ping(handle: DatabaseHandle): Promise<void> {
  await handle.db.execute(sql`select 1`);
}
