import { OPEN_LEAD_STATUSES } from '@contracts/leads.contract';
import { and, asc, eq, gt, inArray, sql } from 'drizzle-orm';
import { systemActor } from '../../../platform/audit';
import { queryRows } from '../../../platform/db/database';
import { withSystem, withTenant } from '../../../platform/db/tenancy';
import type { Platform } from '../../../platform/platform';
import { dispatchMailCopies, mailCopies } from '../../notifications';
import { loadLeadSettings } from '../lead-settings';
import { leadScoreModels, leadScoreRules, leads } from '../leads.tables';
import { loadActiveModel } from './predictive/model';
import { rescoreLeads } from './rescore';
import { loadScoreRules } from './rule-score';

/**
 * Rescoring every open lead of a tenant, in keyset batches of one transaction each (after a rule change,
 * after training, and nightly so behaviour points decay). Leads locked by someone else's edit are skipped:
 * that edit rescores them itself.
 */

export const RESCORE_BATCH = 500;

export type RescoreSummary = { scanned: number; changed: number };

export async function rescoreOpenLeads(
  platform: Platform,
  tenantId: string,
  batchSize = RESCORE_BATCH,
): Promise<RescoreSummary> {
  const summary: RescoreSummary = { scanned: 0, changed: 0 };
  let after: string | null = null;
  const mail = mailCopies(platform.config);
  for (;;) {
    const batch: { last: string; scanned: number; changed: number } | null = await withTenant(
      platform.db,
      tenantId,
      async (tx) => {
        // The batch must walk the primary key from `after`. Without statistics (PGlite never runs autovacuum)
        // the planner may instead read and sort every open lead of the tenant for each batch.
        await tx.execute(sql`SET LOCAL enable_sort = off`);
        const rows = await tx
          .select()
          .from(leads)
          .where(
            and(
              eq(leads.tenantId, tenantId),
              inArray(leads.status, [...OPEN_LEAD_STATUSES]),
              after ? gt(leads.id, after) : undefined,
            ),
          )
          .orderBy(asc(leads.tenantId), asc(leads.id))
          .limit(batchSize)
          .for('update', { skipLocked: true });
        await tx.execute(sql`SET LOCAL enable_sort TO DEFAULT`);
        const last = rows[rows.length - 1];
        if (!last) return null;
        // Read per batch: a rule or model changed meanwhile applies from the next batch on (and its own job reruns).
        const changed = await rescoreLeads(
          tx,
          {
            tenantId,
            actor: systemActor(tenantId),
            now: platform.clock.now(),
            settings: await loadLeadSettings(tx, tenantId),
            rules: await loadScoreRules(tx, tenantId),
            model: await loadActiveModel(tx, tenantId),
            mail,
          },
          rows,
        );
        return { last: last.id, scanned: rows.length, changed };
      },
    );
    await dispatchMailCopies(platform, tenantId, mail);
    if (!batch) return summary;
    summary.scanned += batch.scanned;
    summary.changed += batch.changed;
    after = batch.last;
  }
}

/** Tenants whose scores can move without an edit: active rules (decay) or an active model. No locks. */
export async function tenantsToRescore(platform: Platform): Promise<string[]> {
  const rows = await withSystem(platform.db, (tx) =>
    queryRows<{ tenant_id: string }>(
      tx,
      sql`SELECT tenant_id FROM ${leadScoreRules} WHERE active
          UNION
          SELECT tenant_id FROM ${leadScoreModels} WHERE active`,
    ),
  );
  return rows.map((r) => r.tenant_id);
}
