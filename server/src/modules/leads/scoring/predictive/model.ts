import type { ModelWeight } from '@contracts/lead-scoring.contract';
import type { PredictionFactor } from '@contracts/leads.contract';
import { and, desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Tx } from '../../../../platform/db/database';
import { leadScoreModels } from '../../leads.tables';
import type { ScorableLead, ScoredEvent } from '../rule-score';
import { featureValues, isBinaryFeature } from './features';
import { sigmoid } from './logistic';

/**
 * A trained model as stored in `lead_score_models.model`, and what it says about one lead: the conversion
 * probability and the features that moved it most.
 */

export const StoredModel = z.object({
  features: z.array(z.string()),
  /** Per standardised feature: the change in log-odds for one standard deviation more. */
  weights: z.array(z.number()),
  intercept: z.number(),
  means: z.array(z.number()),
  scales: z.array(z.number()),
  vocabulary: z.object({ regions: z.array(z.string()), industries: z.array(z.string()) }),
  testSize: z.number().int(),
  iterations: z.number().int(),
});
export type StoredModel = z.infer<typeof StoredModel>;

export type PredictiveModel = StoredModel & { id: string };

export type Prediction = { probability: number; factors: PredictionFactor[] };

const TOP_FACTORS = 3;
/** Contributions smaller than this (in log-odds) explain nothing worth showing. */
const NEGLIGIBLE = 0.005;

const round = (value: number, digits: number) => {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
};

/**
 * Probability of conversion and the top factors: each feature's contribution is its weight times the lead's
 * standardised value. A yes/no feature the lead lacks is named `not:<feature>`, so "not from a trade show"
 * is never shown as "from a trade show".
 */
export function predict(model: StoredModel, lead: ScorableLead, events: readonly ScoredEvent[]): Prediction {
  const { logOdds, contributions } = explain(model, lead, events);
  const factors = contributions
    .filter((c) => Math.abs(c.weight) >= NEGLIGIBLE)
    .sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight))
    .slice(0, TOP_FACTORS)
    .map((c) => ({ feature: c.feature, weight: round(c.weight, 3) }));
  return { probability: round(sigmoid(logOdds), 4), factors };
}

/** The model's log-odds for a lead and each feature's share of it (weight × standardised value). */
export function explain(
  model: StoredModel,
  lead: ScorableLead,
  events: readonly ScoredEvent[],
): { logOdds: number; contributions: PredictionFactor[] } {
  const values = featureValues(lead, events, model.vocabulary);
  let logOdds = model.intercept;
  const contributions: PredictionFactor[] = [];
  for (const [j, feature] of model.features.entries()) {
    const scale = model.scales[j] ?? 0;
    if (scale === 0) continue;
    const raw = values.get(feature) ?? 0;
    const c = (model.weights[j] ?? 0) * ((raw - (model.means[j] ?? 0)) / scale);
    logOdds += c;
    contributions.push({
      feature: raw === 0 && isBinaryFeature(feature) ? `not:${feature}` : feature,
      weight: c,
    });
  }
  return { logOdds, contributions };
}

/** The features with the largest weights, in the model's own terms (for admins judging the model). */
export function topWeights(model: StoredModel, count: number): ModelWeight[] {
  return model.features
    .map((feature, j) => ({ feature, weight: model.weights[j] ?? 0 }))
    .sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight))
    .slice(0, count)
    .map((w) => ({ feature: w.feature, weight: round(w.weight, 3) }));
}

/** The tenant's active model, or null while rule scores stand alone. */
export async function loadActiveModel(tx: Tx, tenantId: string): Promise<PredictiveModel | null> {
  const [row] = await tx
    .select({ id: leadScoreModels.id, model: leadScoreModels.model })
    .from(leadScoreModels)
    .where(
      and(
        eq(leadScoreModels.tenantId, tenantId),
        eq(leadScoreModels.active, true),
        eq(leadScoreModels.status, 'ready'),
      ),
    )
    .orderBy(desc(leadScoreModels.trainedAt))
    .limit(1);
  if (!row) return null;
  const parsed = StoredModel.safeParse(row.model);
  return parsed.success ? { ...parsed.data, id: row.id } : null;
}
