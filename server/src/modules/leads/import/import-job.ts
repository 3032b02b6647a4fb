import type { ImportDefaults, ImportField } from '@contracts/lead-import.contract';
import { ImportDefaults as ImportDefaultsSchema } from '@contracts/lead-import.contract';
import { and, eq, inArray, lt, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from '../../../platform/audit';
import { writeAudit } from '../../../platform/audit';
import { isLeased, tryLease } from '../../../platform/db/lease';
import { files } from '../../../platform/db/platform.tables';
import { withSystem, withTenant } from '../../../platform/db/tenancy';
import { defineJob } from '../../../platform/jobs/jobs';
import type { Platform } from '../../../platform/platform';
import { notify } from '../../notifications';
import { type IntakeContext, type IntakeRow, intakeBatch } from '../lead-intake';
import { loadLeadSettings } from '../lead-settings';
import { leadCampaigns, leadImportIssues, leadImports } from '../leads.tables';
import { loadScoreRules } from '../scoring/rule-score';
import { CSV_ENCODINGS, type ReadOptions, type ReadProgress, readRows } from './file-readers';
import { isImportField } from './header-matching';
import {
  type Converted,
  cellsOf,
  convertRow,
  type FileRow,
  issueOf,
  type RowContext,
  type RowIssue,
} from './import-rows';

/**
 * The import job. It streams the stored file and hands the rows to the intake pipeline in batches; each
 * batch's leads, its skipped rows and the import's watermark (rows handled, counts, bytes read) commit in
 * one transaction. A crash or restart at any point therefore loses and duplicates nothing: the next run
 * skips the rows under the watermark and goes on. Before each batch the run checks, under a row lock, that
 * the watermark is still where it left it, so two runs of one import (a retry while a stalled run wakes
 * up) never both write: the second one stops.
 */

/**
 * Rows per batch. The intake inserts a batch in one statement of ~45 parameters per lead; PGlite refuses
 * statements with more than 32,767 parameters (PostgreSQL allows 65,535), so its batches are smaller.
 */
export function batchRowsFor(engine: 'pglite' | 'postgres'): number {
  return engine === 'pglite' ? 500 : 1000;
}
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

type Batch = { rows: FileRow[]; converted: Converted[]; bytes: number; lastRow: number | null };

async function* batchesOf(
  rows: AsyncIterable<string[]>,
  ctx: RowContext,
  progress: ReadProgress,
  from: number,
  size: number,
): AsyncGenerator<Batch> {
  let rowNumber = 0;
  let header = true;
  let batch: FileRow[] = [];
  const cut = (): Batch => {
    const out = batch;
    batch = [];
    return {
      rows: out,
      converted: out.map((r) => convertRow(r, ctx)),
      bytes: progress.bytes,
      lastRow: progress.lastRow,
    };
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
    throw new ImportFileError(
      `row ${rowNumber + 1}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  if (batch.length > 0) yield cut();
}

type Claimed = {
  storageKey: string;
  options: ReadOptions;
  ctx: RowContext;
  intake: Omit<IntakeContext, 'now'>;
  createdBy: string | null;
  fileName: string;
  watermark: number;
};

/** Takes the import for this run (mapped → running), or says there is nothing to do. */
async function claim(platform: Platform, tenantId: string, importId: string): Promise<Claimed | null> {
  return withTenant(platform.db, tenantId, async (tx) => {
    const [row] = await tx
      .select()
      .from(leadImports)
      .where(and(eq(leadImports.tenantId, tenantId), eq(leadImports.id, importId)))
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
    const campaigns = await tx
      .select({ id: leadCampaigns.id, name: leadCampaigns.name })
      .from(leadCampaigns)
      .where(eq(leadCampaigns.tenantId, tenantId));
    const columns = Object.entries(row.mapping)
      .filter((e): e is [string, ImportField] => isImportField(e[1]))
      .map(([index, field]) => [Number(index), field] as const);
    const defaults: ImportDefaults = ImportDefaultsSchema.parse(row.defaults);
    const actor: Actor = { tenantId, userId: row.createdBy, kind: 'user', requestId: null, ip: null };
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
      ctx: {
        importId,
        columns,
        headers: row.headers,
        defaults,
        campaigns: new Map(campaigns.map((c) => [c.name.trim().toLowerCase(), c.id])),
      },
      intake: {
        tenantId,
        actor,
        settings: await loadLeadSettings(tx, tenantId),
        scoreRules: await loadScoreRules(tx, tenantId),
        duplicates: 'skip',
        audit: 'per_batch',
      },
      createdBy: row.createdBy,
      fileName: row.fileName,
      watermark: row.processedRows,
    };
  });
}

/**
 * Writes one batch: intake, skipped rows, watermark, together. Returns the new watermark, or null when
 * the import was cancelled or another run has moved it (this run then stops).
 */
async function commitBatch(
  platform: Platform,
  run: Claimed,
  batch: Batch,
  watermark: number,
  n: number,
  options: RunOptions,
): Promise<number | null> {
  const { tenantId } = run.intake;
  const importId = run.ctx.importId;
  return withTenant(platform.db, tenantId, async (tx) => {
    const [current] = await tx
      .select({ status: leadImports.status, processedRows: leadImports.processedRows })
      .from(leadImports)
      .where(and(eq(leadImports.tenantId, tenantId), eq(leadImports.id, importId)))
      .for('update');
    if (current?.status !== 'running' || current.processedRows !== watermark) return null;

    const now = platform.clock.now();
    const issues: { row: FileRow; issue: RowIssue }[] = [];
    const toIntake: { row: FileRow; intake: IntakeRow }[] = [];
    for (const [i, converted] of batch.converted.entries()) {
      const row = batch.rows[i] as FileRow;
      if (converted.ok) toIntake.push({ row, intake: converted.row });
      else issues.push({ row, issue: converted.issue });
    }
    const outcomes = await intakeBatch(
      tx,
      { ...run.intake, now },
      toIntake.map((r) => r.intake),
    );
    let imported = 0;
    for (const [i, outcome] of outcomes.entries()) {
      const item = toIntake[i];
      if (!item) continue;
      if (outcome.kind === 'created') imported++;
      // already_imported cannot follow from a committed watermark; it is neither new nor skipped.
      const issue = issueOf(outcome, item.intake);
      if (issue) issues.push({ row: item.row, issue });
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
            values: cellsOf(row.cells, run.ctx.headers.length),
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

async function finish(platform: Platform, run: Claimed, watermark: number, bytes: number): Promise<void> {
  const { tenantId, actor } = run.intake;
  const importId = run.ctx.importId;
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
      entity: 'lead_import',
      entityId: importId,
      action: 'import',
      changes: {
        rows: { from: null, to: watermark },
        imported: { from: null, to: current.imported },
        skipped: { from: null, to: current.skipped },
      },
    });
    if (run.createdBy) {
      await notify(tx, {
        tenantId,
        userIds: [run.createdBy],
        kind: 'lead_import_done',
        params: { file: run.fileName, imported: current.imported, skipped: current.skipped },
        entity: 'lead_import',
        entityId: importId,
        dedupeKey: `lead_import_done:${importId}`,
      });
    }
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

/** Runs (or resumes) one import to its end; safe to call again at any time. */
export async function runImport(
  platform: Platform,
  tenantId: string,
  importId: string,
  options: RunOptions = {},
): Promise<void> {
  // One run per import at a time, across processes; a second job for it (a retry, a resume) stops here.
  const lease = await tryLease(platform.db, importLease(importId));
  if (!lease) return;
  try {
    await runLeased(platform, tenantId, importId, options);
  } finally {
    await lease.release();
  }
}

async function runLeased(
  platform: Platform,
  tenantId: string,
  importId: string,
  options: RunOptions,
): Promise<void> {
  const run = await claim(platform, tenantId, importId);
  if (!run) return;
  const progress: ReadProgress = { bytes: 0, lastRow: null };
  const stream = await platform.files.open(run.storageKey);
  const batches = batchesOf(
    readRows(stream, run.options, progress),
    run.ctx,
    progress,
    run.watermark,
    options.batchRows ?? batchRowsFor(platform.db.kind),
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
      const moved = await commitBatch(platform, run, next.value, watermark, ++n, options);
      if (moved === null) return;
      watermark = moved;
    }
    await finish(platform, run, watermark, progress.bytes);
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
    stream.destroy();
  }
}

export const importLeadsJob = defineJob({
  name: 'leads.import',
  payload: z.object({ tenantId: z.uuid(), importId: z.uuid() }),
  retryLimit: 5,
  retryDelaySeconds: 30,
  // A million rows take minutes; pg-boss must not take a healthy run for a dead one.
  expireInSeconds: 6 * 3600,
  async handler({ tenantId, importId }, { platform }) {
    await runImport(platform, tenantId, importId);
  },
});

/**
 * Imports whose run was lost are queued again: a running import whose lease nobody holds (its process was
 * killed or restarted: found at once, at the next worker start or sweep), or a queued one whose job never
 * started. Tenants with candidates are listed first, without locks; then, per tenant, the rows are claimed
 * with SKIP LOCKED (a running batch holds its row) and their clock reset, and the jobs are sent after commit.
 */
export async function resumeStaleImports(platform: Platform): Promise<number> {
  const cutoff = new Date(platform.clock.now().getTime() - STALE_MS);
  const stale = or(
    eq(leadImports.status, 'running'),
    and(eq(leadImports.status, 'mapped'), lt(leadImports.updatedAt, cutoff)),
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
      await platform.jobs.send(importLeadsJob, { tenantId, importId }, { singletonKey: importId });
      sent++;
    }
  }
  return sent;
}

export const resumeImportsJob = defineJob({
  name: 'leads.import.resume',
  payload: z.object({}).passthrough(),
  cron: '* * * * *',
  // A restarted worker picks up the imports its predecessor was running without waiting for the minute.
  atStart: true,
  async handler(_payload, { platform }) {
    await resumeStaleImports(platform);
  },
});

export const leadImportJobs = [importLeadsJob, resumeImportsJob];
