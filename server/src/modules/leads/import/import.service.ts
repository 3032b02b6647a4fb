import path from 'node:path';
import type { Readable } from 'node:stream';
import type {
  ImportDefaults,
  ImportField,
  ImportIssue,
  ImportIssueReason,
  ImportMapping,
  ImportStatus,
  LeadImport,
  LeadImportSummary,
} from '@contracts/lead-import.contract';
import { ImportDefaults as ImportDefaultsSchema } from '@contracts/lead-import.contract';
import { and, asc, desc, eq, gt, inArray, type SQL, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { visibilityOf } from '../../../platform/access';
import { writeAudit } from '../../../platform/audit';
import type { Tx } from '../../../platform/db/database';
import { teams, users } from '../../../platform/db/identity.tables';
import { files } from '../../../platform/db/platform.tables';
import { withTenant } from '../../../platform/db/tenancy';
import { FileTooLargeError } from '../../../platform/files/files';
import { AppError, type FieldCode, invalidFields } from '../../../platform/http/errors';
import { decodeCursor, encodeCursor, pageFrom } from '../../../platform/http/pagination';
import type { Platform } from '../../../platform/platform';
import { canSetOwner } from '../leads.policy';
import type { LeadCaller } from '../leads.service';
import { viewerOf } from '../leads.service';
import { leadCampaigns, leadImportIssues, leadImportMappings, leadImports } from '../leads.tables';
import { detectCsv, type ReadOptions, readHead, readRows } from './file-readers';
import { isImportField, normalizeHeader, suggestMapping } from './header-matching';
import { importLeadsJob } from './import-job';

/** Lead import use cases: upload with preview, list, read, start with a mapping, cancel, skipped rows. */

export type ImportRow = typeof leadImports.$inferSelect;

const PREVIEW_ROWS = 20;
const MAX_COLUMNS = 200;
const FINISHED: readonly ImportStatus[] = ['done', 'failed', 'cancelled'];
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const CSV_EXTENSIONS = new Set(['.csv', '.tsv', '.txt']);

/** Directors and admins see every import of the company; others see the ones they uploaded. */
function visibleTo(caller: LeadCaller): SQL | undefined {
  return visibilityOf(caller.role) === 'tenant'
    ? undefined
    : eq(leadImports.createdBy, caller.actor.userId ?? '');
}

export async function visibleImport(
  tx: Tx,
  caller: LeadCaller,
  id: string,
  lock = false,
): Promise<ImportRow> {
  const q = tx
    .select()
    .from(leadImports)
    .where(and(eq(leadImports.tenantId, caller.actor.tenantId), eq(leadImports.id, id), visibleTo(caller)));
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

async function savedMappings(tx: Tx, tenantId: string, headers: readonly string[]) {
  const keys = [...new Set(headers.map(normalizeHeader).filter(Boolean))];
  if (keys.length === 0) return new Map<string, string>();
  const rows = await tx
    .select({ header: leadImportMappings.header, field: leadImportMappings.field })
    .from(leadImportMappings)
    .where(and(eq(leadImportMappings.tenantId, tenantId), inArray(leadImportMappings.header, keys)));
  return new Map(rows.map((r) => [r.header, r.field]));
}

export async function presentImport(tx: Tx, row: ImportRow): Promise<LeadImport> {
  const [extra] = await tx
    .select({ size: files.size, createdByName: users.name })
    .from(leadImports)
    .innerJoin(files, and(eq(files.tenantId, leadImports.tenantId), eq(files.id, leadImports.fileId)))
    .leftJoin(users, and(eq(users.tenantId, leadImports.tenantId), eq(users.id, leadImports.createdBy)))
    .where(and(eq(leadImports.tenantId, row.tenantId), eq(leadImports.id, row.id)));
  const defaults = ImportDefaultsSchema.safeParse(row.defaults);
  const mapping: ImportMapping = {};
  for (const [index, field] of Object.entries(row.mapping)) {
    if (isImportField(field)) mapping[index] = field;
  }
  return {
    ...summaryOf(row, extra?.createdByName ?? null),
    headers: row.headers,
    preview: row.preview,
    suggestedMapping: suggestMapping(row.headers, await savedMappings(tx, row.tenantId, row.headers)),
    mapping,
    defaults: row.status === 'uploaded' || !defaults.success ? null : defaults.data,
    encoding: row.encoding,
    delimiter: row.delimiter,
    bytesRead: row.bytesRead,
    fileSize: extra?.size ?? 0,
    startedAt: iso(row.startedAt),
    error: row.error,
    version: row.version,
  };
}

/** .xlsx by its content; .csv (or .tsv/.txt) when the content is text. Anything else is refused. */
function formatOf(fileName: string, sniffedType: string | null): 'csv' | 'xlsx' {
  if (sniffedType === XLSX_TYPE) return 'xlsx';
  if (sniffedType === null && CSV_EXTENSIONS.has(path.extname(fileName).toLowerCase())) return 'csv';
  throw invalidFields({ path: 'file', code: 'import_format' });
}

type Preview = { headers: string[]; rows: string[][] };

async function readPreview(stream: Readable, options: ReadOptions): Promise<Preview> {
  let headers: string[] | null = null;
  const rows: string[][] = [];
  try {
    for await (const cells of readRows(stream, options)) {
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
export async function uploadImport(
  platform: Platform,
  caller: LeadCaller,
  upload: Upload,
): Promise<LeadImport> {
  const tenantId = caller.actor.tenantId;
  const fileName = upload.fileName.slice(0, 255) || 'leads.csv';
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
    platform.log.error({ err: error }, 'lead import file store failed');
    throw new AppError('storage_failed');
  }
  try {
    const format = formatOf(fileName, stored.sniffedType);
    let options: ReadOptions = { format: 'xlsx' };
    if (format === 'csv') {
      const head = await readHead(await platform.files.open(stored.storageKey));
      options = { format, ...detectCsv(head, head.length >= stored.size) };
    }
    const preview = await readPreview(await platform.files.open(stored.storageKey), options);
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
        entity: 'lead_import',
        entityId: row.id,
        action: 'upload',
        changes: {
          fileName: { from: null, to: fileName },
          size: { from: null, to: stored.size },
          columns: { from: null, to: preview.headers.length },
        },
      });
      return presentImport(tx, row);
    });
  } catch (error) {
    await platform.files.remove(stored.storageKey);
    throw error;
  }
}

export async function listImports(
  platform: Platform,
  caller: LeadCaller,
  page: { limit: number; cursor?: string | undefined },
) {
  const tenantId = caller.actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) => {
    const where: (SQL | undefined)[] = [eq(leadImports.tenantId, tenantId), visibleTo(caller)];
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

export async function getImport(platform: Platform, caller: LeadCaller, id: string): Promise<LeadImport> {
  return withTenant(platform.db, caller.actor.tenantId, async (tx) =>
    presentImport(tx, await visibleImport(tx, caller, id)),
  );
}

type Problem = { path: string; code: FieldCode };

/** Column indexes inside the file, each field at most once, and a company or contact column. */
function checkMapping(headers: readonly string[], mapping: ImportMapping): Problem[] {
  const problems: Problem[] = [];
  const used = new Set<ImportField>();
  const entries = Object.entries(mapping).sort(([a], [b]) => Number(a) - Number(b));
  for (const [index, field] of entries) {
    if (Number(index) >= headers.length) {
      problems.push({ path: `mapping.${index}`, code: 'unknown_column' });
    } else if (field && used.has(field)) {
      problems.push({ path: `mapping.${index}`, code: 'duplicate_mapping' });
    }
    if (field) used.add(field);
  }
  if (!used.has('companyName') && !used.has('contactName')) {
    problems.push({ path: 'mapping', code: 'company_or_contact_unmapped' });
  }
  return problems;
}

/** Referenced owner, team and campaign exist in this company, and the caller may assign. */
async function checkDefaults(tx: Tx, caller: LeadCaller, defaults: ImportDefaults): Promise<Problem[]> {
  const tenantId = caller.actor.tenantId;
  const problems: Problem[] = [];
  const viewer = await viewerOf(tx, caller);
  if (defaults.ownerId) {
    if (!canSetOwner(viewer, defaults.ownerId)) {
      problems.push({ path: 'defaults.ownerId', code: 'not_permitted' });
    } else {
      const [user] = await tx
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.tenantId, tenantId), eq(users.id, defaults.ownerId), eq(users.status, 'active')));
      if (!user) problems.push({ path: 'defaults.ownerId', code: 'unknown_user' });
    }
  }
  if (defaults.teamId) {
    if (!canSetOwner(viewer, null)) {
      problems.push({ path: 'defaults.teamId', code: 'not_permitted' });
    } else {
      const [team] = await tx
        .select({ id: teams.id })
        .from(teams)
        .where(and(eq(teams.tenantId, tenantId), eq(teams.id, defaults.teamId)));
      if (!team) problems.push({ path: 'defaults.teamId', code: 'unknown_team' });
    }
  }
  if (defaults.campaignId) {
    const [campaign] = await tx
      .select({ id: leadCampaigns.id })
      .from(leadCampaigns)
      .where(and(eq(leadCampaigns.tenantId, tenantId), eq(leadCampaigns.id, defaults.campaignId)));
    if (!campaign) problems.push({ path: 'defaults.campaignId', code: 'unknown_campaign' });
  }
  return problems;
}

/**
 * Fixes the mapping and defaults, remembers the mapping for this company's next files (by header), and
 * queues the job once the transaction has committed.
 */
export async function startImport(
  platform: Platform,
  caller: LeadCaller,
  id: string,
  input: { mapping: ImportMapping; defaults: ImportDefaults },
): Promise<LeadImport> {
  const tenantId = caller.actor.tenantId;
  const started = await withTenant(platform.db, tenantId, async (tx) => {
    const row = await visibleImport(tx, caller, id, true);
    if (row.status !== 'uploaded') throw new AppError('import_started');
    const problems = [
      ...checkMapping(row.headers, input.mapping),
      ...(await checkDefaults(tx, caller, input.defaults)),
    ];
    if (problems.length > 0) throw invalidFields(...problems);

    const now = platform.clock.now();
    const mapping: Record<string, string> = {};
    const remembered = new Map<string, string>();
    for (const [index, field] of Object.entries(input.mapping)) {
      if (field) mapping[index] = field;
      const header = normalizeHeader(row.headers[Number(index)] ?? '');
      // '' remembers "leave this column out", so a synonym does not bring it back next time.
      if (header && !remembered.has(header)) remembered.set(header, field ?? '');
    }
    if (remembered.size > 0) {
      await tx
        .insert(leadImportMappings)
        .values([...remembered].map(([header, field]) => ({ tenantId, header, field, updatedAt: now })))
        .onConflictDoUpdate({
          target: [leadImportMappings.tenantId, leadImportMappings.header],
          set: { field: sql`excluded.field`, updatedAt: now },
        });
    }
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
      entity: 'lead_import',
      entityId: id,
      action: 'start',
      changes: { mapping: { from: null, to: mapping }, defaults: { from: null, to: input.defaults } },
    });
    return presentImport(tx, after);
  });
  // After commit: on PGlite a send inside the transaction would wait for its own connection.
  await platform.jobs.send(importLeadsJob, { tenantId, importId: id }, { singletonKey: id });
  return started;
}

/** Stops an import that has not finished; the job sees it before its next batch. Imported leads stay. */
export async function cancelImport(platform: Platform, caller: LeadCaller, id: string): Promise<LeadImport> {
  const tenantId = caller.actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) => {
    const row = await visibleImport(tx, caller, id, true);
    if (FINISHED.includes(row.status as ImportStatus)) throw new AppError('import_finished');
    const now = platform.clock.now();
    const [after] = await tx
      .update(leadImports)
      .set({ status: 'cancelled', finishedAt: now, updatedAt: now, version: row.version + 1 })
      .where(and(eq(leadImports.tenantId, tenantId), eq(leadImports.id, id)))
      .returning();
    if (!after) throw new AppError('internal');
    await writeAudit(tx, caller.actor, {
      entity: 'lead_import',
      entityId: id,
      action: 'cancel',
      changes: {
        status: { from: row.status, to: 'cancelled' },
        imported: { from: null, to: row.imported },
      },
    });
    return presentImport(tx, after);
  });
}

export function issueValues(headers: readonly string[], values: Record<string, string>): string[] {
  return headers.map((_, i) => values[String(i)] ?? '');
}

/** Skipped rows in file order; the cursor carries the last row number. */
export async function listIssues(
  platform: Platform,
  caller: LeadCaller,
  id: string,
  page: { limit: number; cursor?: string | undefined },
): Promise<{ items: ImportIssue[]; nextCursor: string | null }> {
  const tenantId = caller.actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) => {
    const row = await visibleImport(tx, caller, id);
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
        reason: r.reason as ImportIssueReason,
        detail: r.detail,
        values: issueValues(row.headers, r.values),
      })),
      nextCursor: out.nextCursor,
    };
  });
}
