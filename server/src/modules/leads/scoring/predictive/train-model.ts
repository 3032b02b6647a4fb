import { and, desc, eq, inArray, notInArray } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { systemActor, writeAudit } from '../../../../platform/audit';
import { withTenant } from '../../../../platform/db/tenancy';
import type { Platform } from '../../../../platform/platform';
import { loadLeadSettings } from '../../lead-settings';
import { qualificationOf } from '../../leads.queries';
import { leadScoreModels, leads } from '../../leads.tables';
import { loadRecentEvents } from '../rescore';
import { rescoreOpenLeads } from '../rescore-tenant';
import type { ScorableLead, ScoredEvent } from '../rule-score';
import { auc } from './auc';
import { buildVocabulary, candidateFeatures, featureValues } from './features';
import { standardisation, trainLogistic } from './logistic';
import { explain, loadActiveModel, type StoredModel } from './model';
import { stratifiedSplit } from './split';

/**
 * Training the tenant's predictive model on its own outcomes: converted leads (1) against disqualified ones
 * (0), a stratified 75/25 split, logistic regression on the 75 %, AUC on the held-out 25 %. Each run is
 * stored; the newest run decides: a ready model scores leads, an insufficient one (too few outcomes) leaves
 * every probability empty so rule scores stand alone. Open leads get their new probabilities right after.
 */

/** Fewer outcomes of either kind than this and the held-out quarter says nothing. */
export const MIN_PER_CLASS = 10;
/** Newest outcomes used; older ones add little and would make a nightly run slow. */
const TRAINING_CAP = 20_000;
const TEST_FRACTION = 0.25;
/** Fixed, so the same outcomes always give the same split, model and AUC. */
const SPLIT_SEED = 20_240_601;
/** Runs kept per tenant (the screen shows the latest few). */
const RUNS_KEPT = 30;
const EVENT_CHUNK = 500;

export type Example = { lead: ScorableLead; events: readonly ScoredEvent[]; label: 0 | 1 };

export type Fit = { model: StoredModel; auc: number | null };

/** Trains on 75 % of the examples and measures the AUC on the rest. Pure and deterministic. */
export function fitModel(examples: readonly Example[]): Fit {
  const split = stratifiedSplit(
    examples.map((e) => e.label),
    TEST_FRACTION,
    SPLIT_SEED,
  );
  const train = split.train.map((i) => examples[i] as Example);
  const test = split.test.map((i) => examples[i] as Example);
  const vocabulary = buildVocabulary(train.map((e) => e.lead));
  const candidates = candidateFeatures(vocabulary);
  const raw = train.map((e) => {
    const values = featureValues(e.lead, e.events, vocabulary);
    return candidates.map((f) => values.get(f) ?? 0);
  });
  const scaling = standardisation(raw, candidates.length);
  // A feature that never varies in training carries no information: left out.
  const kept = candidates.flatMap((_, j) => ((scaling.scales[j] ?? 0) > 0 ? [j] : []));
  const means = kept.map((j) => scaling.means[j] ?? 0);
  const scales = kept.map((j) => scaling.scales[j] ?? 1);
  const rows = raw.map((r) => kept.map((j, k) => ((r[j] ?? 0) - (means[k] ?? 0)) / (scales[k] ?? 1)));
  const fit = trainLogistic(
    rows,
    train.map((e) => e.label),
  );
  const model: StoredModel = {
    features: kept.map((j) => candidates[j] ?? ''),
    weights: fit.weights,
    intercept: fit.intercept,
    means,
    scales,
    vocabulary,
    testSize: test.length,
    iterations: fit.iterations,
  };
  return {
    model,
    auc: auc(
      test.map((e) => explain(model, e.lead, e.events).logOdds),
      test.map((e) => e.label),
    ),
  };
}

export type TrainingRun = {
  id: string;
  status: 'ready' | 'insufficient';
  positives: number;
  negatives: number;
  auc: number | null;
};

/** Whether a tenant has enough outcomes to train on. */
export function enoughOutcomes(positives: number, negatives: number, minOutcomes: number): boolean {
  return positives + negatives >= minOutcomes && positives >= MIN_PER_CLASS && negatives >= MIN_PER_CLASS;
}

async function loadExamples(platform: Platform, tenantId: string) {
  return withTenant(platform.db, tenantId, async (tx) => {
    const settings = await loadLeadSettings(tx, tenantId);
    const rows = await tx
      .select()
      .from(leads)
      .where(and(eq(leads.tenantId, tenantId), inArray(leads.status, ['converted', 'disqualified'])))
      .orderBy(desc(leads.id))
      .limit(TRAINING_CAP);
    const events = new Map<string, ScoredEvent[]>();
    for (let i = 0; i < rows.length; i += EVENT_CHUNK) {
      const chunk = await loadRecentEvents(
        tx,
        tenantId,
        rows.slice(i, i + EVENT_CHUNK).map((r) => r.id),
      );
      for (const [id, list] of chunk) events.set(id, list);
    }
    const examples: Example[] = rows.map((row) => {
      const label = row.status === 'converted' ? 1 : 0;
      // Only what was known at the outcome: behaviour after a conversion would flatter the converted.
      const outcomeAt = (label === 1 ? row.convertedAt : null) ?? row.statusChangedAt;
      return {
        lead: { ...row, qualification: qualificationOf(row) },
        events: (events.get(row.id) ?? []).filter((e) => e.occurredAt <= outcomeAt),
        label,
      };
    });
    const hadModel = (await loadActiveModel(tx, tenantId)) !== null;
    return { settings, examples, hadModel };
  });
}

/** One training run for a tenant (the `leads.train-model` job): stores it, then rescores the open leads. */
export async function trainTenantModel(platform: Platform, tenantId: string): Promise<TrainingRun> {
  const { settings, examples, hadModel } = await loadExamples(platform, tenantId);
  const positives = examples.filter((e) => e.label === 1).length;
  const negatives = examples.length - positives;
  const fit = enoughOutcomes(positives, negatives, settings.predictiveMinOutcomes)
    ? fitModel(examples)
    : null;
  const run: TrainingRun = {
    id: uuidv7(),
    status: fit ? 'ready' : 'insufficient',
    positives,
    negatives,
    auc: fit?.auc ?? null,
  };
  await withTenant(platform.db, tenantId, async (tx) => {
    await tx
      .update(leadScoreModels)
      .set({ active: false })
      .where(and(eq(leadScoreModels.tenantId, tenantId), eq(leadScoreModels.active, true)));
    await tx.insert(leadScoreModels).values({
      tenantId,
      id: run.id,
      trainedAt: platform.clock.now(),
      status: run.status,
      positives,
      negatives,
      auc: run.auc,
      model: fit?.model ?? null,
      active: fit !== null,
    });
    const kept = await tx
      .select({ id: leadScoreModels.id })
      .from(leadScoreModels)
      .where(eq(leadScoreModels.tenantId, tenantId))
      .orderBy(desc(leadScoreModels.trainedAt), desc(leadScoreModels.id))
      .limit(RUNS_KEPT);
    await tx.delete(leadScoreModels).where(
      and(
        eq(leadScoreModels.tenantId, tenantId),
        notInArray(
          leadScoreModels.id,
          kept.map((k) => k.id),
        ),
      ),
    );
    await writeAudit(tx, systemActor(tenantId), {
      entity: 'lead_score_model',
      entityId: run.id,
      action: 'train',
      changes: {
        status: { from: null, to: run.status },
        positives: { from: null, to: positives },
        negatives: { from: null, to: negatives },
        auc: { from: null, to: run.auc },
      },
    });
  });
  // Probabilities follow the new model, or are cleared when there is none any more.
  if (fit || hadModel) await rescoreOpenLeads(platform, tenantId);
  return run;
}
