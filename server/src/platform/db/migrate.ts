import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type { DatabaseHandle } from './database';
import { ensureAppRole } from './tenancy';

/** Applies drizzle-kit migrations, serialised across processes by an advisory lock. */

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../../migrations', import.meta.url));
const MIGRATION_LOCK = 7_424_001;

export async function migrateDatabase(handle: DatabaseHandle): Promise<void> {
  await handle.withConnection(async (db, raw) => {
    await raw.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      if (handle.kind === 'pglite') {
        await migratePglite(db as unknown as PgliteDatabase, { migrationsFolder: MIGRATIONS_DIR });
      } else {
        await migratePg(db as unknown as NodePgDatabase, { migrationsFolder: MIGRATIONS_DIR });
      }
    } finally {
      await raw.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  });
  await ensureAppRole(handle);
}

/** True when every migration in the journal has been applied. */
export async function migrationsCurrent(handle: DatabaseHandle): Promise<boolean> {
  const journal = JSON.parse(readFileSync(`${MIGRATIONS_DIR}/meta/_journal.json`, 'utf8')) as {
    entries: unknown[];
  };
  try {
    const { rows } = await handle.raw.query<{ n: string | number }>(
      'SELECT count(*) AS n FROM drizzle.__drizzle_migrations',
    );
    return Number(rows[0]?.n ?? 0) >= journal.entries.length;
  } catch {
    return false;
  }
}
