import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { type SQL, sql } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';

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
   * On PostgreSQL, BEGIN and the prelude travel in one round trip.
   */
  transaction<T>(prelude: readonly string[], fn: (tx: Tx) => Promise<T>): Promise<T>;
  /** Runs `fn` on one dedicated connection (for session-level advisory locks). */
  withConnection<T>(fn: (db: Database, raw: SqlRunner) => Promise<T>): Promise<T>;
  close(): Promise<void>;
};

export type OpenOptions = { databaseUrl?: string | undefined; dataDir?: string; pglite?: PGlite };

export async function openDatabase(options: OpenOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl);
  if (options.pglite) return wrapPglite(options.pglite);
  const dir = path.join(options.dataDir ?? './data', 'pglite');
  mkdirSync(dir, { recursive: true });
  const client = new PGlite(dir);
  await client.waitReady;
  return wrapPglite(client);
}

function wrapPglite(client: PGlite): DatabaseHandle {
  const db = drizzlePglite(client) as unknown as Database;
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
      db.transaction(async (tx) => {
        for (const statement of prelude) await tx.execute(sql.raw(statement));
        return fn(tx);
      }),
    // PGlite has a single connection: everything is already "the same connection".
    withConnection: (fn) => fn(db, raw),
    close: () => client.close(),
  };
}

async function openPostgres(url: string): Promise<DatabaseHandle> {
  const pool = new pg.Pool({ connectionString: url, max: 10, idleTimeoutMillis: 30_000 });
  // A dropped idle connection (e.g. the server restarting) must not kill the process; the pool reconnects.
  pool.on('error', () => {});
  const db = drizzlePg(pool) as unknown as Database;
  const raw: SqlRunner = {
    async query<R>(text: string, values?: unknown[]) {
      const result = await pool.query(text, values ?? []);
      return { rows: result.rows as R[] };
    },
    async exec(text: string) {
      const result = (await pool.query(text)) as unknown as pg.QueryResult | pg.QueryResult[];
      const last = Array.isArray(result) ? result[result.length - 1] : result;
      return { rows: last?.rows ?? [] };
    },
  };
  return {
    kind: 'postgres',
    db,
    raw,
    async transaction(prelude, fn) {
      const client = await pool.connect();
      let broken = false;
      // A connection lost mid-transaction emits 'error' on the checked-out client; without a listener it
      // would crash the process. The query in flight rejects on its own.
      const onError = () => {
        broken = true;
      };
      client.on('error', onError);
      try {
        await client.query(['BEGIN', ...prelude].join('; '));
        const result = await fn(drizzlePg(client) as unknown as Database);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {
          broken = true;
        });
        throw error;
      } finally {
        // A connection that failed is discarded rather than reused.
        client.off('error', onError);
        client.release(broken);
      }
    },
    async withConnection(fn) {
      const client = await pool.connect();
      const onError = () => {};
      client.on('error', onError);
      try {
        const connDb = drizzlePg(client) as unknown as Database;
        return await fn(connDb, {
          async query<R>(text: string, values?: unknown[]) {
            const result = await client.query(text, values ?? []);
            return { rows: result.rows as R[] };
          },
          async exec(text: string) {
            const result = (await client.query(text)) as unknown as pg.QueryResult | pg.QueryResult[];
            const last = Array.isArray(result) ? result[result.length - 1] : result;
            return { rows: last?.rows ?? [] };
          },
        });
      } finally {
        client.off('error', onError);
        client.release();
      }
    },
    close: () => pool.end(),
  };
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
