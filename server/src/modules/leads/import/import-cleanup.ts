import { and, eq, gte, inArray, lt, or } from 'drizzle-orm';
import { z } from 'zod';
import { systemActor, writeAudit } from '../../../platform/audit';
import type { Tx } from '../../../platform/db/database';
import { files } from '../../../platform/db/platform.tables';
import { withSystem, withTenant } from '../../../platform/db/tenancy';
import { defineJob } from '../../../platform/jobs/jobs';
import type { Platform } from '../../../platform/platform';
import { leadImports } from '../leads.tables';

/**
 * An uploaded import file is kept only while its import may still read it: it is removed when the import
 * ends (done, failed or cancelled), and a daily sweep cancels imports left unstarted for a week and removes
 * their files. The skipped-rows report is read from `lead_import_issues`, never from the file, so it stays.
 * The `files` row stays too (the import shows the file's name and size); only the stored bytes go.
 */

export const ABANDONED_AFTER_MS = 7 * 86_400_000;
/**
 * Finished imports whose file the sweep removes again, in case the removal at the end was lost (a crash
 * right after the commit, the store unreachable): longer than a day, so a missed run is caught up too.
 */
const RECHECK_MS = 8 * 86_400_000;
const FINISHED = ['done', 'failed', 'cancelled'];

async function storageKeysOf(tx: Tx, tenantId: string, importIds: readonly string[]): Promise<string[]> {
  if (importIds.length === 0) return [];
  const rows = await tx
    .select({ storageKey: files.storageKey })
    .from(leadImports)
    .innerJoin(files, and(eq(files.tenantId, leadImports.tenantId), eq(files.id, leadImports.fileId)))
    .where(
      and(
        eq(leadImports.tenantId, tenantId),
        inArray(leadImports.id, [...importIds]),
        inArray(leadImports.status, FINISHED),
      ),
    );
  return rows.map((r) => r.storageKey);
}

async function removeAll(platform: Platform, keys: readonly string[]): Promise<number> {
  let removed = 0;
  for (const key of keys) {
    try {
      await platform.files.remove(key);
      removed++;
    } catch (error) {
      // The daily sweep tries again.
      platform.log.warn({ err: error, storageKey: key }, 'lead import file removal failed');
    }
  }
  return removed;
}

/** Removes the file of an import that has ended (of no other); called after the ending commit. */
export async function removeImportUpload(platform: Platform, tenantId: string, importId: string) {
  const keys = await withTenant(platform.db, tenantId, (tx) => storageKeysOf(tx, tenantId, [importId]));
  await removeAll(platform, keys);
}

/**
 * Cancels imports uploaded more than a week ago and never started, and removes the files of those and of
 * imports that ended lately. Tenants are listed without locks; each tenant's rows are then claimed with
 * SKIP LOCKED, so an import being started right now is left alone.
 */
export async function sweepImportUploads(
  platform: Platform,
): Promise<{ abandoned: number; removed: number }> {
  const now = platform.clock.now();
  const abandonedBefore = new Date(now.getTime() - ABANDONED_AFTER_MS);
  const endedSince = new Date(now.getTime() - RECHECK_MS);
  const abandoned = and(eq(leadImports.status, 'uploaded'), lt(leadImports.createdAt, abandonedBefore));
  const ended = and(inArray(leadImports.status, FINISHED), gte(leadImports.finishedAt, endedSince));
  const tenants = await withSystem(platform.db, (tx) =>
    tx.selectDistinct({ tenantId: leadImports.tenantId }).from(leadImports).where(or(abandoned, ended)),
  );
  let cancelled = 0;
  let removed = 0;
  for (const { tenantId } of tenants) {
    const keys = await withTenant(platform.db, tenantId, async (tx) => {
      const stale = await tx
        .select({ id: leadImports.id, version: leadImports.version, object: leadImports.object })
        .from(leadImports)
        .where(and(eq(leadImports.tenantId, tenantId), abandoned))
        .for('update', { skipLocked: true });
      for (const row of stale) {
        await tx
          .update(leadImports)
          .set({ status: 'cancelled', finishedAt: now, updatedAt: now, version: row.version + 1 })
          .where(and(eq(leadImports.tenantId, tenantId), eq(leadImports.id, row.id)));
        await writeAudit(tx, systemActor(tenantId), {
          entity: `${row.object}_import`,
          entityId: row.id,
          action: 'cancel',
          changes: { status: { from: 'uploaded', to: 'cancelled' } },
        });
      }
      cancelled += stale.length;
      // The ones just cancelled are among them.
      const ids = await tx
        .select({ id: leadImports.id })
        .from(leadImports)
        .where(and(eq(leadImports.tenantId, tenantId), ended));
      return storageKeysOf(
        tx,
        tenantId,
        ids.map((r) => r.id),
      );
    });
    removed += await removeAll(platform, keys);
  }
  return { abandoned: cancelled, removed };
}

export const cleanImportUploadsJob = defineJob({
  name: 'leads.import.clean-uploads',
  payload: z.object({}).passthrough(),
  cron: '40 3 * * *',
  policy: 'stately',
  async handler(_payload, { platform, log }) {
    const summary = await sweepImportUploads(platform);
    log.info(summary, 'lead import uploads cleaned');
  },
});
