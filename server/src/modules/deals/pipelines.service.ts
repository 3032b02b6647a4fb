import type { Locale } from '@contracts/common';
import {
  type LossReason,
  type Pipeline,
  PipelineRules,
  type Stage,
  StageGate,
  type StageInput,
} from '@contracts/pipelines.contract';
import { and, asc, eq, inArray, isNull, ne, notInArray, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { type Actor, changesBetween, writeAudit } from '../../platform/audit';
import type { Tx } from '../../platform/db/database';
import { tenants } from '../../platform/db/identity.tables';
import { withTenant } from '../../platform/db/tenancy';
import { AppError, invalidFields } from '../../platform/http/errors';
import type { Platform } from '../../platform/platform';
import {
  dealLossReasons,
  dealSettings,
  dealStageHistory,
  deals,
  pipelineStages,
  pipelines,
} from './deals.tables';
import { LOSS_REASON_TEMPLATES, PIPELINE_TEMPLATES } from './pipeline-templates';

/**
 * Pipelines, their stages and gates, the company's loss reasons and pipeline rules. A company gets the two
 * template pipelines and the default loss reasons the first time anything asks for its pipelines; deals that
 * existed before (converted leads) are put in the new-customer pipeline then.
 */

export type PipelineRow = typeof pipelines.$inferSelect;
export type StageRow = typeof pipelineStages.$inferSelect;
export type ConfigCaller = { actor: Actor; locale: Locale };

export const DEFAULT_PIPELINE_RULES: PipelineRules = { proposalGraceDays: 3 };

/**
 * Sets up the templates once per company, named in the company's default language; cheap (one indexed probe)
 * once they exist.
 */
export async function ensurePipelines(tx: Tx, tenantId: string): Promise<void> {
  const [any] = await tx
    .select({ id: pipelines.id })
    .from(pipelines)
    .where(eq(pipelines.tenantId, tenantId))
    .limit(1);
  if (any) return;
  const [tenant] = await tx
    .select({ locale: tenants.defaultLocale })
    .from(tenants)
    .where(eq(tenants.tenantId, tenantId));
  const locale: Locale = tenant?.locale === 'en-US' ? 'en-US' : 'zh-CN';
  const now = new Date();
  for (const [position, template] of PIPELINE_TEMPLATES.entries()) {
    // A concurrent first request inserts the same names: the unique index makes the second one a no-op.
    const [created] = await tx
      .insert(pipelines)
      .values({
        tenantId,
        id: uuidv7(),
        name: template.name[locale],
        kind: template.kind,
        position,
        isDefault: true,
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing()
      .returning();
    if (!created) return;
    await tx.insert(pipelineStages).values(
      template.stages.map((s, i) => ({
        tenantId,
        id: uuidv7(),
        pipelineId: created.id,
        name: s.name[locale],
        position: i,
        probability: s.probability,
        forecastCategory: s.forecastCategory,
        agingDays: s.agingDays,
        gates: s.gates,
        createdAt: now,
        updatedAt: now,
      })),
    );
  }
  await tx
    .insert(dealLossReasons)
    .values(
      LOSS_REASON_TEMPLATES.map((name, position) => ({
        tenantId,
        id: uuidv7(),
        name: name[locale],
        position,
        createdAt: now,
        updatedAt: now,
      })),
    )
    .onConflictDoNothing();
  await placeUnstagedDeals(tx, tenantId);
}

/** Deals from before pipelines existed go to the new-customer pipeline: open ones to its first stage. */
async function placeUnstagedDeals(tx: Tx, tenantId: string): Promise<void> {
  const target = await defaultPipeline(tx, tenantId, 'new_customer');
  const first = target?.stages[0];
  const last = target?.stages.at(-1);
  if (!target || !first || !last) return;
  await tx.execute(sql`
    UPDATE ${deals} SET pipeline_id = ${target.pipeline.id},
      stage_id = CASE WHEN status = 'open' THEN ${first.id}::uuid ELSE ${last.id}::uuid END,
      stage_entered_at = coalesce(closed_at, created_at),
      probability = CASE WHEN status = 'won' THEN 100 WHEN status = 'lost' THEN 0 ELSE ${first.probability} END
    WHERE tenant_id = ${tenantId} AND pipeline_id IS NULL`);
  await tx.execute(sql`
    INSERT INTO ${dealStageHistory} (tenant_id, id, deal_id, pipeline_id, stage_id, status, entered_at)
    SELECT d.tenant_id, gen_random_uuid(), d.id, d.pipeline_id, d.stage_id, d.status, d.stage_entered_at
    FROM ${deals} d
    WHERE d.tenant_id = ${tenantId} AND d.pipeline_id = ${target.pipeline.id}
      AND NOT EXISTS (SELECT 1 FROM ${dealStageHistory} h WHERE h.tenant_id = d.tenant_id AND h.deal_id = d.id)`);
}

export async function stagesOf(
  tx: Tx,
  tenantId: string,
  pipelineIds: readonly string[],
): Promise<StageRow[]> {
  if (pipelineIds.length === 0) return [];
  return tx
    .select()
    .from(pipelineStages)
    .where(and(eq(pipelineStages.tenantId, tenantId), inArray(pipelineStages.pipelineId, [...pipelineIds])))
    .orderBy(asc(pipelineStages.pipelineId), asc(pipelineStages.position));
}

export type PipelineWithStages = { pipeline: PipelineRow; stages: StageRow[] };

export async function pipelineWithStages(
  tx: Tx,
  tenantId: string,
  id: string,
): Promise<PipelineWithStages | null> {
  // Both at once (the connection pipelines them); the stages are simply dropped when there is no such pipeline.
  const [[pipeline], stages] = await Promise.all([
    tx
      .select()
      .from(pipelines)
      .where(and(eq(pipelines.tenantId, tenantId), eq(pipelines.id, id))),
    stagesOf(tx, tenantId, [id]),
  ]);
  if (!pipeline) return null;
  return { pipeline, stages };
}

/** The company's default pipeline of a kind (or its first active one). */
export async function defaultPipeline(
  tx: Tx,
  tenantId: string,
  kind: 'new_customer' | 'existing_customer',
): Promise<PipelineWithStages | null> {
  const [pipeline] = await tx
    .select()
    .from(pipelines)
    .where(and(eq(pipelines.tenantId, tenantId), isNull(pipelines.archivedAt)))
    .orderBy(
      sql`(${pipelines.kind} = ${kind} AND ${pipelines.isDefault}) DESC`,
      sql`(${pipelines.kind} = ${kind}) DESC`,
      asc(pipelines.position),
    )
    .limit(1);
  if (!pipeline) return null;
  return { pipeline, stages: await stagesOf(tx, tenantId, [pipeline.id]) };
}

export function presentStage(row: StageRow): Stage {
  const gates = StageGate.array().safeParse(row.gates);
  return {
    id: row.id,
    name: row.name,
    position: row.position,
    probability: row.probability,
    forecastCategory: row.forecastCategory as Stage['forecastCategory'],
    agingDays: row.agingDays,
    gates: gates.success ? gates.data : [],
  };
}

function presentPipeline(row: PipelineRow, stages: readonly StageRow[]): Pipeline {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind as Pipeline['kind'],
    position: row.position,
    isDefault: row.isDefault,
    archived: row.archivedAt !== null,
    stages: stages.filter((s) => s.pipelineId === row.id).map(presentStage),
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
  };
}

export async function list(
  platform: Platform,
  caller: ConfigCaller,
  query: { archived?: boolean | undefined },
): Promise<{ items: Pipeline[] }> {
  const tenantId = caller.actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) => {
    await ensurePipelines(tx, tenantId);
    const rows = await tx
      .select()
      .from(pipelines)
      .where(
        and(
          eq(pipelines.tenantId, tenantId),
          query.archived === undefined
            ? isNull(pipelines.archivedAt)
            : query.archived
              ? sql`${pipelines.archivedAt} IS NOT NULL`
              : isNull(pipelines.archivedAt),
        ),
      )
      .orderBy(asc(pipelines.position), asc(pipelines.createdAt));
    const stages = await stagesOf(
      tx,
      tenantId,
      rows.map((r) => r.id),
    );
    return { items: rows.map((r) => presentPipeline(r, stages)) };
  });
}

export async function get(platform: Platform, caller: ConfigCaller, id: string): Promise<Pipeline> {
  const tenantId = caller.actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) => {
    const found = await pipelineWithStages(tx, tenantId, id);
    if (!found) throw new AppError('not_found');
    return presentPipeline(found.pipeline, found.stages);
  });
}

type PipelineInput = { name: string; isDefault: boolean; stages: StageValues[] };
type StageValues = Required<Pick<StageInput, 'name' | 'probability'>> & {
  id?: string | undefined;
  forecastCategory: Stage['forecastCategory'];
  agingDays: number | null;
  gates: StageGate[];
};

async function assertNameFree(tx: Tx, tenantId: string, name: string, except?: string): Promise<void> {
  const [taken] = await tx
    .select({ id: pipelines.id })
    .from(pipelines)
    .where(
      and(
        eq(pipelines.tenantId, tenantId),
        sql`lower(${pipelines.name}) = lower(${name})`,
        except ? ne(pipelines.id, except) : undefined,
      ),
    );
  if (taken) throw new AppError('name_taken');
}

/** Only one default pipeline per kind: making one the default takes it from the others. */
async function takeDefault(tx: Tx, tenantId: string, kind: string, keep: string): Promise<void> {
  await tx
    .update(pipelines)
    .set({ isDefault: false })
    .where(
      and(
        eq(pipelines.tenantId, tenantId),
        eq(pipelines.kind, kind),
        ne(pipelines.id, keep),
        eq(pipelines.isDefault, true),
      ),
    );
}

export async function create(
  platform: Platform,
  caller: ConfigCaller,
  input: PipelineInput & { kind: Pipeline['kind'] },
): Promise<Pipeline> {
  const tenantId = caller.actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) => {
    await ensurePipelines(tx, tenantId);
    await assertNameFree(tx, tenantId, input.name);
    if (input.stages.some((s) => s.id)) throw invalidFields({ path: 'stages', code: 'invalid' });
    const now = new Date();
    const [{ max } = { max: -1 }] = await tx
      .select({ max: sql<number>`coalesce(max(${pipelines.position}), -1)::int` })
      .from(pipelines)
      .where(eq(pipelines.tenantId, tenantId));
    const [row] = await tx
      .insert(pipelines)
      .values({
        tenantId,
        id: uuidv7(),
        name: input.name,
        kind: input.kind,
        position: max + 1,
        isDefault: input.isDefault,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!row) throw new Error('pipeline insert returned nothing');
    if (input.isDefault) await takeDefault(tx, tenantId, input.kind, row.id);
    await tx.insert(pipelineStages).values(
      input.stages.map((s, i) => ({
        tenantId,
        id: uuidv7(),
        pipelineId: row.id,
        name: s.name,
        position: i,
        probability: s.probability,
        forecastCategory: s.forecastCategory,
        agingDays: s.agingDays,
        gates: s.gates,
        createdAt: now,
        updatedAt: now,
      })),
    );
    await writeAudit(tx, caller.actor, {
      entity: 'pipeline',
      entityId: row.id,
      action: 'create',
      changes: {
        name: { from: null, to: row.name },
        kind: { from: null, to: row.kind },
        stages: { from: null, to: input.stages.map((s) => s.name) },
      },
    });
    const stages = await stagesOf(tx, tenantId, [row.id]);
    return presentPipeline(row, stages);
  });
}

export async function update(
  platform: Platform,
  caller: ConfigCaller,
  id: string,
  expectedVersion: number | null,
  input: PipelineInput,
): Promise<Pipeline> {
  const tenantId = caller.actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) => {
    const [before] = await tx
      .select()
      .from(pipelines)
      .where(and(eq(pipelines.tenantId, tenantId), eq(pipelines.id, id)))
      .for('update');
    if (!before) throw new AppError('not_found');
    if (expectedVersion !== null && before.version !== expectedVersion)
      throw new AppError('version_conflict');
    await assertNameFree(tx, tenantId, input.name, id);
    const existing = await stagesOf(tx, tenantId, [id]);
    const existingIds = new Set(existing.map((s) => s.id));
    for (const [i, s] of input.stages.entries()) {
      if (s.id && !existingIds.has(s.id))
        throw invalidFields({ path: `stages.${i}.id`, code: 'stage_not_in_pipeline' });
    }
    const keptIds = input.stages.flatMap((s) => (s.id ? [s.id] : []));
    const removed = existing.filter((s) => !keptIds.includes(s.id));
    if (removed.length > 0) {
      // A stage any deal is or was in keeps its history: it cannot be removed, only renamed.
      const removedIds = removed.map((s) => s.id);
      const [used] = await tx
        .select({ id: dealStageHistory.stageId })
        .from(dealStageHistory)
        .where(and(eq(dealStageHistory.tenantId, tenantId), inArray(dealStageHistory.stageId, removedIds)))
        .limit(1);
      const [current] = await tx
        .select({ id: deals.stageId })
        .from(deals)
        .where(and(eq(deals.tenantId, tenantId), inArray(deals.stageId, removedIds)))
        .limit(1);
      const busy = used ?? current;
      if (busy) {
        const stage = removed.find((s) => s.id === busy.id);
        throw new AppError('in_use', {}, { stageId: busy.id, stageName: stage?.name ?? '' });
      }
      await tx
        .delete(pipelineStages)
        .where(and(eq(pipelineStages.tenantId, tenantId), inArray(pipelineStages.id, removedIds)));
    }
    const now = new Date();
    for (const [position, s] of input.stages.entries()) {
      const values = {
        name: s.name,
        position,
        probability: s.probability,
        forecastCategory: s.forecastCategory,
        agingDays: s.agingDays,
        gates: s.gates,
        updatedAt: now,
      };
      if (s.id) {
        await tx
          .update(pipelineStages)
          .set({ ...values, version: sql`${pipelineStages.version} + 1` })
          .where(and(eq(pipelineStages.tenantId, tenantId), eq(pipelineStages.id, s.id)));
      } else {
        await tx
          .insert(pipelineStages)
          .values({ tenantId, id: uuidv7(), pipelineId: id, createdAt: now, ...values });
      }
    }
    const [after] = await tx
      .update(pipelines)
      .set({ name: input.name, isDefault: input.isDefault, version: before.version + 1, updatedAt: now })
      .where(and(eq(pipelines.tenantId, tenantId), eq(pipelines.id, id)))
      .returning();
    if (!after) throw new Error('pipeline update returned nothing');
    if (input.isDefault) await takeDefault(tx, tenantId, after.kind, id);
    const stages = await stagesOf(tx, tenantId, [id]);
    await writeAudit(tx, caller.actor, {
      entity: 'pipeline',
      entityId: id,
      action: 'update',
      changes: {
        ...changesBetween(before, after, ['name', 'isDefault']),
        stages: {
          from: existing.map((s) => `${s.name} ${s.probability}%`),
          to: stages.map((s) => `${s.name} ${s.probability}%`),
        },
      },
    });
    return presentPipeline(after, stages);
  });
}

export async function archive(platform: Platform, caller: ConfigCaller, id: string): Promise<void> {
  const tenantId = caller.actor.tenantId;
  await withTenant(platform.db, tenantId, async (tx) => {
    const [before] = await tx
      .select()
      .from(pipelines)
      .where(and(eq(pipelines.tenantId, tenantId), eq(pipelines.id, id)))
      .for('update');
    if (!before) throw new AppError('not_found');
    if (before.archivedAt) return;
    const [open] = await tx
      .select({ id: deals.id })
      .from(deals)
      .where(and(eq(deals.tenantId, tenantId), eq(deals.pipelineId, id), eq(deals.status, 'open')))
      .limit(1);
    if (open) throw new AppError('in_use');
    await tx
      .update(pipelines)
      .set({ archivedAt: new Date(), isDefault: false, version: before.version + 1, updatedAt: new Date() })
      .where(and(eq(pipelines.tenantId, tenantId), eq(pipelines.id, id)));
    await writeAudit(tx, caller.actor, { entity: 'pipeline', entityId: id, action: 'archive', changes: {} });
  });
}

// Loss reasons ------------------------------------------------------------------------------------------

type LossReasonRow = typeof dealLossReasons.$inferSelect;

const presentReason = (r: LossReasonRow): LossReason => ({
  id: r.id,
  name: r.name,
  position: r.position,
  active: r.active,
});

export async function listLossReasons(
  platform: Platform,
  caller: ConfigCaller,
): Promise<{ items: LossReason[] }> {
  const tenantId = caller.actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) => {
    await ensurePipelines(tx, tenantId);
    const rows = await tx
      .select()
      .from(dealLossReasons)
      .where(eq(dealLossReasons.tenantId, tenantId))
      .orderBy(asc(dealLossReasons.position), asc(dealLossReasons.name));
    return { items: rows.map(presentReason) };
  });
}

async function assertReasonNameFree(tx: Tx, tenantId: string, name: string, except?: string): Promise<void> {
  const [taken] = await tx
    .select({ id: dealLossReasons.id })
    .from(dealLossReasons)
    .where(
      and(
        eq(dealLossReasons.tenantId, tenantId),
        sql`lower(${dealLossReasons.name}) = lower(${name})`,
        except ? notInArray(dealLossReasons.id, [except]) : undefined,
      ),
    );
  if (taken) throw new AppError('name_taken');
}

export async function createLossReason(
  platform: Platform,
  caller: ConfigCaller,
  input: { name: string; position?: number | undefined; active?: boolean | undefined },
): Promise<LossReason> {
  const tenantId = caller.actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) => {
    await ensurePipelines(tx, tenantId);
    await assertReasonNameFree(tx, tenantId, input.name);
    const now = new Date();
    const [row] = await tx
      .insert(dealLossReasons)
      .values({
        tenantId,
        id: uuidv7(),
        name: input.name,
        position: input.position ?? 100,
        active: input.active ?? true,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!row) throw new Error('loss reason insert returned nothing');
    await writeAudit(tx, caller.actor, {
      entity: 'deal_loss_reason',
      entityId: row.id,
      action: 'create',
      changes: { name: { from: null, to: row.name } },
    });
    return presentReason(row);
  });
}

export async function updateLossReason(
  platform: Platform,
  caller: ConfigCaller,
  id: string,
  input: { name?: string | undefined; position?: number | undefined; active?: boolean | undefined },
): Promise<LossReason> {
  const tenantId = caller.actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) => {
    const [before] = await tx
      .select()
      .from(dealLossReasons)
      .where(and(eq(dealLossReasons.tenantId, tenantId), eq(dealLossReasons.id, id)))
      .for('update');
    if (!before) throw new AppError('not_found');
    if (input.name !== undefined) await assertReasonNameFree(tx, tenantId, input.name, id);
    const [after] = await tx
      .update(dealLossReasons)
      .set({
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.position !== undefined ? { position: input.position } : {}),
        ...(input.active !== undefined ? { active: input.active } : {}),
        updatedAt: new Date(),
      })
      .where(and(eq(dealLossReasons.tenantId, tenantId), eq(dealLossReasons.id, id)))
      .returning();
    if (!after) throw new Error('loss reason update returned nothing');
    await writeAudit(tx, caller.actor, {
      entity: 'deal_loss_reason',
      entityId: id,
      action: 'update',
      changes: changesBetween(before, after, ['name', 'position', 'active']),
    });
    return presentReason(after);
  });
}

// Pipeline rules ----------------------------------------------------------------------------------------

export async function loadPipelineRules(
  tx: Tx,
  tenantId: string,
): Promise<{ rules: PipelineRules; version: number }> {
  const [row] = await tx.select().from(dealSettings).where(eq(dealSettings.tenantId, tenantId));
  if (!row) return { rules: DEFAULT_PIPELINE_RULES, version: 0 };
  const parsed = PipelineRules.safeParse({ ...DEFAULT_PIPELINE_RULES, ...(row.rules.pipeline as object) });
  return { rules: parsed.success ? parsed.data : DEFAULT_PIPELINE_RULES, version: row.version };
}

export async function getRules(platform: Platform, caller: ConfigCaller) {
  return withTenant(platform.db, caller.actor.tenantId, async (tx) => {
    const { rules, version } = await loadPipelineRules(tx, caller.actor.tenantId);
    return { ...rules, version };
  });
}

export async function updateRules(
  platform: Platform,
  caller: ConfigCaller,
  expectedVersion: number | null,
  rules: PipelineRules,
) {
  const tenantId = caller.actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) => {
    const before = await loadPipelineRules(tx, tenantId);
    if (expectedVersion !== null && before.version !== expectedVersion)
      throw new AppError('version_conflict');
    const now = new Date();
    const [row] = await tx
      .insert(dealSettings)
      .values({ tenantId, rules: { pipeline: rules }, createdAt: now, updatedAt: now })
      .onConflictDoUpdate({
        target: dealSettings.tenantId,
        set: {
          rules: sql`${dealSettings.rules} || jsonb_build_object('pipeline', ${JSON.stringify(rules)}::jsonb)`,
          version: sql`${dealSettings.version} + 1`,
          updatedAt: now,
        },
      })
      .returning();
    if (!row) throw new Error('deal settings upsert returned nothing');
    await writeAudit(tx, caller.actor, {
      entity: 'deal_settings',
      entityId: tenantId,
      action: 'update',
      changes: { pipeline: { from: before.rules, to: rules } },
    });
    return { ...rules, version: row.version };
  });
}
