import type { PredictionFactor, ScoreItem } from '@contracts/leads.contract';
import { and, eq, sql } from 'drizzle-orm';
import { type Actor, writeAudit } from '../../../platform/audit';
import { queryRows, type Tx } from '../../../platform/db/database';
import { type MailCopies, notify } from '../../notifications';
import type { LeadSettingsRow } from '../lead-settings';
import { statusColumns } from '../lead-status';
import { type LeadRow, qualificationOf } from '../leads.queries';
import { leadEvents, leads } from '../leads.tables';
import { loadActiveModel, type PredictiveModel, predict } from './predictive/model';
import { computeRuleScore, type ScoredEvent, type ScoreRuleRow } from './rule-score';

/**
 * Recomputes leads' rule scores from their current fields and events, and their conversion probability with
 * the active model; marks a lead MQL when its score reaches the tenant's threshold (notifying its owner). Run
 * after an edit, a new event, a rule change and by the nightly decay job; a lead whose scores did not change
 * is not written, so a rerun with nothing changed changes nothing.
 */

export type RescoreContext = {
  tenantId: string;
  actor: Actor;
  now: Date;
  settings: LeadSettingsRow;
  rules: readonly ScoreRuleRow[];
  /** The active predictive model (null: none); left out, it is loaded here. */
  model?: PredictiveModel | null;
  /** E-mail copies of MQL notifications, for the caller to dispatch after commit. */
  mail?: MailCopies;
};

/** Events older than this many per lead do not move a score any more (decay) and are not read. */
const EVENT_WINDOW = 2000;

const MQL_FROM = new Set(['new', 'contacted', 'nurturing']);

type Evaluation = {
  row: LeadRow;
  score: number;
  breakdown: ScoreItem[];
  probability: number | null;
  factors: PredictionFactor[];
  crossesMql: boolean;
  changed: boolean;
};

/** Each lead's newest events (at most EVENT_WINDOW), in one statement for the whole batch. */
export async function loadRecentEvents(
  tx: Tx,
  tenantId: string,
  leadIds: readonly string[],
): Promise<Map<string, ScoredEvent[]>> {
  const out = new Map<string, ScoredEvent[]>();
  if (leadIds.length === 0) return out;
  const rows = await queryRows<{ lead_id: string; kind: string; occurred_at: Date | string }>(
    tx,
    sql`SELECT l.id AS lead_id, e.kind, e.occurred_at
          FROM unnest(${`{${leadIds.join(',')}}`}::uuid[]) AS l(id)
          CROSS JOIN LATERAL (
            SELECT ${leadEvents.kind} AS kind, ${leadEvents.occurredAt} AS occurred_at
              FROM ${leadEvents}
             WHERE ${leadEvents.tenantId} = ${tenantId} AND ${leadEvents.leadId} = l.id
             ORDER BY ${leadEvents.occurredAt} DESC
             LIMIT ${EVENT_WINDOW}
          ) e`,
  );
  for (const r of rows) {
    const list = out.get(r.lead_id) ?? [];
    list.push({ kind: r.kind, occurredAt: new Date(r.occurred_at) });
    out.set(r.lead_id, list);
  }
  return out;
}

/** Breakdown items in a canonical form: stored jsonb neither keeps key order nor, after a reorder, item order. */
const canonicalItems = (items: readonly ScoreItem[]) =>
  JSON.stringify(
    items
      .map((i) => [i.ruleId, i.name, i.points, i.events ?? null, i.capped ?? false])
      .sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
  );

function sameBreakdown(a: readonly ScoreItem[], b: unknown): boolean {
  return Array.isArray(b) && canonicalItems(a) === canonicalItems(b as ScoreItem[]);
}

function sameFactors(a: readonly PredictionFactor[], b: unknown): boolean {
  const canonical = (items: readonly PredictionFactor[]) =>
    JSON.stringify(items.map((f) => [f.feature, f.weight]));
  return Array.isArray(b) && canonical(a) === canonical(b as PredictionFactor[]);
}

async function evaluate(tx: Tx, ctx: RescoreContext, rows: readonly LeadRow[]): Promise<Evaluation[]> {
  const model = ctx.model === undefined ? await loadActiveModel(tx, ctx.tenantId) : ctx.model;
  const needEvents = model !== null || ctx.rules.some((r) => r.kind === 'behaviour');
  const events = needEvents
    ? await loadRecentEvents(
        tx,
        ctx.tenantId,
        rows.map((r) => r.id),
      )
    : new Map<string, ScoredEvent[]>();
  return rows.map((row) => {
    const lead = { ...row, qualification: qualificationOf(row) };
    const own = events.get(row.id) ?? [];
    const { score, breakdown } = computeRuleScore(lead, own, ctx.rules, ctx.now);
    const prediction = model ? predict(model, lead, own) : null;
    const probability = prediction?.probability ?? null;
    const factors = prediction?.factors ?? [];
    const changed =
      score !== row.score ||
      !sameBreakdown(breakdown, row.scoreBreakdown) ||
      probability !== row.conversionProbability ||
      !sameFactors(factors, row.predictionFactors);
    const crossesMql = score >= ctx.settings.mqlThreshold && MQL_FROM.has(row.status);
    return { row, score, breakdown, probability, factors, crossesMql, changed };
  });
}

/** Writes one lead; a lead crossing the MQL line is audited on its own and its owner is told once. */
async function writeOne(tx: Tx, ctx: RescoreContext, e: Evaluation, audit: boolean): Promise<LeadRow> {
  const { row, score, crossesMql } = e;
  const [after] = await tx
    .update(leads)
    .set({
      score,
      scoreBreakdown: e.breakdown,
      conversionProbability: e.probability,
      predictionFactors: e.factors,
      scoredAt: ctx.now,
      ...(crossesMql ? statusColumns(row, 'mql', null, ctx.now, ctx.settings) : {}),
      version: row.version + 1,
      updatedAt: ctx.now,
    })
    .where(and(eq(leads.tenantId, ctx.tenantId), eq(leads.id, row.id)))
    .returning();
  if (!after) return row;
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  if (score !== row.score) changes.score = { from: row.score, to: score };
  if (crossesMql) changes.status = { from: row.status, to: 'mql' };
  if ((audit || crossesMql) && Object.keys(changes).length > 0) {
    await writeAudit(tx, ctx.actor, {
      entity: 'lead',
      entityId: row.id,
      action: crossesMql ? 'status_change' : 'rescore',
      changes,
    });
  }
  if (crossesMql && after.ownerId) {
    await notify(tx, {
      tenantId: ctx.tenantId,
      userIds: [after.ownerId],
      kind: 'lead_mql',
      params: { name: after.companyName ?? after.contactName ?? '', score },
      entity: 'lead',
      entityId: after.id,
      dedupeKey: `mql:${after.id}:${after.mqlAt?.toISOString() ?? ''}`,
      ...(ctx.mail ? { mail: ctx.mail } : {}),
    });
  }
  return after;
}

/** One lead (after an edit or an event), audited on its own. Returns the row as stored. */
export async function rescoreLead(tx: Tx, ctx: RescoreContext, row: LeadRow): Promise<LeadRow> {
  const [e] = await evaluate(tx, ctx, [row]);
  if (!e || (!e.changed && !e.crossesMql)) return row;
  return writeOne(tx, ctx, e, true);
}

/**
 * A batch of locked leads (background rescoring): events read in one statement, the leads whose scores
 * merely moved written in one statement with one audit row for the batch, so decay does not flood each
 * lead's history; MQL crossings are written and audited one by one. Returns how many leads changed.
 */
export async function rescoreLeads(tx: Tx, ctx: RescoreContext, rows: readonly LeadRow[]): Promise<number> {
  const evaluations = await evaluate(tx, ctx, rows);
  for (const e of evaluations) if (e.crossesMql) await writeOne(tx, ctx, e, false);
  const moved = evaluations.filter((e) => e.changed && !e.crossesMql);
  if (moved.length > 0) {
    const values = moved.map((e) => ({
      id: e.row.id,
      score: e.score,
      breakdown: e.breakdown,
      probability: e.probability,
      factors: e.factors,
    }));
    await tx.execute(sql`
      UPDATE ${leads} SET
        score = v.score,
        score_breakdown = v.breakdown,
        conversion_probability = v.probability,
        prediction_factors = v.factors,
        scored_at = ${ctx.now.toISOString()}::timestamptz,
        version = ${leads}.version + 1,
        updated_at = ${ctx.now.toISOString()}::timestamptz
      FROM jsonb_to_recordset(${JSON.stringify(values)}::jsonb)
        AS v(id uuid, score integer, breakdown jsonb, probability double precision, factors jsonb)
      WHERE ${leads}.tenant_id = ${ctx.tenantId} AND ${leads}.id = v.id`);
    const scoreMoves = moved.filter((e) => e.score !== e.row.score);
    const probabilityMoves = moved.filter((e) => e.probability !== e.row.conversionProbability);
    await writeAudit(tx, ctx.actor, {
      entity: 'lead',
      entityId: null,
      action: 'rescore_batch',
      changes: {
        ...(scoreMoves.length > 0
          ? {
              score: {
                from: null,
                to: scoreMoves.map((e) => ({ id: e.row.id, from: e.row.score, to: e.score })),
              },
            }
          : {}),
        ...(probabilityMoves.length > 0
          ? { conversionProbability: { from: null, to: { leads: probabilityMoves.length } } }
          : {}),
      },
    });
  }
  return moved.length + evaluations.filter((e) => e.crossesMql).length;
}
