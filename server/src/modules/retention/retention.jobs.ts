import { getTableName } from 'drizzle-orm';
import { z } from 'zod';
import { tenants } from '../../platform/db/identity.tables';
import { refreshStatistics } from '../../platform/db/maintenance';
import { withSystem, withTenant } from '../../platform/db/tenancy';
import { defineJob, type JobDefinition } from '../../platform/jobs/jobs';
import type { Platform } from '../../platform/platform';
import { customers } from '../customers';
import { dispatchMailCopies, mailCopies } from '../notifications';
import { customerRetention } from './retention.tables';
import { type RecomputeResult, recomputeRetention } from './retention-compute';

/**
 * The nightly grading: one job per company (`stately` keyed by tenant: at most one running and one waiting,
 * so a burst of rule edits recomputes twice, not once per edit), queued by the nightly sweep, a rules change
 * or an admin's "recompute now".
 */

const Payload = z.object({ tenantId: z.uuid().optional() });

/**
 * A recompute that changed at least this many customers, and at least a tenth of those graded, refreshes the
 * planner statistics of the tables it rewrote, so list filters on tier, stage and health are planned from the
 * new spread.
 */
const ANALYZE_AFTER_CHANGES = 1_000;

/** Grades one company's customers now, in one transaction (its side effects commit with the grades). */
export async function recomputeTenant(platform: Platform, tenantId: string): Promise<RecomputeResult> {
  const copies = mailCopies(platform.config);
  const result = await withTenant(platform.db, tenantId, (tx) =>
    recomputeRetention(tx, { tenantId, now: platform.clock.now(), copies }),
  );
  await dispatchMailCopies(platform, tenantId, copies);
  if (result.changed >= ANALYZE_AFTER_CHANGES && result.changed * 10 >= result.customers) {
    await refreshStatistics(platform.db, [getTableName(customers), getTableName(customerRetention)]);
  }
  return result;
}

export async function requestRecompute(platform: Platform, tenantId: string): Promise<void> {
  await platform.jobs.send(recomputeTenantJob, { tenantId }, { singletonKey: tenantId });
}

export const recomputeTenantJob: JobDefinition<typeof Payload> = defineJob({
  name: 'customers.retention-recompute',
  payload: Payload,
  // Nightly (UTC 18:00 is 02:00 in China), so recency, silence and decline move on with the calendar.
  cron: '0 18 * * *',
  policy: 'stately',
  expireInSeconds: 3 * 3600,
  retryLimit: 3,
  async handler({ tenantId }, { platform, log }) {
    if (tenantId) {
      const result = await recomputeTenant(platform, tenantId);
      log.info({ tenantId, ...result }, 'graded customers');
      return;
    }
    const all = await withSystem(platform.db, (tx) => tx.select({ id: tenants.tenantId }).from(tenants));
    for (const t of all) await requestRecompute(platform, t.id);
  },
});

export const retentionJobs: readonly JobDefinition[] = [recomputeTenantJob as JobDefinition];
