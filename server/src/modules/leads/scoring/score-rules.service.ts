import {
  type ReplaceScoreRuleBody,
  SCORE_FIELD_OPERATORS,
  SCORE_FIELD_VALUES,
  type ScoreAttributeField,
  type ScoreRule,
  type ScoreRuleBody,
} from '@contracts/lead-scoring.contract';
import { and, asc, eq, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { type Actor, changesBetween, writeAudit } from '../../../platform/audit';
import type { Tx } from '../../../platform/db/database';
import { withTenant } from '../../../platform/db/tenancy';
import { AppError, type FieldCode, invalidFields } from '../../../platform/http/errors';
import type { Platform } from '../../../platform/platform';
import { leadScoreRules } from '../leads.tables';
import { requestRescore } from './scoring.jobs';

/**
 * Scoring rules: list, add, replace, remove and reorder. Every change is audited with the rule, and once it
 * has committed the tenant's open leads are rescored in the background.
 */

type RuleRow = typeof leadScoreRules.$inferSelect;

const AUDITED = [
  'name',
  'kind',
  'field',
  'operator',
  'value',
  'points',
  'cap',
  'halfLifeDays',
  'active',
] as const;

function present(row: RuleRow): ScoreRule {
  return {
    id: row.id,
    kind: row.kind === 'behaviour' ? 'behaviour' : 'attribute',
    name: row.name,
    field: row.field,
    operator: row.operator,
    value:
      typeof row.value === 'string' || Array.isArray(row.value) ? (row.value as string | string[]) : null,
    points: row.points,
    cap: row.cap,
    halfLifeDays: row.halfLifeDays,
    position: row.position,
    active: row.active,
    version: row.version,
  };
}

type Problem = { path: string; code: FieldCode; vars?: Record<string, unknown> };

/** Conditions the contract cannot check alone: which operator suits the field, and the value it needs. */
export function ruleProblems(body: ScoreRuleBody): Problem[] {
  if (body.kind === 'behaviour') return [];
  const field: ScoreAttributeField = body.field;
  const { operator, value } = body;
  if (!SCORE_FIELD_OPERATORS[field].includes(operator)) {
    return [
      {
        path: 'operator',
        code: 'score_operator_not_allowed',
        vars: { options: SCORE_FIELD_OPERATORS[field].join(', ') },
      },
    ];
  }
  if (operator === 'present' || operator === 'met') {
    return value === null ? [] : [{ path: 'value', code: 'score_value_not_allowed' }];
  }
  if (value === null) return [{ path: 'value', code: 'score_value_required' }];
  if (operator === 'in' && !Array.isArray(value))
    return [{ path: 'value', code: 'score_value_list_required' }];
  if (operator === 'eq' && Array.isArray(value))
    return [{ path: 'value', code: 'score_value_single_required' }];
  const allowed = SCORE_FIELD_VALUES[field];
  if (allowed) {
    const values = Array.isArray(value) ? value : [value];
    const bad = values.findIndex((v) => !allowed.includes(v));
    if (bad >= 0) {
      return [
        {
          path: Array.isArray(value) ? `value.${bad}` : 'value',
          code: 'invalid_value',
          vars: { options: allowed.join(', ') },
        },
      ];
    }
  }
  return [];
}

function columnsOf(body: ScoreRuleBody) {
  if (body.kind === 'behaviour') {
    return {
      kind: body.kind,
      name: body.name,
      field: body.field,
      // Behaviour rules count events whose kind equals `field`.
      operator: 'eq',
      value: null,
      points: body.points,
      cap: body.cap,
      halfLifeDays: body.halfLifeDays,
      active: body.active,
    };
  }
  return {
    kind: body.kind,
    name: body.name,
    field: body.field,
    operator: body.operator,
    value: Array.isArray(body.value) ? [...new Set(body.value)] : body.value,
    points: body.points,
    cap: null,
    halfLifeDays: null,
    active: body.active,
  };
}

function validate(body: ScoreRuleBody): void {
  const problems = ruleProblems(body);
  if (problems.length > 0) throw invalidFields(...problems);
}

async function allRules(tx: Tx, tenantId: string): Promise<RuleRow[]> {
  return tx
    .select()
    .from(leadScoreRules)
    .where(eq(leadScoreRules.tenantId, tenantId))
    .orderBy(asc(leadScoreRules.position), asc(leadScoreRules.createdAt), asc(leadScoreRules.id));
}

async function lockRule(tx: Tx, tenantId: string, id: string): Promise<RuleRow> {
  const [row] = await tx
    .select()
    .from(leadScoreRules)
    .where(and(eq(leadScoreRules.tenantId, tenantId), eq(leadScoreRules.id, id)))
    .for('update');
  if (!row) throw new AppError('not_found');
  return row;
}

export async function listRules(platform: Platform, actor: Actor): Promise<{ items: ScoreRule[] }> {
  return withTenant(platform.db, actor.tenantId, async (tx) => ({
    items: (await allRules(tx, actor.tenantId)).map(present),
  }));
}

export async function createRule(platform: Platform, actor: Actor, body: ScoreRuleBody): Promise<ScoreRule> {
  validate(body);
  const tenantId = actor.tenantId;
  const rule = await withTenant(platform.db, tenantId, async (tx) => {
    const [last] = await tx
      .select({ position: sql<number>`coalesce(max(${leadScoreRules.position}), -1)::int` })
      .from(leadScoreRules)
      .where(eq(leadScoreRules.tenantId, tenantId));
    const now = platform.clock.now();
    const [row] = await tx
      .insert(leadScoreRules)
      .values({
        tenantId,
        id: uuidv7(),
        ...columnsOf(body),
        position: (last?.position ?? -1) + 1,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!row) throw new AppError('internal');
    await writeAudit(tx, actor, {
      entity: 'lead_score_rule',
      entityId: row.id,
      action: 'create',
      changes: changesBetween(null, row, AUDITED),
    });
    return present(row);
  });
  await requestRescore(platform, tenantId);
  return rule;
}

export async function replaceRule(
  platform: Platform,
  actor: Actor,
  id: string,
  input: ReplaceScoreRuleBody,
): Promise<ScoreRule> {
  const { version, ...body } = input;
  validate(body);
  const tenantId = actor.tenantId;
  const rule = await withTenant(platform.db, tenantId, async (tx) => {
    const before = await lockRule(tx, tenantId, id);
    if (before.version !== version) throw new AppError('version_conflict');
    const [after] = await tx
      .update(leadScoreRules)
      .set({ ...columnsOf(body), version: before.version + 1, updatedAt: platform.clock.now() })
      .where(and(eq(leadScoreRules.tenantId, tenantId), eq(leadScoreRules.id, id)))
      .returning();
    if (!after) throw new AppError('internal');
    await writeAudit(tx, actor, {
      entity: 'lead_score_rule',
      entityId: id,
      action: 'update',
      changes: changesBetween(before, after, AUDITED),
    });
    return present(after);
  });
  await requestRescore(platform, tenantId);
  return rule;
}

export async function deleteRule(platform: Platform, actor: Actor, id: string): Promise<void> {
  const tenantId = actor.tenantId;
  await withTenant(platform.db, tenantId, async (tx) => {
    const before = await lockRule(tx, tenantId, id);
    await tx
      .delete(leadScoreRules)
      .where(and(eq(leadScoreRules.tenantId, tenantId), eq(leadScoreRules.id, id)));
    await writeAudit(tx, actor, {
      entity: 'lead_score_rule',
      entityId: id,
      action: 'delete',
      changes: changesBetween(before, null, AUDITED),
    });
  });
  await requestRescore(platform, tenantId);
}

/**
 * Puts the rules in the given order, which must name every rule once. Order changes no score (points add
 * up), only the order of a breakdown, so no rescoring is needed.
 */
export async function reorderRules(
  platform: Platform,
  actor: Actor,
  ids: readonly string[],
): Promise<{ items: ScoreRule[] }> {
  const tenantId = actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) => {
    const rows = await tx
      .select()
      .from(leadScoreRules)
      .where(eq(leadScoreRules.tenantId, tenantId))
      .orderBy(asc(leadScoreRules.position), asc(leadScoreRules.createdAt), asc(leadScoreRules.id))
      .for('update');
    const known = new Set(rows.map((r) => r.id));
    const unknown = ids.findIndex((id) => !known.has(id));
    if (unknown >= 0) throw invalidFields({ path: `ids.${unknown}`, code: 'unknown_record' });
    if (new Set(ids).size !== ids.length || ids.length !== rows.length) {
      throw invalidFields({ path: 'ids', code: 'order_mismatch' });
    }
    const now = platform.clock.now();
    const moved: RuleRow[] = [];
    for (const [position, id] of ids.entries()) {
      const before = rows.find((r) => r.id === id);
      if (!before || before.position === position) continue;
      const [after] = await tx
        .update(leadScoreRules)
        .set({ position, version: before.version + 1, updatedAt: now })
        .where(and(eq(leadScoreRules.tenantId, tenantId), eq(leadScoreRules.id, id)))
        .returning();
      if (after) moved.push(after);
    }
    if (moved.length > 0) {
      await writeAudit(tx, actor, {
        entity: 'lead_score_rule',
        entityId: null,
        action: 'reorder',
        changes: { order: { from: rows.map((r) => r.id), to: ids } },
      });
    }
    return { items: (await allRules(tx, tenantId)).map(present) };
  });
}
