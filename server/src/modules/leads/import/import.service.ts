import path from 'node:path';
import type { Readable } from 'node:stream';
import type {
  ImportDefaults,
  ImportIssue,
  ImportIssueReason,
  ImportMapping,
  ImportStatus,
  LeadImport,
  LeadImportSummary,
} from '@contracts/lead-import.contract';
import { and, asc, desc, eq, gt, type SQL, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { visibilityOf } from '../../../platform/access';
import { writeAudit } from '../../../platform/audit';
import type { Tx } from '../../../platform/db/database';
import { users } from '../../../platform/db/identity.tables';
import { files } from '../../../platform/db/platform.tables';
import { withTenant } from '../../../platform/db/tenancy';
import { type FileStore, FileTooLargeError } from '../../../platform/files/files';
import { AppError, invalidFields } from '../../../platform/http/errors';
import { decodeCursor, encodeCursor, pageFrom } from '../../../platform/http/pagination';
import type { Platform } from '../../../platform/platform';
import { leadImportIssues, leadImports } from '../leads.tables';
import { detectCsv, type ReadOptions, readHead, readRows } from './file-readers';
import { removeImportUpload } from './import-cleanup';
import type { ImportBase, ImportCaller, ImportObjectName, ImportRow, ImportSpec } from './import-object';
import { leadImportSpec } from './lead-import';
import { rememberMappings } from './saved-mappings';
import { ZipBombError } from './xlsx-reader';

/**
 * Import use cases for every object (upload with preview, list, read, start with a mapping, cancel,
 * skipped rows), each given the object's spec; and the lead import's, which pass the lead spec.
 */

export type { ImportRow };

const PREVIEW_ROWS = 20;
const MAX_COLUMNS = 200;
const FINISHED: readonly ImportStatus[] = ['done', 'failed', 'cancelled'];
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const CSV_EXTENSIONS = new Set(['.csv', '.tsv', '.txt']);

/** Directors and admins see every import of the company; others see the ones they uploaded. */
function visibleTo(caller: ImportCaller): SQL | undefined {
  return visibilityOf(caller.role) === 'tenant'
    ? undefined
    : eq(leadImports.createdBy, caller.actor.userId ?? '');
}

export async function visibleObjectImport(
  tx: Tx,
  object: ImportObjectName,
  caller: ImportCaller,
  id: string,
  lock = false,
): Promise<ImportRow> {
  const q = tx
    .select()
    .from(leadImports)
    .where(
      and(
        eq(leadImports.tenantId, caller.actor.tenantId),
        eq(leadImports.id, id),
        eq(leadImports.object, object),
        visibleTo(caller),
      ),
    );
  const [row] = lock ? await q.for('update') : await q;
  if (!row) throw new AppError('not_found');
  return row;
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

function summaryOf(row: ImportRow, createdByName: string | null): LeadImportSummary {
  return {
    id: row.id,
    fileName: row.fileName,
    format: row.format as 'csv' | 'xlsx',
    status: row.status as ImportStatus,
    totalRows: row.totalRows,
    processedRows: row.processedRows,
    imported: row.imported,
    skipped: row.skipped,
    createdById: row.createdBy,
    createdByName,
    createdAt: row.createdAt.toISOString(),
    finishedAt: iso(row.finishedAt),
  };
}

async function baseOf(tx: Tx, row: ImportRow): Promise<ImportBase> {
  const [extra] = await tx
    .select({ size: files.size, createdByName: users.name })
    .from(leadImports)
    .innerJoin(files, and(eq(files.tenantId, leadImports.tenantId), eq(files.id, leadImports.fileId)))
    .leftJoin(users, and(eq(users.tenantId, leadImports.tenantId), eq(users.id, leadImports.createdBy)))
    .where(and(eq(leadImports.tenantId, row.tenantId), eq(leadImports.id, row.id)));
  return {
    ...summaryOf(row, extra?.createdByName ?? null),
    headers: row.headers,
    preview: row.preview,
    encoding: row.encoding,
    delimiter: row.delimiter,
    bytesRead: row.bytesRead,
    fileSize: extra?.size ?? 0,
    startedAt: iso(row.startedAt),
    error: row.error,
    version: row.version,
  };
}

export async function presentObjectImport<V, Ctx, R>(
  tx: Tx,
  spec: ImportSpec<V, Ctx, R>,
  row: ImportRow,
): Promise<V> {
  return spec.present(tx, row, await baseOf(tx, row));
}

/**
 * .xlsx by its content; .csv (or .tsv/.txt) when the content is text. Anything else is refused. A zip named
 * .xlsx counts too: streaming writers (exceljs's among them) put entry sizes after the data, which the type
 * sniffer cannot walk past; the reader then finds out whether it is a workbook.
 */
function formatOf(fileName: string, sniffedType: string | null): 'csv' | 'xlsx' {
  const extension = path.extname(fileName).toLowerCase();
  if (sniffedType === XLSX_TYPE || (sniffedType === 'application/zip' && extension === '.xlsx'))
    return 'xlsx';
  if (sniffedType === null && CSV_EXTENSIONS.has(extension)) return 'csv';
  throw invalidFields({ path: 'file', code: 'import_format' });
}

type Preview = { headers: string[]; rows: string[][] };

async function readPreview(store: FileStore, storageKey: string, options: ReadOptions): Promise<Preview> {
  let headers: string[] | null = null;
  const rows: string[][] = [];
  try {
    for await (const cells of readRows(store, storageKey, options)) {
      if (!headers) {
        headers = cells.map((c) => c.trim());
        if (headers.length > MAX_COLUMNS) {
          throw invalidFields({ path: 'file', code: 'import_too_many_columns', vars: { max: MAX_COLUMNS } });
        }
        continue;
      }
      const width = headers.length;
      rows.push(Array.from({ length: width }, (_, i) => cells[i] ?? ''));
      if (rows.length >= PREVIEW_ROWS) break;
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    if (error instanceof ZipBombError) throw invalidFields({ path: 'file', code: 'import_zip_bomb' });
    throw invalidFields({ path: 'file', code: 'import_unreadable' });
  }
  if (!headers) throw invalidFields({ path: 'file', code: 'import_empty' });
  return { headers, rows };
}

export type Upload = { fileName: string; file: Readable };

/**
 * Stores the file (streamed, so its size is bounded by LEAD_IMPORT_MAX_BYTES, not memory), reads its header
 * row and first rows, and records the import as `uploaded`. A file that cannot be read leaves nothing.
 */
export async function uploadObjectImport<V, Ctx, R>(
  platform: Platform,
  spec: ImportSpec<V, Ctx, R>,
  caller: ImportCaller,
  upload: Upload,
): Promise<V> {
  const tenantId = caller.actor.tenantId;
  const fileName = upload.fileName.slice(0, 255) || `${spec.fallbackName}.csv`;
  const fileId = uuidv7();
  let stored: Awaited<ReturnType<typeof platform.files.put>>;
  try {
    stored = await platform.files.put(tenantId, fileId, upload.file);
  } catch (error) {
    if (error instanceof FileTooLargeError) {
      throw new AppError('payload_too_large', {
        limit: `${Math.round(platform.config.leadImportMaxBytes / 1048576)} MB`,
      });
    }
    platform.log.error({ err: error }, 'import file store failed');
    throw new AppError('storage_failed');
  }
  try {
    const format = formatOf(fileName, stored.sniffedType);
    let options: ReadOptions = { format: 'xlsx' };
    if (format === 'csv') {
      const head = await readHead(await platform.files.open(stored.storageKey));
      options = { format, ...detectCsv(head, head.length >= stored.size) };
    }
    const preview = await readPreview(platform.files, stored.storageKey, options);
    return await withTenant(platform.db, tenantId, async (tx) => {
      await tx.insert(files).values({
        tenantId,
        id: fileId,
        name: fileName,
        contentType: format === 'xlsx' ? XLSX_TYPE : 'text/csv',
        size: stored.size,
        sha256: stored.sha256,
        storageKey: stored.storageKey,
        uploadedBy: caller.actor.userId,
      });
      const now = platform.clock.now();
      const [row] = await tx
        .insert(leadImports)
        .values({
          tenantId,
          id: uuidv7(),
          fileId,
          object: spec.object,
          fileName,
          format,
          status: 'uploaded',
          headers: preview.headers,
          preview: preview.rows,
          encoding: options.format === 'csv' ? options.encoding : null,
          delimiter: options.format === 'csv' ? options.delimiter : null,
          createdBy: caller.actor.userId,
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      if (!row) throw new AppError('internal');
      await writeAudit(tx, caller.actor, {
        entity: spec.entity,
        entityId: row.id,
        action: 'upload',
        changes: {
          fileName: { from: null, to: fileName },
          size: { from: null, to: stored.size },
          columns: { from: null, to: preview.headers.length },
        },
      });
      return presentObjectImport(tx, spec, row);
    });
  } catch (error) {
    await platform.files.remove(stored.storageKey);
    throw error;
  }
}

export async function listObjectImports(
  platform: Platform,
  object: ImportObjectName,
  caller: ImportCaller,
  page: { limit: number; cursor?: string | undefined },
) {
  const tenantId = caller.actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) => {
    const where: (SQL | undefined)[] = [
      eq(leadImports.tenantId, tenantId),
      eq(leadImports.object, object),
      visibleTo(caller),
    ];
    if (page.cursor) {
      const { value, id } = decodeCursor(page.cursor);
      where.push(
        sql`(${leadImports.createdAt}, ${leadImports.id}) < (${String(value)}::timestamptz, ${id}::uuid)`,
      );
    }
    const rows = await tx
      .select({ row: leadImports, createdByName: users.name })
      .from(leadImports)
      .leftJoin(users, and(eq(users.tenantId, leadImports.tenantId), eq(users.id, leadImports.createdBy)))
      .where(and(...where))
      .orderBy(desc(leadImports.createdAt), desc(leadImports.id))
      .limit(page.limit + 1);
    const out = pageFrom(rows, page.limit, (r) => encodeCursor(r.row.createdAt, r.row.id));
    return {
      items: out.items.map((r) => summaryOf(r.row, r.createdByName)),
      nextCursor: out.nextCursor,
      maxFileBytes: platform.config.leadImportMaxBytes,
    };
  });
}

export async function getObjectImport<V, Ctx, R>(
  platform: Platform,
  spec: ImportSpec<V, Ctx, R>,
  caller: ImportCaller,
  id: string,
): Promise<V> {
  return withTenant(platform.db, caller.actor.tenantId, async (tx) =>
    presentObjectImport(tx, spec, await visibleObjectImport(tx, spec.object, caller, id)),
  );
}

/**
 * Fixes the mapping and defaults, remembers the mapping for this company's next files (by header), and
 * queues the job once the transaction has committed.
 */
export async function startObjectImport<V, Ctx, R>(
  platform: Platform,
  spec: ImportSpec<V, Ctx, R>,
  caller: ImportCaller,
  id: string,
  input: { mapping: Readonly<Record<string, string | null>>; defaults: Record<string, unknown> },
): Promise<V> {
  const tenantId = caller.actor.tenantId;
  const started = await withTenant(platform.db, tenantId, async (tx) => {
    const row = await visibleObjectImport(tx, spec.object, caller, id, true);
    if (row.status !== 'uploaded') throw new AppError('import_started');
    const problems = await spec.checkStart(tx, caller, row.headers, input.mapping, input.defaults);
    if (problems.length > 0) throw invalidFields(...problems);

    const now = platform.clock.now();
    const mapping: Record<string, string> = {};
    for (const [index, field] of Object.entries(input.mapping)) {
      if (field) mapping[index] = field;
    }
    await rememberMappings(tx, tenantId, spec.object, row.headers, input.mapping, now);
    const [after] = await tx
      .update(leadImports)
      .set({
        status: 'mapped',
        mapping,
        defaults: input.defaults,
        updatedAt: now,
        version: row.version + 1,
      })
      .where(and(eq(leadImports.tenantId, tenantId), eq(leadImports.id, id)))
      .returning();
    if (!after) throw new AppError('internal');
    await writeAudit(tx, caller.actor, {
      entity: spec.entity,
      entityId: id,
      action: 'start',
      changes: { mapping: { from: null, to: mapping }, defaults: { from: null, to: input.defaults } },
    });
    return presentObjectImport(tx, spec, after);
  });
  // After commit: on PGlite a send inside the transaction would wait for its own connection.
  await platform.jobs.send(spec.job, { tenantId, importId: id }, { singletonKey: id });
  return started;
}

/** Stops an import that has not finished; the job sees it before its next batch. Imported records stay. */
export async function cancelObjectImport<V, Ctx, R>(
  platform: Platform,
  spec: ImportSpec<V, Ctx, R>,
  caller: ImportCaller,
  id: string,
): Promise<V> {
  const tenantId = caller.actor.tenantId;
  const cancelled = await withTenant(platform.db, tenantId, async (tx) => {
    const row = await visibleObjectImport(tx, spec.object, caller, id, true);
    if (FINISHED.includes(row.status as ImportStatus)) throw new AppError('import_finished');
    const now = platform.clock.now();
    const [after] = await tx
      .update(leadImports)
      .set({ status: 'cancelled', finishedAt: now, updatedAt: now, version: row.version + 1 })
      .where(and(eq(leadImports.tenantId, tenantId), eq(leadImports.id, id)))
      .returning();
    if (!after) throw new AppError('internal');
    await writeAudit(tx, caller.actor, {
      entity: spec.entity,
      entityId: id,
      action: 'cancel',
      changes: {
        status: { from: row.status, to: 'cancelled' },
        imported: { from: null, to: row.imported },
      },
    });
    return presentObjectImport(tx, spec, after);
  });
  // A run still reading it has it open (or its own copy) and stops before its next batch.
  await removeImportUpload(platform, tenantId, id);
  return cancelled;
}

export function issueValues(headers: readonly string[], values: Record<string, string>): string[] {
  return headers.map((_, i) => values[String(i)] ?? '');
}

/** Skipped rows in file order; the cursor carries the last row number. */
export async function listObjectIssues(
  platform: Platform,
  object: ImportObjectName,
  caller: ImportCaller,
  id: string,
  page: { limit: number; cursor?: string | undefined },
): Promise<{
  items: { rowNumber: number; reason: string; detail: string; values: string[] }[];
  nextCursor: string | null;
}> {
  const tenantId = caller.actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) => {
    const row = await visibleObjectImport(tx, object, caller, id);
    const after = page.cursor ? Number(decodeCursor(page.cursor).value) : 0;
    const issues = await tx
      .select()
      .from(leadImportIssues)
      .where(
        and(
          eq(leadImportIssues.tenantId, tenantId),
          eq(leadImportIssues.importId, id),
          gt(leadImportIssues.rowNumber, Number.isFinite(after) ? after : 0),
        ),
      )
      .orderBy(asc(leadImportIssues.rowNumber))
      .limit(page.limit + 1);
    const out = pageFrom(issues, page.limit, (r) => encodeCursor(r.rowNumber, id));
    return {
      items: out.items.map((r) => ({
        rowNumber: r.rowNumber,
        reason: r.reason,
        detail: r.detail,
        values: issueValues(row.headers, r.values),
      })),
      nextCursor: out.nextCursor,
    };
  });
}

// The lead import: the use cases above with the lead spec.

export const visibleImport = (tx: Tx, caller: ImportCaller, id: string, lock = false) =>
  visibleObjectImport(tx, 'lead', caller, id, lock);

export const presentImport = (tx: Tx, row: ImportRow): Promise<LeadImport> =>
  presentObjectImport(tx, leadImportSpec, row);

export const uploadImport = (platform: Platform, caller: ImportCaller, upload: Upload): Promise<LeadImport> =>
  uploadObjectImport(platform, leadImportSpec, caller, upload);

export const listImports = (
  platform: Platform,
  caller: ImportCaller,
  page: { limit: number; cursor?: string | undefined },
) => listObjectImports(platform, 'lead', caller, page);

export const getImport = (platform: Platform, caller: ImportCaller, id: string): Promise<LeadImport> =>
  getObjectImport(platform, leadImportSpec, caller, id);

export const startImport = (
  platform: Platform,
  caller: ImportCaller,
  id: string,
  input: { mapping: ImportMapping; defaults: ImportDefaults },
): Promise<LeadImport> => startObjectImport(platform, leadImportSpec, caller, id, input);

export const cancelImport = (platform: Platform, caller: ImportCaller, id: string): Promise<LeadImport> =>
  cancelObjectImport(platform, leadImportSpec, caller, id);

export async function listIssues(
  platform: Platform,
  caller: ImportCaller,
  id: string,
  page: { limit: number; cursor?: string | undefined },
): Promise<{ items: ImportIssue[]; nextCursor: string | null }> {
  const out = await listObjectIssues(platform, 'lead', caller, id, page);
  return {
    items: out.items.map((i) => ({ ...i, reason: i.reason as ImportIssueReason })),
    nextCursor: out.nextCursor,
  };
}
