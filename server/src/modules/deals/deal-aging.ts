import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { anyOf } from '../../platform/db/arrays';
import { queryRows } from '../../platform/db/database';
import { withSystem, withTenant } from '../../platform/db/tenancy';
import { defineJob } from '../../platform/jobs/jobs';
import type { Platform } from '../../platform/platform';
import { dispatchMailCopies, mailCopies, type NotifyInput, notifyMany } from '../notifications';
import { managerDirectory } from '../teams';
import { deals, pipelineStages } from './deals.tables';
import { loadPipelineRules } from './pipelines.service';
import { proposals } from './proposals.tables';

/**
 * Stage aging alerts: an open deal longer in its stage than the stage allows, or whose promised proposal is
 * late by more than the company's grace days with no proposal submitted, alerts its owner and the owner's team
 * leads once per stage entry (`aging_alerted_at`, cleared by a move or a new promised date). Hourly.
 */

const DAY = 86_400_000;
const BATCH = 500;

type DueRow = {
  id: string;
  name: string;
  owner_id: string | null;
  team_id: string | null;
  stage_name: string;
  entered_at: Date | string;
  aging_days: number | null;
  proposal_due_on: string | null;
  stale: boolean;
};

async function tenantsWithOpenDeals(platform: Platform): Promise<string[]> {
  const rows = await withSystem(platform.db, (tx) =>
    tx.selectDistinct({ tenantId: deals.tenantId }).from(deals).where(eq(deals.status, 'open')),
  );
  return rows.map((r) => r.tenantId);
}

/** Alerts one company's aging deals at `now`; returns how many deals alerted. */
export async function sweepDealAging(platform: Platform, tenantId: string, now: Date): Promise<number> {
  let alerted = 0;
  for (;;) {
    const copies = mailCopies(platform.config);
    const count = await withTenant(platform.db, tenantId, async (tx) => {
      const { rules } = await loadPipelineRules(tx, tenantId);
      const at = sql`${now.toISOString()}::timestamptz`;
      const today = now.toISOString().slice(0, 10);
      const rows = await queryRows<DueRow>(
        tx,
        sql`SELECT d.id, d.name, d.owner_id, d.team_id, s.name AS stage_name, d.stage_entered_at AS entered_at,
            s.aging_days, d.proposal_due_on::text AS proposal_due_on,
            (s.aging_days IS NOT NULL AND d.stage_entered_at < ${at} - s.aging_days * interval '1 day') AS stale
          FROM ${deals} d
          JOIN ${pipelineStages} s ON s.tenant_id = d.tenant_id AND s.id = d.stage_id
          WHERE d.tenant_id = ${tenantId} AND d.status = 'open' AND d.aging_alerted_at IS NULL
            AND (
              (s.aging_days IS NOT NULL AND d.stage_entered_at < ${at} - s.aging_days * interval '1 day')
              OR (d.proposal_due_on IS NOT NULL
                AND d.proposal_due_on + ${rules.proposalGraceDays}::int < ${today}::date
                AND NOT EXISTS (SELECT 1 FROM ${proposals} p WHERE p.tenant_id = d.tenant_id AND p.deal_id = d.id
                  AND p.status IN ('in_review', 'approved', 'presented'))))
          ORDER BY d.stage_entered_at
          LIMIT ${BATCH}
          FOR UPDATE OF d SKIP LOCKED`,
      );
      if (rows.length === 0) return 0;
      const managersOf = await managerDirectory(tx, tenantId);
      const inputs: NotifyInput[] = rows.map((r) => {
        const userIds = [...(r.owner_id ? [r.owner_id] : []), ...managersOf(r.owner_id, r.team_id)];
        const entered = new Date(r.entered_at);
        const common = { tenantId, userIds, entity: 'deal', entityId: r.id, mail: copies };
        if (r.stale) {
          return <NotifyInput>{
            ...common,
            kind: 'deal_stale',
            params: {
              name: r.name,
              stage: r.stage_name,
              days: Math.floor((now.getTime() - entered.getTime()) / DAY),
              limit: r.aging_days ?? 0,
            },
            dedupeKey: `deal-stale:${r.id}:${entered.toISOString()}`,
          };
        }
        const due = r.proposal_due_on ?? today;
        return <NotifyInput>{
          ...common,
          kind: 'deal_proposal_late',
          params: {
            name: r.name,
            due,
            days: Math.floor((Date.parse(today) - Date.parse(due)) / DAY),
          },
          dedupeKey: `deal-proposal-late:${r.id}:${due}`,
        };
      });
      await notifyMany(tx, inputs);
      const ids = rows.map((r) => r.id);
      await tx
        .update(deals)
        .set({ agingAlertedAt: now })
        .where(and(eq(deals.tenantId, tenantId), anyOf(deals.id, ids, 'uuid')));
      return rows.length;
    });
    await dispatchMailCopies(platform, tenantId, copies);
    alerted += count;
    if (count < BATCH) break;
  }
  return alerted;
}

export const dealAgingJob = defineJob({
  name: 'deals.aging-sweep',
  payload: z.object({}).passthrough(),
  cron: '20 * * * *',
  async handler(_payload, { platform }) {
    const now = platform.clock.now();
    for (const tenantId of await tenantsWithOpenDeals(platform)) {
      await sweepDealAging(platform, tenantId, now);
    }
  },
});
