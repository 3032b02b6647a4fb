import { createReadStream, createWriteStream, existsSync, renameSync, rmSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { createGunzip, createGzip } from 'node:zlib';
import type { Config } from '../platform/config';
import { type DatabaseHandle, openDatabase, type SqlRunner } from '../platform/db/database';
import { migrateDatabase } from '../platform/db/migrate';
import { assertUuid, InvalidTenantError } from '../platform/db/tenancy';

/**
 * `closeloop backup` / `closeloop restore`: a logical dump of every tenant (or one) as gzip-compressed
 * NDJSON, portable between PGlite and PostgreSQL in either direction.
 *
 * Layout: a header line, then per table a `{table, columns}` line followed by one `{"r":[…]}` line per row,
 * tables in foreign-key order (parents first). The tables are found in the catalogue, not listed here:
 * every table of schema `public` with a `tenant_id` column, plus any table without one that they reference
 * (a shared catalogue), so tables that later modules add are included without touching this file.
 * Values are JSON: timestamps as ISO strings (to the microsecond), jsonb as JSON, booleans and small
 * numbers as JSON, everything else (bigint, numeric, uuid, arrays, bytea…) as PostgreSQL's text form, which
 * the restore casts back with the target column's type. One limit: in a nullable jsonb column, a JSON
 * `null` value comes back as SQL NULL.
 */

export const BACKUP_FORMAT = 'closeloop-backup';
export const BACKUP_VERSION = 1;

export type BackupHeader = {
  format: typeof BACKUP_FORMAT;
  version: number;
  createdAt: string;
  migrations: number;
  tenants: string[];
};

export type TableRows = { table: string; rows: number };
export type BackupSummary = { tenants: string[]; tables: TableRows[] };

/** A refusal the operator can act on (not empty, wrong version, not a backup); the command exits with 2. */
export class BackupError extends Error {}

/** Ephemeral rows that must not outlive their database: sign-ins and replayed POST responses. */
const EPHEMERAL = new Set(['sessions', 'idempotency_keys']);
/** Rows per FETCH when reading, and per INSERT when restoring (or fewer, past BATCH_CHARS). */
const PAGE = 1000;
const BATCH_CHARS = 4_000_000;
/** The lock first-run setup takes (auth.service SETUP_LOCK): no company can appear while a restore runs. */
const SETUP_LOCK = 7_424_002;
/** json_build_array takes at most 100 arguments; wider tables are built in chunks. */
const MAX_ARGS = 90;
/** Types whose to_json form round-trips exactly and reads naturally; the rest travel as text. */
const JSON_NATIVE = new Set([
  'jsonb',
  'bool',
  'int2',
  'int4',
  'float4',
  'float8',
  'timestamptz',
  'timestamp',
  'date',
]);

type Column = { name: string; type: string; typname: string; notNull: boolean; identityAlways: boolean };
type Table = { name: string; hasTenant: boolean; columns: Column[]; primaryKey: string[] };
type Catalogue = { tables: Map<string, Table>; fks: { child: string; parent: string }[] };

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;
const qualified = (table: string) => `public.${ident(table)}`;

async function readCatalogue(raw: SqlRunner): Promise<Catalogue> {
  const { rows: columns } = await raw.query<{
    table_name: string;
    name: string;
    type: string;
    typname: string;
    not_null: boolean;
    identity: string;
  }>(
    `SELECT c.relname AS table_name, a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type,
            t.typname, a.attnotnull AS not_null, a.attidentity::text AS identity
       FROM pg_attribute a
       JOIN pg_class c ON c.oid = a.attrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_type t ON t.oid = a.atttypid
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition
        AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
      ORDER BY c.relname, a.attnum`,
  );
  const { rows: keys } = await raw.query<{ table_name: string; name: string }>(
    `SELECT c.relname AS table_name, a.attname AS name
       FROM pg_index i
       JOIN pg_class c ON c.oid = i.indrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
       CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, pos)
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
      WHERE n.nspname = 'public' AND i.indisprimary
      ORDER BY c.relname, k.pos`,
  );
  const { rows: fks } = await raw.query<{ child: string; parent: string }>(
    `SELECT ch.relname AS child, pa.relname AS parent
       FROM pg_constraint k
       JOIN pg_class ch ON ch.oid = k.conrelid
       JOIN pg_namespace chn ON chn.oid = ch.relnamespace
       JOIN pg_class pa ON pa.oid = k.confrelid
       JOIN pg_namespace pan ON pan.oid = pa.relnamespace
      WHERE k.contype = 'f' AND chn.nspname = 'public' AND pan.nspname = 'public'`,
  );
  const tables = new Map<string, Table>();
  for (const c of columns) {
    let table = tables.get(c.table_name);
    if (!table) {
      table = { name: c.table_name, hasTenant: false, columns: [], primaryKey: [] };
      tables.set(c.table_name, table);
    }
    if (c.name === 'tenant_id') table.hasTenant = true;
    table.columns.push({
      name: c.name,
      type: c.type,
      typname: c.typname,
      notNull: c.not_null,
      identityAlways: c.identity === 'a',
    });
  }
  for (const k of keys) tables.get(k.table_name)?.primaryKey.push(k.name);
  return { tables, fks };
}

/**
 * The tables a backup holds, parents before children: tenant tables (less the ephemeral ones) and the
 * tenant-less tables they reference. Infrastructure without tenant_id (login_throttle, event_cursors) and
 * other schemas (drizzle, pgboss) stay out.
 */
function backupTables(catalogue: Catalogue): Table[] {
  const wanted = new Set(
    [...catalogue.tables.values()].filter((t) => t.hasTenant && !EPHEMERAL.has(t.name)).map((t) => t.name),
  );
  const queue = [...wanted];
  for (let child = queue.pop(); child !== undefined; child = queue.pop()) {
    for (const fk of catalogue.fks) {
      if (fk.child === child && !wanted.has(fk.parent) && !EPHEMERAL.has(fk.parent)) {
        wanted.add(fk.parent);
        queue.push(fk.parent);
      }
    }
  }
  const parents = new Map<string, Set<string>>();
  for (const name of wanted) parents.set(name, new Set());
  for (const fk of catalogue.fks) {
    if (fk.child !== fk.parent && wanted.has(fk.child) && wanted.has(fk.parent)) {
      parents.get(fk.child)?.add(fk.parent);
    }
  }
  const rank = (name: string) => (name === 'tenants' ? `0${name}` : `1${name}`);
  const byRank = (a: string, b: string) => rank(a).localeCompare(rank(b));
  const ordered: string[] = [];
  const done = new Set<string>();
  while (parents.size > 0) {
    const pending = [...parents.keys()].sort(byRank);
    // On a cycle nothing is ready; take the first remaining table and let the constraint decide.
    const next =
      pending.find((name) => [...(parents.get(name) ?? [])].every((p) => done.has(p))) ?? pending[0];
    if (next === undefined) break;
    ordered.push(next);
    done.add(next);
    parents.delete(next);
  }
  return ordered.flatMap((name) => catalogue.tables.get(name) ?? []);
}

async function appliedMigrations(raw: SqlRunner): Promise<number> {
  try {
    const { rows } = await raw.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations',
    );
    return rows[0]?.n ?? 0;
  } catch {
    throw new BackupError('The database has not been migrated.');
  }
}

/** One JSON array per row, built by PostgreSQL so that no value passes through a JavaScript number or Date. */
function rowSelect(table: Table): string {
  const exprs = table.columns.map((c) =>
    JSON_NATIVE.has(c.typname) ? ident(c.name) : `${ident(c.name)}::text`,
  );
  const chunks: string[] = [];
  for (let i = 0; i < exprs.length; i += MAX_ARGS) {
    chunks.push(`json_build_array(${exprs.slice(i, i + MAX_ARGS).join(', ')})::text AS r${chunks.length}`);
  }
  return chunks.join(', ');
}

function rowText(row: Record<string, unknown>, chunks: number): string {
  if (chunks === 1) return String(row.r0);
  const parts: string[] = [];
  for (let i = 0; i < chunks; i++) parts.push(String(row[`r${i}`]).slice(1, -1));
  return `[${parts.join(', ')}]`;
}

async function* dumpLines(
  raw: SqlRunner,
  header: BackupHeader,
  tables: Table[],
  tenantId: string | null,
  counts: TableRows[],
): AsyncGenerator<string> {
  yield `${JSON.stringify(header)}\n`;
  for (const table of tables) {
    yield `${JSON.stringify({ table: table.name, columns: table.columns.map((c) => c.name) })}\n`;
    const chunks = Math.ceil(table.columns.length / MAX_ARGS);
    // tenantId was checked to be a UUID, so it can be written into the cursor's SQL.
    const where = tenantId && table.hasTenant ? ` WHERE tenant_id = '${tenantId}'` : '';
    const order = table.primaryKey.length > 0 ? ` ORDER BY ${table.primaryKey.map(ident).join(', ')}` : '';
    await raw.query(
      `DECLARE closeloop_backup NO SCROLL CURSOR FOR SELECT ${rowSelect(table)} FROM ${qualified(table.name)}${where}${order}`,
    );
    let rows = 0;
    for (;;) {
      const page = await raw.query<Record<string, unknown>>(`FETCH ${PAGE} FROM closeloop_backup`);
      if (page.rows.length === 0) break;
      rows += page.rows.length;
      yield page.rows.map((r) => `{"r":${rowText(r, chunks)}}\n`).join('');
    }
    await raw.query('CLOSE closeloop_backup');
    counts.push({ table: table.name, rows });
  }
}

/**
 * Writes a backup of every tenant (or only `tenantId`) to `file`, read in one repeatable-read snapshot so
 * that children and parents agree. Runs as the connecting owner role, which row-level security lets through.
 */
export async function backupDatabase(
  handle: DatabaseHandle,
  file: string,
  options: { tenantId?: string | undefined } = {},
): Promise<BackupSummary> {
  const tenantId = options.tenantId ? assertUuid(options.tenantId) : null;
  const partial = `${file}.partial`;
  try {
    const summary = await handle.withConnection(async (_db, raw) => {
      await raw.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      try {
        await raw.query(`SET LOCAL TimeZone = 'UTC'`);
        const migrations = await appliedMigrations(raw);
        const { rows } = await raw.query<{ id: string }>(
          `SELECT tenant_id::text AS id FROM tenants${tenantId ? ` WHERE tenant_id = '${tenantId}'` : ''} ORDER BY tenant_id`,
        );
        const tenants = rows.map((r) => r.id);
        if (tenantId && tenants.length === 0)
          throw new BackupError(`There is no company with id ${tenantId}.`);
        const header: BackupHeader = {
          format: BACKUP_FORMAT,
          version: BACKUP_VERSION,
          createdAt: new Date().toISOString(),
          migrations,
          tenants,
        };
        const tables = backupTables(await readCatalogue(raw));
        const counts: TableRows[] = [];
        await pipeline(
          dumpLines(raw, header, tables, tenantId, counts),
          createGzip(),
          createWriteStream(partial),
        );
        await raw.query('COMMIT');
        return { tenants, tables: counts };
      } catch (error) {
        await raw.query('ROLLBACK').catch(() => {});
        throw error;
      }
    });
    // Only a complete dump takes the file's name.
    renameSync(partial, file);
    return summary;
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
}

/** Lines of a gzip-compressed NDJSON file; a truncated or corrupt file fails the iteration. */
async function* readLines(file: string): AsyncGenerator<string, void, undefined> {
  const source = createReadStream(file);
  const gunzip = createGunzip();
  source.on('error', (error) => gunzip.destroy(error));
  source.pipe(gunzip).setEncoding('utf8');
  const chunks = gunzip[Symbol.asyncIterator]();
  try {
    let rest = '';
    for (;;) {
      let next: IteratorResult<unknown>;
      try {
        next = await chunks.next();
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        throw new BackupError(
          `${file} is not a Closeloop backup, or it is damaged or incomplete (${message}).`,
        );
      }
      if (next.done) break;
      const lines = (rest + String(next.value)).split('\n');
      rest = lines.pop() ?? '';
      yield* lines;
    }
    if (rest) yield rest;
  } finally {
    source.destroy();
    gunzip.destroy();
  }
}

function parseHeader(line: string | undefined): BackupHeader {
  let header: unknown;
  try {
    header = JSON.parse(line ?? '');
  } catch {
    header = null;
  }
  const h = header as Partial<BackupHeader> | null;
  if (h?.format !== BACKUP_FORMAT || typeof h.migrations !== 'number' || !Array.isArray(h.tenants)) {
    throw new BackupError('This file is not a Closeloop backup.');
  }
  if (h.version !== BACKUP_VERSION) {
    throw new BackupError(
      `This backup has format version ${h.version}; this Closeloop reads version ${BACKUP_VERSION}.`,
    );
  }
  return h as BackupHeader;
}

/** The INSERT for one table section: rows arrive as one JSON array parameter and are cast by the target's types. */
function insertSql(table: Table, columns: string[]): string {
  const exprs = columns.map((name, i) => {
    const column = table.columns.find((c) => c.name === name);
    if (!column) throw new BackupError(`Table ${table.name} has no column ${name} in this database.`);
    // Transaction ids mean nothing in another database; the restoring transaction's own id keeps restored
    // audit rows ordered before every later one for event delivery.
    if (column.typname === 'xid8')
      return `CASE WHEN e->>${i} IS NULL THEN NULL ELSE pg_current_xact_id() END`;
    if (column.typname === 'jsonb') {
      return column.notNull
        ? `(e->${i})::jsonb`
        : `CASE WHEN json_typeof(e->${i}) = 'null' THEN NULL ELSE (e->${i})::jsonb END`;
    }
    return `(e->>${i})::${column.type}`;
  });
  const overriding = table.columns.some((c) => c.identityAlways) ? ' OVERRIDING SYSTEM VALUE' : '';
  // A shared catalogue may already hold rows its migration seeded.
  const conflict = table.hasTenant ? '' : ' ON CONFLICT DO NOTHING';
  return (
    `INSERT INTO ${qualified(table.name)} (${columns.map(ident).join(', ')})${overriding} ` +
    `SELECT ${exprs.join(', ')} FROM json_array_elements($1::json) AS e${conflict}`
  );
}

/** Moves identity and serial sequences past the restored ids, since sequences are not part of the dump. */
async function advanceSequences(raw: SqlRunner, table: Table): Promise<void> {
  const { rows } = await raw.query<{ name: string; seq: string }>(
    `SELECT name, seq FROM (
       SELECT a.attname AS name, pg_get_serial_sequence($1, a.attname) AS seq
         FROM pg_attribute a WHERE a.attrelid = $1::regclass AND a.attnum > 0 AND NOT a.attisdropped) s
      WHERE seq IS NOT NULL`,
    [qualified(table.name)],
  );
  for (const { name, seq } of rows) {
    await raw.query(
      `SELECT setval($1::regclass, m) FROM (SELECT max(${ident(name)})::bigint AS m FROM ${qualified(table.name)}) s
        WHERE m IS NOT NULL`,
      [seq],
    );
  }
}

/**
 * Loads a backup into a migrated database that holds no company yet, in one transaction: it is restored
 * completely or not at all. Refuses (BackupError) a non-empty database or a different migration count.
 */
export async function restoreDatabase(handle: DatabaseHandle, file: string): Promise<BackupSummary> {
  if (!existsSync(file)) throw new BackupError(`No such file: ${file}`);
  const lines = readLines(file);
  try {
    const first = await lines.next();
    const header = parseHeader(first.done ? undefined : first.value);
    return await handle.withConnection((_db, raw) => restoreLines(raw, header, lines));
  } finally {
    await lines.return(undefined);
  }
}

async function restoreLines(
  raw: SqlRunner,
  header: BackupHeader,
  lines: AsyncGenerator<string, void, undefined>,
): Promise<BackupSummary> {
  const migrations = await appliedMigrations(raw);
  if (header.migrations !== migrations) {
    throw new BackupError(
      `The backup was taken at migration ${header.migrations} and this database is at ${migrations}; ` +
        'restore it with the Closeloop version that wrote it.',
    );
  }
  await raw.query('BEGIN');
  try {
    await raw.query('SELECT pg_advisory_xact_lock($1)', [SETUP_LOCK]);
    const { rows: existing } = await raw.query('SELECT 1 FROM tenants LIMIT 1');
    if (existing.length > 0) {
      throw new BackupError('The database already holds a company; restore only into an empty database.');
    }
    const catalogue = await readCatalogue(raw);
    const counts: TableRows[] = [];
    let section: { table: Table; sql: string; count: TableRows } | null = null;
    let batch: string[] = [];
    let batchChars = 0;
    const flush = async () => {
      if (!section || batch.length === 0) return;
      await raw.query(section.sql, [`[${batch.join(',')}]`]);
      batch = [];
      batchChars = 0;
    };
    for await (const line of lines) {
      if (line.startsWith('{"r":')) {
        if (!section) throw new BackupError('The backup has a row before any table.');
        const row = line.slice(5, -1);
        batch.push(row);
        batchChars += row.length;
        section.count.rows++;
        if (batch.length >= PAGE || batchChars >= BATCH_CHARS) await flush();
        continue;
      }
      if (line === '') continue;
      await flush();
      const { table: name, columns } = JSON.parse(line) as { table?: string; columns?: string[] };
      const table = name ? catalogue.tables.get(name) : undefined;
      if (!table || !Array.isArray(columns)) {
        throw new BackupError(`The backup holds a table this database does not have: ${name}`);
      }
      section = { table, sql: insertSql(table, columns), count: { table: table.name, rows: 0 } };
      counts.push(section.count);
    }
    await flush();
    for (const count of counts) {
      const table = catalogue.tables.get(count.table);
      if (table) await advanceSequences(raw, table);
    }
    const { rows: restored } = await raw.query<{ id: string }>(
      'SELECT tenant_id::text AS id FROM tenants ORDER BY tenant_id',
    );
    const tenants = restored.map((r) => r.id);
    if (tenants.join() !== [...header.tenants].sort().join()) {
      throw new BackupError(
        'The restored companies differ from those the backup lists; nothing was restored.',
      );
    }
    await raw.query('COMMIT');
    return { tenants, tables: counts };
  } catch (error) {
    await raw.query('ROLLBACK').catch(() => {});
    throw error;
  }
}

function printSummary(verb: string, file: string, summary: BackupSummary): void {
  const width = Math.max(...summary.tables.map((t) => t.table.length), 5);
  for (const t of summary.tables)
    console.log(`  ${t.table.padEnd(width)} ${String(t.rows).padStart(9)} ${t.rows === 1 ? 'row' : 'rows'}`);
  const total = summary.tables.reduce((sum, t) => sum + t.rows, 0);
  const companies = `${summary.tenants.length} ${summary.tenants.length === 1 ? 'company' : 'companies'}`;
  console.log(`${verb} ${companies}, ${total} rows: ${file}`);
}

async function runRefusable(task: () => Promise<void>): Promise<number> {
  try {
    await task();
    return 0;
  } catch (error) {
    if (error instanceof BackupError || error instanceof InvalidTenantError) {
      console.error(error.message);
      return 2;
    }
    throw error;
  }
}

/** `closeloop backup <file> [--tenant <uuid>]` */
export async function backupCommand(config: Config, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { tenant: { type: 'string' } },
  });
  const [file] = positionals;
  if (!file || positionals.length > 1) {
    console.error('Usage: closeloop backup <file> [--tenant <uuid>]');
    return 2;
  }
  return runRefusable(async () => {
    const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    try {
      await migrateDatabase(db);
      const summary = await backupDatabase(db, file, { tenantId: values.tenant });
      printSummary('Backed up', file, summary);
      console.log(`Skipped (ephemeral): ${[...EPHEMERAL].join(', ')}.`);
      if (summary.tables.some((t) => t.table === 'files' && t.rows > 0)) {
        console.log(
          'Attachment contents (DATA_DIR/files or S3) are not in the backup; copy them separately.',
        );
      }
    } finally {
      await db.close();
    }
  });
}

/** `closeloop restore <file>` */
export async function restoreCommand(config: Config, args: string[]): Promise<number> {
  const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
  const [file] = positionals;
  if (!file || positionals.length > 1) {
    console.error('Usage: closeloop restore <file>');
    return 2;
  }
  return runRefusable(async () => {
    const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    try {
      await migrateDatabase(db);
      printSummary('Restored', file, await restoreDatabase(db, file));
    } finally {
      await db.close();
    }
  });
}
