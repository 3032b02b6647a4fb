import type { ScoreItem } from '@contracts/leads.contract';
import { and, asc, eq } from 'drizzle-orm';
import type { Tx } from '../../../platform/db/database';
import { leadScoreRules } from '../leads.tables';

/**
 * Rule scoring: attribute rules add their points once when the lead matches; behaviour rules add points per
 * event of their kind, each halved every `halfLifeDays` since it happened, the rule's total capped at `cap`.
 * Pure: the caller loads rules and events, so the arithmetic is tested without a database.
 */

export type ScoreRuleRow = typeof leadScoreRules.$inferSelect;

export type ScorableLead = {
  companySize: string | null;
  industry: string | null;
  title: string | null;
  region: string | null;
  source: string;
  grade: string | null;
  campaignId: string | null;
  email: string | null;
  phone: string | null;
  qualification: Record<string, unknown>;
};

export type ScoredEvent = { kind: string; occurredAt: Date };

export type RuleScore = { score: number; breakdown: ScoreItem[] };

const DAY_MS = 86_400_000;

function attributeValue(lead: ScorableLead, field: string): unknown {
  if (field.startsWith('qualification.')) {
    let node: unknown = lead.qualification;
    for (const part of field.split('.').slice(1))
      node = (node as Record<string, unknown> | undefined)?.[part];
    return node;
  }
  return (lead as Record<string, unknown>)[field];
}

export function matchesAttribute(
  lead: ScorableLead,
  rule: Pick<ScoreRuleRow, 'field' | 'operator' | 'value'>,
): boolean {
  const actual = attributeValue(lead, rule.field);
  const expected = rule.value;
  switch (rule.operator) {
    case 'present':
      return typeof actual === 'string' ? actual.trim().length > 0 : actual !== null && actual !== undefined;
    case 'met':
      return (actual as { met?: unknown } | undefined)?.met === true;
    case 'eq':
      return (
        typeof actual === 'string' &&
        typeof expected === 'string' &&
        actual.toLowerCase() === expected.toLowerCase()
      );
    case 'in':
      return (
        typeof actual === 'string' &&
        Array.isArray(expected) &&
        expected.some((e) => typeof e === 'string' && e.toLowerCase() === actual.toLowerCase())
      );
    case 'contains': {
      if (typeof actual !== 'string') return false;
      const needles = Array.isArray(expected) ? expected : [expected];
      return needles.some((n) => typeof n === 'string' && actual.toLowerCase().includes(n.toLowerCase()));
    }
    default:
      return false;
  }
}

export function computeRuleScore(
  lead: ScorableLead,
  events: readonly ScoredEvent[],
  rules: readonly ScoreRuleRow[],
  now: Date,
): RuleScore {
  const breakdown: ScoreItem[] = [];
  for (const rule of rules) {
    if (!rule.active) continue;
    if (rule.kind === 'attribute') {
      if (matchesAttribute(lead, rule))
        breakdown.push({ ruleId: rule.id, name: rule.name, points: rule.points });
      continue;
    }
    const matching = events.filter((e) => e.kind === rule.field);
    if (matching.length === 0) continue;
    let total = 0;
    for (const event of matching) {
      const ageDays = Math.max(0, (now.getTime() - event.occurredAt.getTime()) / DAY_MS);
      total += rule.halfLifeDays ? rule.points * 0.5 ** (ageDays / rule.halfLifeDays) : rule.points;
    }
    let points = Math.round(total);
    const capped = rule.cap !== null && Math.abs(points) > rule.cap;
    if (capped && rule.cap !== null) points = Math.sign(points) * rule.cap;
    if (points !== 0) {
      breakdown.push({
        ruleId: rule.id,
        name: rule.name,
        points,
        events: matching.length,
        ...(capped ? { capped } : {}),
      });
    }
  }
  return { score: breakdown.reduce((sum, item) => sum + item.points, 0), breakdown };
}

export async function loadScoreRules(tx: Tx, tenantId: string): Promise<ScoreRuleRow[]> {
  return tx
    .select()
    .from(leadScoreRules)
    .where(and(eq(leadScoreRules.tenantId, tenantId), eq(leadScoreRules.active, true)))
    .orderBy(asc(leadScoreRules.position), asc(leadScoreRules.createdAt), asc(leadScoreRules.id));
}
