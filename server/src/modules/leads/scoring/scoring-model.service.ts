import type { ScoringModel, ScoringModelOverview } from '@contracts/lead-scoring.contract';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { type Actor, writeAudit } from '../../../platform/audit';
import { withTenant } from '../../../platform/db/tenancy';
import type { Platform } from '../../../platform/platform';
import { loadLeadSettings } from '../lead-settings';
import { leadScoreModels, leads } from '../leads.tables';
import { StoredModel, topWeights } from './predictive/model';
import { MIN_PER_CLASS } from './predictive/train-model';
import { requestTraining } from './scoring.jobs';

/** The predictive model as admins see it: the active model and its quality, recent runs, outcomes so far. */

const RECENT_RUNS = 10;
const TOP_WEIGHTS = 8;

type ModelRow = typeof leadScoreModels.$inferSelect;

function presentRun(row: ModelRow): ScoringModel {
  return {
    id: row.id,
    trainedAt: row.trainedAt.toISOString(),
    status: row.status === 'ready' ? 'ready' : 'insufficient',
    positives: row.positives,
    negatives: row.negatives,
    auc: row.auc,
    active: row.active,
  };
}

export async function getModelOverview(platform: Platform, actor: Actor): Promise<ScoringModelOverview> {
  const tenantId = actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) => {
    const runs = await tx
      .select()
      .from(leadScoreModels)
      .where(eq(leadScoreModels.tenantId, tenantId))
      .orderBy(desc(leadScoreModels.trainedAt), desc(leadScoreModels.id))
      .limit(RECENT_RUNS);
    const counts = await tx
      .select({ status: leads.status, n: sql<number>`count(*)::int` })
      .from(leads)
      .where(and(eq(leads.tenantId, tenantId), inArray(leads.status, ['converted', 'disqualified'])))
      .groupBy(leads.status);
    const settings = await loadLeadSettings(tx, tenantId);
    const activeRow = runs.find((r) => r.active && r.status === 'ready');
    const stored = activeRow ? StoredModel.safeParse(activeRow.model) : null;
    return {
      active:
        activeRow && stored?.success
          ? {
              ...presentRun(activeRow),
              testSize: stored.data.testSize,
              topWeights: topWeights(stored.data, TOP_WEIGHTS),
            }
          : null,
      runs: runs.map(presentRun),
      outcomes: {
        converted: counts.find((c) => c.status === 'converted')?.n ?? 0,
        disqualified: counts.find((c) => c.status === 'disqualified')?.n ?? 0,
        needed: settings.predictiveMinOutcomes,
        neededPerClass: MIN_PER_CLASS,
      },
    };
  });
}

/** Audits the request, then (after commit) queues the training job. */
export async function trainNow(platform: Platform, actor: Actor): Promise<{ queued: true }> {
  await withTenant(platform.db, actor.tenantId, (tx) =>
    writeAudit(tx, actor, { entity: 'lead_score_model', entityId: null, action: 'train_requested' }),
  );
  await requestTraining(platform, actor.tenantId);
  return { queued: true };
}
