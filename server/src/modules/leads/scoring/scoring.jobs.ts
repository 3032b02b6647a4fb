import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { queryRows } from '../../../platform/db/database';
import { withSystem } from '../../../platform/db/tenancy';
import { defineJob, type JobDefinition } from '../../../platform/jobs/jobs';
import type { Platform } from '../../../platform/platform';
import { leadScoreModels, leads } from '../leads.tables';
import { trainTenantModel } from './predictive/train-model';
import { rescoreOpenLeads, tenantsToRescore } from './rescore-tenant';

/**
 * Background scoring. Each job takes a tenant, or none for the nightly sweep that queues one job per tenant
 * with something to do. `stately` with the tenant as key keeps at most one job running and one waiting
 * per tenant: a burst of rule edits rescores twice, not once per edit, and two trainings never race.
 */

const Payload = z.object({ tenantId: z.uuid().optional() });

/** Queues a rescore of the tenant's open leads. Call after the transaction that changed the rules. */
export async function requestRescore(platform: Platform, tenantId: string): Promise<void> {
  await platform.jobs.send(rescoreLeadsJob, { tenantId }, { singletonKey: tenantId });
}

/** Queues a training run for the tenant. Call outside any transaction. */
export async function requestTraining(platform: Platform, tenantId: string): Promise<void> {
  await platform.jobs.send(trainModelJob, { tenantId }, { singletonKey: tenantId });
}

/** Tenants with outcomes to learn from, or a model that may have to go. No locks. */
async function tenantsToTrain(platform: Platform): Promise<string[]> {
  const rows = await withSystem(platform.db, (tx) =>
    queryRows<{ tenant_id: string }>(
      tx,
      sql`SELECT DISTINCT tenant_id FROM ${leads} WHERE status IN ('converted', 'disqualified')
          UNION
          SELECT tenant_id FROM ${leadScoreModels} WHERE active`,
    ),
  );
  return rows.map((r) => r.tenant_id);
}

export const rescoreLeadsJob: JobDefinition<typeof Payload> = defineJob({
  name: 'leads.rescore',
  payload: Payload,
  // Nightly, so behaviour points decay even on leads nobody touches.
  cron: '30 2 * * *',
  policy: 'stately',
  expireInSeconds: 3 * 3600,
  async handler({ tenantId }, { platform, log }) {
    if (tenantId) {
      const summary = await rescoreOpenLeads(platform, tenantId);
      log.info({ tenantId, ...summary }, 'rescored open leads');
      return;
    }
    for (const id of await tenantsToRescore(platform)) await requestRescore(platform, id);
  },
});

export const trainModelJob: JobDefinition<typeof Payload> = defineJob({
  name: 'leads.train-model',
  payload: Payload,
  // Before the nightly rescore, which then finds the probabilities already current.
  cron: '30 1 * * *',
  policy: 'stately',
  expireInSeconds: 3 * 3600,
  retryLimit: 2,
  async handler({ tenantId }, { platform, log }) {
    if (tenantId) {
      const run = await trainTenantModel(platform, tenantId);
      log.info({ tenantId, ...run }, 'trained the lead scoring model');
      return;
    }
    for (const id of await tenantsToTrain(platform)) await requestTraining(platform, id);
  },
});

export const scoringJobs: readonly JobDefinition[] = [rescoreLeadsJob, trainModelJob];
