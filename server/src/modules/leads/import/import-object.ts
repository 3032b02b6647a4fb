import type { Locale, Role } from '@contracts/common';
import { z } from 'zod';
import type { Actor } from '../../../platform/audit';
import type { Tx } from '../../../platform/db/database';
import type { FieldCode } from '../../../platform/http/errors';
import type { JobDefinition } from '../../../platform/jobs/jobs';
import type { leadImports } from '../leads.tables';

/**
 * What one kind of record (lead, customer, contact) plugs into the import machinery: the upload, the
 * remembered mappings, the job with its watermark and resume, the skipped-rows report and the cleanup are
 * shared (`import.service.ts`, `import-engine.ts`, `import-report.ts`, `import-cleanup.ts`); the fields, the
 * checks at start, the reading of a row and the writing of a batch are the object's.
 */

export type ImportObjectName = 'lead' | 'customer' | 'contact';

export type ImportCaller = { actor: Actor; role: Role };

export type ImportRow = typeof leadImports.$inferSelect;

export type FileRow = { rowNumber: number; cells: string[] };

export type RowIssue = { reason: string; detail: string };

export type Converted<R> = { ok: true; value: R } | { ok: false; issue: RowIssue };

export type ImportProblem = { path: string; code: FieldCode; vars?: Record<string, unknown> };

export const ImportJobPayload = z.object({ tenantId: z.uuid(), importId: z.uuid() });

/** The import as the job sees it when it takes it. */
export type ClaimedImport = {
  tenantId: string;
  importId: string;
  actor: Actor;
  createdBy: string | null;
  headers: readonly string[];
  /** Column index → field, for the mapped columns only. */
  columns: readonly (readonly [number, string])[];
  defaults: Record<string, unknown>;
};

export type ImportSpec<V, Ctx, R> = {
  object: ImportObjectName;
  /** The job that runs an import of this object: sent at start and by the resume sweep. */
  job: JobDefinition<typeof ImportJobPayload>;
  /** Audit entity of the import itself (upload, start, cancel, import). */
  entity: string;
  /** Rows per batch (each batch commits with the watermark). */
  batchRows: (engine: 'pglite' | 'postgres') => number;
  /** The import as the API shows it, from its row and the parts every object shares. */
  present: (tx: Tx, row: ImportRow, base: ImportBase) => Promise<V>;
  /** Problems with a mapping and defaults at start (400s naming the field); the defaults to store. */
  checkStart: (
    tx: Tx,
    caller: ImportCaller,
    headers: readonly string[],
    mapping: Readonly<Record<string, string | null>>,
    defaults: Record<string, unknown>,
  ) => Promise<ImportProblem[]>;
  /** Loaded once per run, when the job takes the import. */
  prepare: (tx: Tx, claimed: ClaimedImport) => Promise<Ctx>;
  /** One row's cells → what the batch writes, or why it is skipped; runs outside the transaction. */
  convert: (row: FileRow, ctx: Ctx) => Converted<R>;
  /** Writes a batch in the transaction that moves the watermark: per row, null (imported) or why skipped. */
  write: (
    tx: Tx,
    ctx: Ctx,
    rows: readonly { row: FileRow; value: R }[],
    now: Date,
  ) => Promise<(RowIssue | null)[]>;
  /** Told when an import has finished (in its transaction). */
  finished?: (
    tx: Tx,
    claimed: ClaimedImport,
    summary: { fileName: string; imported: number; skipped: number },
  ) => Promise<void>;
  /** A skip reason in the caller's language, for the report. */
  reasonText: (locale: Locale, reason: string) => string;
  /** The report's name when the file has none. */
  fallbackName: string;
};

/** What every import shows, whatever its object. */
export type ImportBase = {
  id: string;
  fileName: string;
  format: 'csv' | 'xlsx';
  status: 'uploaded' | 'mapped' | 'running' | 'done' | 'failed' | 'cancelled';
  totalRows: number | null;
  processedRows: number;
  imported: number;
  skipped: number;
  createdById: string | null;
  createdByName: string | null;
  createdAt: string;
  finishedAt: string | null;
  headers: string[];
  preview: string[][];
  encoding: string | null;
  delimiter: string | null;
  bytesRead: number;
  fileSize: number;
  startedAt: string | null;
  error: string | null;
  version: number;
};
