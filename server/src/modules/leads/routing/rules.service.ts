import type { AssignmentRule, RoutingStrategy, RuleConditions } from '@contracts/lead-routing.contract';
import { and, asc, eq, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { type Actor, changesBetween, writeAudit } from '../../../platform/audit';
import type { Tx } from '../../../platform/db/database';
import { teams } from '../../../platform/db/identity.tables';
import { withTenant } from '../../../platform/db/tenancy';
import { AppError, invalidFields } from '../../../platform/http/errors';
import type { Platform } from '../../../platform/platform';
import { leadAssignmentRules } from '../leads.tables';

/** Assignment rules as the managers edit them: tried in `position` order, first match wins. */

type RuleRow = typeof leadAssignmentRules.$inferSelect;

const EMPTY: RuleConditions = {
  grades: [],
  regions: [],
  industries: [],
  sources: [],
  companySizes: [],
  minScore: null,
  maxScore: null,
};

/** Stored conditions completed with empty lists, so older or partial rows read the same. */
function conditionsOf(row: RuleRow): RuleConditions {
  return { ...EMPTY, ...(row.conditions as Partial<RuleConditions>) };
}

async function present(tx: Tx, tenantId: string, rows: readonly RuleRow[]): Promise<AssignmentRule[]> {
  const names = new Map(
    (await tx.select({ id: teams.id, name: teams.name }).from(teams).where(eq(teams.tenantId, tenantId))).map(
      (t) => [t.id, t.name],
    ),
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    position: r.position,
    conditions: conditionsOf(r),
    teamId: r.teamId,
    teamName: names.get(r.teamId) ?? '',
    strategy: r.strategy as RoutingStrategy,
    seniorOnly: r.seniorOnly,
    active: r.active,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    version: r.version,
  }));
}

async function allRules(tx: Tx, tenantId: string): Promise<RuleRow[]> {
  return tx
    .select()
    .from(leadAssignmentRules)
    .where(eq(leadAssignmentRules.tenantId, tenantId))
    .orderBy(asc(leadAssignmentRules.position), asc(leadAssignmentRules.createdAt));
}

async function loadRule(tx: Tx, tenantId: string, id: string): Promise<RuleRow> {
  const [row] = await tx
    .select()
    .from(leadAssignmentRules)
    .where(and(eq(leadAssignmentRules.tenantId, tenantId), eq(leadAssignmentRules.id, id)))
    .for('update');
  if (!row) throw new AppError('not_found');
  return row;
}

async function validate(tx: Tx, tenantId: string, input: { teamId?: string; conditions?: RuleConditions }) {
  const c = input.conditions;
  if (c && c.minScore !== null && c.maxScore !== null && c.minScore > c.maxScore) {
    throw invalidFields({ path: 'conditions.minScore', code: 'min_above_max' });
  }
  if (input.teamId) {
    const [team] = await tx
      .select({ id: teams.id })
      .from(teams)
      .where(and(eq(teams.tenantId, tenantId), eq(teams.id, input.teamId)));
    if (!team) throw invalidFields({ path: 'teamId', code: 'unknown_team' });
  }
}

const AUDITED = ['name', 'position', 'conditions', 'teamId', 'strategy', 'seniorOnly', 'active'] as const;

export async function listRules(platform: Platform, actor: Actor): Promise<AssignmentRule[]> {
  return withTenant(platform.db, actor.tenantId, async (tx) =>
    present(tx, actor.tenantId, await allRules(tx, actor.tenantId)),
  );
}

export type RuleInput = {
  name: string;
  conditions: RuleConditions;
  teamId: string;
  strategy: RoutingStrategy;
  seniorOnly: boolean;
  active: boolean;
};

export async function createRule(
  platform: Platform,
  actor: Actor,
  input: RuleInput,
): Promise<AssignmentRule> {
  const tenantId = actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) => {
    await validate(tx, tenantId, input);
    const [last] = await tx
      .select({ max: sql<number | null>`max(${leadAssignmentRules.position})` })
      .from(leadAssignmentRules)
      .where(eq(leadAssignmentRules.tenantId, tenantId));
    const now = platform.clock.now();
    const [row] = await tx
      .insert(leadAssignmentRules)
      .values({
        tenantId,
        id: uuidv7(),
        ...input,
        position: (last?.max ?? -1) + 1,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!row) throw new AppError('internal');
    await writeAudit(tx, actor, {
      entity: 'lead_assignment_rule',
      entityId: row.id,
      action: 'create',
      changes: changesBetween(null, row, AUDITED),
    });
    return (await present(tx, tenantId, [row]))[0] as AssignmentRule;
  });
}

export async function updateRule(
  platform: Platform,
  actor: Actor,
  id: string,
  expectedVersion: number | null,
  input: Partial<RuleInput>,
): Promise<AssignmentRule> {
  const tenantId = actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) => {
    const before = await loadRule(tx, tenantId, id);
    if (expectedVersion !== null && before.version !== expectedVersion)
      throw new AppError('version_conflict');
    await validate(tx, tenantId, input);
    const set: Partial<RuleRow> = {};
    for (const field of ['name', 'conditions', 'teamId', 'strategy', 'seniorOnly', 'active'] as const) {
      if (input[field] !== undefined) Object.assign(set, { [field]: input[field] });
    }
    const [after] = await tx
      .update(leadAssignmentRules)
      .set({ ...set, version: before.version + 1, updatedAt: platform.clock.now() })
      .where(and(eq(leadAssignmentRules.tenantId, tenantId), eq(leadAssignmentRules.id, id)))
      .returning();
    if (!after) throw new AppError('internal');
    await writeAudit(tx, actor, {
      entity: 'lead_assignment_rule',
      entityId: id,
      action: 'update',
      changes: changesBetween(before, after, AUDITED),
    });
    return (await present(tx, tenantId, [after]))[0] as AssignmentRule;
  });
}

export async function deleteRule(platform: Platform, actor: Actor, id: string): Promise<void> {
  const tenantId = actor.tenantId;
  await withTenant(platform.db, tenantId, async (tx) => {
    const before = await loadRule(tx, tenantId, id);
    await tx
      .delete(leadAssignmentRules)
      .where(and(eq(leadAssignmentRules.tenantId, tenantId), eq(leadAssignmentRules.id, id)));
    await writeAudit(tx, actor, {
      entity: 'lead_assignment_rule',
      entityId: id,
      action: 'delete',
      changes: changesBetween(before, null, AUDITED),
    });
  });
}

/** Positions follow the given order; the list must name every rule once, so no rule is lost or doubled. */
export async function reorderRules(
  platform: Platform,
  actor: Actor,
  ids: readonly string[],
): Promise<AssignmentRule[]> {
  const tenantId = actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) => {
    const rows = await tx
      .select()
      .from(leadAssignmentRules)
      .where(eq(leadAssignmentRules.tenantId, tenantId))
      .orderBy(asc(leadAssignmentRules.position), asc(leadAssignmentRules.createdAt))
      .for('update');
    const known = new Set(rows.map((r) => r.id));
    if (new Set(ids).size !== ids.length || ids.length !== rows.length || ids.some((id) => !known.has(id))) {
      throw invalidFields({ path: 'ids', code: 'order_mismatch' });
    }
    const before = rows.map((r) => r.id);
    const now = platform.clock.now();
    for (const [position, id] of ids.entries()) {
      const row = rows.find((r) => r.id === id);
      if (!row || row.position === position) continue;
      await tx
        .update(leadAssignmentRules)
        .set({ position, version: row.version + 1, updatedAt: now })
        .where(and(eq(leadAssignmentRules.tenantId, tenantId), eq(leadAssignmentRules.id, id)));
    }
    await writeAudit(tx, actor, {
      entity: 'lead_assignment_rule',
      entityId: null,
      action: 'reorder',
      changes: { order: { from: before, to: ids } },
    });
    return present(tx, tenantId, await allRules(tx, tenantId));
  });
}
