import { and, eq, inArray, lt, or, sql } from 'drizzle-orm';
import type { Actor } from '../../../platform/audit';
import { writeAudit } from '../../../platform/audit';
import { isLeased, tryLease } from '../../../platform/db/lease';
import { files } from '../../../platform/db/platform.tables';
import { withSystem, withTenant } from '../../../platform/db/tenancy';
import type { Platform } from '../../../platform/platform';
import { leadImportIssues, leadImports } from '../leads.tables';
import { CSV_ENCODINGS, type ReadOptions, type ReadProgress, readRows } from './file-readers';
import { removeImportUpload } from './import-cleanup';
import type { ClaimedImport, Converted, FileRow, ImportSpec, RowIssue } from './import-object';
import { cellsOf } from './import-rows';
import { ZipBombError } from './xlsx-reader';

/**
 * The import job, for every object. It streams the stored file and hands the rows to the object's writer
 * in batches; each batch's records, its skipped rows and the import's watermark (rows handled, counts,
 * bytes read) commit in one transaction. A crash or restart at any point therefore loses and duplicates
 * nothing: the next run skips the rows under the watermark and goes on. Before each batch the run checks,
 * under a row lock, that the watermark is still where it left it, so two runs of one import (a retry while
 * a stalled run wakes up) never both write: the second one stops.
 */

/**
 * Runs in a row without a committed batch before an import is marked failed: a file that keeps breaking the
 * job is not retried forever, while an import that moves on between crashes always finishes.
 */
const MAX_ATTEMPTS = 10;
/** A queued import whose run has not started for this long has lost its job. */
const STALE_MS = 2 * 60_000;
/** The lease a run holds while it works: a running import without it has lost its run (process killed). */
export const importLease = (importId: string) => `leads.import:${importId}`;
const RUNNABLE = ['mapped', 'running'];

/** A problem with the file itself (it cannot be parsed further): retrying would fail the same way. */
class ImportFileError extends Error {}

export type RunOptions = {
  batchRows?: number;
  /** Called inside each batch's transaction, after its writes: lets a test fail a batch before it commits. */
  beforeCommit?: (batch: number) => void | Promise<void>;
};

type Batch<R> = { rows: FileRow[]; converted: Converted<R>[]; bytes: number; lastRow: number | null };

async function* batchesOf<R>(
  rows: AsyncIterable<string[]>,
  convert: (row: FileRow) => Converted<R>,
  progress: ReadProgress,
  from: number,
  size: number,
): AsyncGenerator<Batch<R>> {
  let rowNumber = 0;
  let header = true;
  let batch: FileRow[] = [];
  const cut = (): Batch<R> => {
    const out = batch;
    batch = [];
    return { rows: out, converted: out.map(convert), bytes: progress.bytes, lastRow: progress.lastRow };
  };
  try {
    for await (const cells of rows) {
      if (header) {
        header = false;
        continue;
      }
      rowNumber++;
      if (rowNumber <= from) continue;
      batch.push({ rowNumber, cells });
      if (batch.length >= size) yield cut();
    }
  } catch (error) {
    // The rows read before the break are imported; then the run stops on the file's error.
    if (batch.length > 0) yield cut();
    // Stored as the field code, which the web app shows translated.
    if (error instanceof ZipBombError) throw new ImportFileError('import_zip_bomb');
    throw new ImportFileError(
      `row ${rowNumber + 1}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  if (batch.length > 0) yield cut();
}

type Claimed<Ctx> = {
  storageKey: string;
  options: ReadOptions;
  claimed: ClaimedImport;
  ctx: Ctx;
  fileName: string;
  watermark: number;
};

/** Takes the import for this run (mapped → running), or says there is nothing to do. */
async function claim<V, Ctx, R>(
  platform: Platform,
  spec: ImportSpec<V, Ctx, R>,
  tenantId: string,
  importId: string,
): Promise<Claimed<Ctx> | null> {
  return withTenant(platform.db, tenantId, async (tx) => {
    const [row] = await tx
      .select()
      .from(leadImports)
      .where(
        and(
          eq(leadImports.tenantId, tenantId),
          eq(leadImports.id, importId),
          eq(leadImports.object, spec.object),
        ),
      )
      .for('update');
    if (!row || !RUNNABLE.includes(row.status)) return null;
    const now = platform.clock.now();
    if (row.attempts >= MAX_ATTEMPTS) {
      await tx
        .update(leadImports)
        .set({ status: 'failed', finishedAt: now, updatedAt: now, error: row.error ?? 'too many attempts' })
        .where(and(eq(leadImports.tenantId, tenantId), eq(leadImports.id, importId)));
      return null;
    }
    await tx
      .update(leadImports)
      .set({ status: 'running', attempts: row.attempts + 1, startedAt: row.startedAt ?? now, updatedAt: now })
      .where(and(eq(leadImports.tenantId, tenantId), eq(leadImports.id, importId)));
    const [file] = await tx
      .select({ storageKey: files.storageKey })
      .from(files)
      .where(and(eq(files.tenantId, tenantId), eq(files.id, row.fileId)));
    if (!file) return null;
    const actor: Actor = { tenantId, userId: row.createdBy, kind: 'user', requestId: null, ip: null };
    const claimed: ClaimedImport = {
      tenantId,
      importId,
      actor,
      createdBy: row.createdBy,
      headers: row.headers,
      columns: Object.entries(row.mapping)
        .filter((e) => e[1] !== '')
        .map(([index, field]) => [Number(index), field] as const),
      defaults: row.defaults,
    };
    return {
      storageKey: file.storageKey,
      options:
        row.format === 'xlsx'
          ? { format: 'xlsx' }
          : {
              format: 'csv',
              encoding: CSV_ENCODINGS.find((e) => e === row.encoding) ?? 'utf-8',
              delimiter: row.delimiter ?? ',',
            },
      claimed,
      ctx: await spec.prepare(tx, claimed),
      fileName: row.fileName,
      watermark: row.processedRows,
    };
  });
}

/**
 * Writes one batch: records, skipped rows, watermark, together. Returns the new watermark, or null when
 * the import was cancelled or another run has moved it (this run then stops).
 */
async function commitBatch<V, Ctx, R>(
  platform: Platform,
  spec: ImportSpec<V, Ctx, R>,
  run: Claimed<Ctx>,
  batch: Batch<R>,
  watermark: number,
  n: number,
  options: RunOptions,
): Promise<number | null> {
  const { tenantId, importId } = run.claimed;
  return withTenant(platform.db, tenantId, async (tx) => {
    const [current] = await tx
      .select({ status: leadImports.status, processedRows: leadImports.processedRows })
      .from(leadImports)
      .where(and(eq(leadImports.tenantId, tenantId), eq(leadImports.id, importId)))
      .for('update');
    if (current?.status !== 'running' || current.processedRows !== watermark) return null;

    const now = platform.clock.now();
    const issues: { row: FileRow; issue: RowIssue }[] = [];
    const toWrite: { row: FileRow; value: R }[] = [];
    for (const [i, converted] of batch.converted.entries()) {
      const row = batch.rows[i] as FileRow;
      if (converted.ok) toWrite.push({ row, value: converted.value });
      else issues.push({ row, issue: converted.issue });
    }
    const outcomes = toWrite.length > 0 ? await spec.write(tx, run.ctx, toWrite, now) : [];
    let imported = 0;
    for (const [i, outcome] of outcomes.entries()) {
      const item = toWrite[i];
      if (!item) continue;
      if (outcome) issues.push({ row: item.row, issue: outcome });
      else imported++;
    }
    if (issues.length > 0) {
      await tx
        .insert(leadImportIssues)
        .values(
          issues.map(({ row, issue }) => ({
            tenantId,
            importId,
            rowNumber: row.rowNumber,
            reason: issue.reason,
            detail: issue.detail.slice(0, 500),
            values: cellsOf(row.cells, run.claimed.headers.length),
          })),
        )
        .onConflictDoNothing();
    }
    const next = watermark + batch.rows.length;
    await tx
      .update(leadImports)
      .set({
        processedRows: next,
        imported: sql`${leadImports.imported} + ${imported}`,
        skipped: sql`${leadImports.skipped} + ${issues.length}`,
        bytesRead: batch.bytes,
        ...(batch.lastRow !== null ? { totalRows: Math.max(batch.lastRow - 1, next) } : {}),
        error: null,
        // Progress: the runs that end without one start counting again from here.
        attempts: 0,
        updatedAt: now,
      })
      .where(and(eq(leadImports.tenantId, tenantId), eq(leadImports.id, importId)));
    await options.beforeCommit?.(n);
    return next;
  });
}

async function finish<V, Ctx, R>(
  platform: Platform,
  spec: ImportSpec<V, Ctx, R>,
  run: Claimed<Ctx>,
  watermark: number,
  bytes: number,
): Promise<void> {
  const { tenantId, importId, actor } = run.claimed;
  await withTenant(platform.db, tenantId, async (tx) => {
    const [current] = await tx
      .select()
      .from(leadImports)
      .where(and(eq(leadImports.tenantId, tenantId), eq(leadImports.id, importId)))
      .for('update');
    if (current?.status !== 'running' || current.processedRows !== watermark) return;
    const now = platform.clock.now();
    await tx
      .update(leadImports)
      .set({
        status: 'done',
        totalRows: watermark,
        bytesRead: bytes,
        finishedAt: now,
        updatedAt: now,
        error: null,
        version: current.version + 1,
      })
      .where(and(eq(leadImports.tenantId, tenantId), eq(leadImports.id, importId)));
    await writeAudit(tx, actor, {
      entity: spec.entity,
      entityId: importId,
      action: 'import',
      changes: {
        rows: { from: null, to: watermark },
        imported: { from: null, to: current.imported },
        skipped: { from: null, to: current.skipped },
      },
    });
    await spec.finished?.(tx, run.claimed, {
      fileName: run.fileName,
      imported: current.imported,
      skipped: current.skipped,
    });
  });
}

async function markFailed(platform: Platform, tenantId: string, importId: string, error: string) {
  const now = platform.clock.now();
  await withTenant(platform.db, tenantId, (tx) =>
    tx
      .update(leadImports)
      .set({ status: 'failed', error: error.slice(0, 1000), finishedAt: now, updatedAt: now })
      .where(
        and(
          eq(leadImports.tenantId, tenantId),
          eq(leadImports.id, importId),
          inArray(leadImports.status, RUNNABLE),
        ),
      ),
  );
}

/** Runs (or resumes) one import of the spec's object to its end; safe to call again at any time. */
export async function runObjectImport<V, Ctx, R>(
  platform: Platform,
  spec: ImportSpec<V, Ctx, R>,
  tenantId: string,
  importId: string,
  options: RunOptions = {},
): Promise<void> {
  // One run per import at a time, across processes; a second job for it (a retry, a resume) stops here.
  const lease = await tryLease(platform.db, importLease(importId));
  if (!lease) return;
  try {
    await runLeased(platform, spec, tenantId, importId, options);
  } finally {
    await lease.release();
  }
  // Ended (done, failed, or cancelled while it ran): the file is no longer needed. A run that threw is
  // retried and keeps it.
  await removeImportUpload(platform, tenantId, importId);
}

async function runLeased<V, Ctx, R>(
  platform: Platform,
  spec: ImportSpec<V, Ctx, R>,
  tenantId: string,
  importId: string,
  options: RunOptions,
): Promise<void> {
  const run = await claim(platform, spec, tenantId, importId);
  if (!run) return;
  const progress: ReadProgress = { bytes: 0, lastRow: null };
  const batches = batchesOf(
    readRows(platform.files, run.storageKey, run.options, progress),
    (row) => spec.convert(row, run.ctx),
    progress,
    run.watermark,
    options.batchRows ?? spec.batchRows(platform.db.kind),
  );
  let watermark = run.watermark;
  let n = 0;
  // The next batch is read and converted while the current one is being written.
  let pending = batches.next();
  pending.catch(() => {});
  try {
    for (;;) {
      const next = await pending;
      if (next.done) break;
      pending = batches.next();
      pending.catch(() => {});
      const moved = await commitBatch(platform, spec, run, next.value, watermark, ++n, options);
      if (moved === null) return;
      watermark = moved;
    }
    await finish(platform, spec, run, watermark, progress.bytes);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof ImportFileError) {
      await markFailed(platform, tenantId, importId, message);
      return;
    }
    // Shown while the job retries; the next committed batch clears it.
    await withTenant(platform.db, tenantId, (tx) =>
      tx
        .update(leadImports)
        .set({ error: message.slice(0, 1000) })
        .where(and(eq(leadImports.tenantId, tenantId), eq(leadImports.id, importId))),
    ).catch(() => {});
    throw error;
  } finally {
    await batches.return(undefined);
  }
}

/**
 * Imports of the spec's object whose run was lost are queued again: a running import whose lease nobody
 * holds (its process was killed or restarted: found at once, at the next worker start or sweep), or a
 * queued one whose job never started. Tenants with candidates are listed first, without locks; then, per
 * tenant, the rows are claimed with SKIP LOCKED (a running batch holds its row) and their clock reset, and
 * the jobs are sent after commit.
 */
export async function resumeStaleObjectImports<V, Ctx, R>(
  platform: Platform,
  spec: ImportSpec<V, Ctx, R>,
): Promise<number> {
  const cutoff = new Date(platform.clock.now().getTime() - STALE_MS);
  const stale = and(
    eq(leadImports.object, spec.object),
    or(
      eq(leadImports.status, 'running'),
      and(eq(leadImports.status, 'mapped'), lt(leadImports.updatedAt, cutoff)),
    ),
  );
  const tenants = await withSystem(platform.db, (tx) =>
    tx.selectDistinct({ tenantId: leadImports.tenantId }).from(leadImports).where(stale).limit(500),
  );
  let sent = 0;
  for (const { tenantId } of tenants) {
    const ids = await withTenant(platform.db, tenantId, async (tx) => {
      const rows = await tx
        .select({ id: leadImports.id })
        .from(leadImports)
        .where(and(eq(leadImports.tenantId, tenantId), stale))
        .for('update', { skipLocked: true });
      const lost: typeof rows = [];
      for (const row of rows) {
        if (!(await isLeased(platform.db, importLease(row.id)))) lost.push(row);
      }
      if (lost.length === 0) return [];
      // Queued again: a later sweep leaves it to this job unless that is lost too.
      await tx
        .update(leadImports)
        .set({ status: 'mapped', updatedAt: platform.clock.now() })
        .where(
          and(
            eq(leadImports.tenantId, tenantId),
            inArray(
              leadImports.id,
              lost.map((r) => r.id),
            ),
          ),
        );
      return lost.map((r) => r.id);
    });
    for (const importId of ids) {
      await platform.jobs.send(spec.job, { tenantId, importId }, { singletonKey: importId });
      sent++;
    }
  }
  return sent;
}
