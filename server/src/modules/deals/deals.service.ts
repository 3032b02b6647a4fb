import type { Locale } from '@contracts/common';
import type { DecisionRole } from '@contracts/customers.contract';
import { DECISION_ROLES } from '@contracts/customers.contract';
import type { Deal, DealContact, DealSummary } from '@contracts/deals.contract';
import type { UnmetGate } from '@contracts/pipelines.contract';
import { and, asc, eq, isNull, type SQL, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { type Actor, changesBetween, writeAudit } from '../../platform/audit';
import { queryRows, type Tx } from '../../platform/db/database';
import { teams, tenants, users } from '../../platform/db/identity.tables';
import { withTenant } from '../../platform/db/tenancy';
import { AppError, invalidFields } from '../../platform/http/errors';
import { decodeCursor, encodeCursor, pageFrom } from '../../platform/http/pagination';
import type { Platform } from '../../platform/platform';
import {
  contactCards,
  contacts,
  customers,
  namesOf,
  soleTeamOf,
  viewerOf,
  visibleCustomer,
} from '../customers';
import { type DealAccess, type DealCaller, dealFor } from './deal-access';
import { canSetDealOwner, type DealAbilities } from './deals.policy';
import {
  boardColumns,
  boardWhere,
  groupTotals,
  type ListDealsParams,
  listDealSummaries,
  presentSummary,
} from './deals.queries';
import {
  competitors,
  dealContacts,
  dealLossReasons,
  dealStageHistory,
  deals,
  pipelineStages,
  pipelines,
} from './deals.tables';
import { dealFacts, unmetGates } from './gates';
import {
  defaultPipeline,
  ensurePipelines,
  type PipelineWithStages,
  pipelineWithStages,
  type StageRow,
} from './pipelines.service';

/**
 * Deal use cases: create (from the API or a converted lead), edit, move through the pipeline with its gates,
 * win, lose, reopen, the deal's contacts with their roles, the board and summary, stage history. Every change
 * and its audit row commit together; a move also closes the stage-history entry it leaves.
 */

export type DealRow = typeof deals.$inferSelect;
export type DealApiCaller = DealCaller & { locale: Locale };

export type NewDeal = {
  name: string;
  customerId: string;
  contactId: string | null;
  amountMinor: number | null;
  currency: string;
  expectedCloseOn: string | null;
  source: string | null;
  campaignId: string | null;
  ownerId: string | null;
  teamId: string | null;
  /** Omitted: the company's default pipeline (existing-customer when the customer has won before). */
  pipelineId?: string;
  /** Omitted: the pipeline's first stage. */
  stageId?: string;
  /** What the deal opens with besides its fields (a renewal deal: the offer to make and the contract behind it). */
  nextStep?: string | null;
  notes?: string;
  /** When the deal was opened, if not now (demo data, tests on a moved clock). */
  createdAt?: Date;
};

async function hasWon(tx: Tx, tenantId: string, customerId: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: deals.id })
    .from(deals)
    .where(and(eq(deals.tenantId, tenantId), eq(deals.customerId, customerId), eq(deals.status, 'won')))
    .limit(1);
  return row !== undefined;
}

/** The pipeline and stage a new deal starts in; 400 naming the field for a wrong choice. */
async function placement(
  tx: Tx,
  tenantId: string,
  input: { customerId: string; pipelineId?: string | undefined; stageId?: string | undefined },
): Promise<{ target: PipelineWithStages; stage: StageRow }> {
  await ensurePipelines(tx, tenantId);
  let target: PipelineWithStages | null;
  if (input.pipelineId) {
    target = await pipelineWithStages(tx, tenantId, input.pipelineId);
    if (!target || target.pipeline.archivedAt)
      throw invalidFields({ path: 'pipelineId', code: 'unknown_pipeline' });
  } else {
    const kind = (await hasWon(tx, tenantId, input.customerId)) ? 'existing_customer' : 'new_customer';
    target = await defaultPipeline(tx, tenantId, kind);
  }
  if (!target) throw new Error('the company has no pipeline');
  const stage = input.stageId ? target.stages.find((s) => s.id === input.stageId) : target.stages[0];
  if (!stage) throw invalidFields({ path: 'stageId', code: 'stage_not_in_pipeline' });
  return { target, stage };
}

async function insertHistory(
  tx: Tx,
  actor: Actor,
  deal: { id: string; pipelineId: string; stageId: string },
  status: string,
  at: Date,
  note: string | null = null,
): Promise<void> {
  await tx
    .update(dealStageHistory)
    .set({ leftAt: at })
    .where(
      and(
        eq(dealStageHistory.tenantId, actor.tenantId),
        eq(dealStageHistory.dealId, deal.id),
        isNull(dealStageHistory.leftAt),
      ),
    );
  await tx.insert(dealStageHistory).values({
    tenantId: actor.tenantId,
    id: uuidv7(),
    dealId: deal.id,
    pipelineId: deal.pipelineId,
    stageId: deal.stageId,
    status,
    enteredAt: at,
    movedBy: actor.userId,
    note,
  });
}

/** Creates a deal in its pipeline's first stage (or the one given), with its first stage-history entry. */
export async function createDeal(tx: Tx, actor: Actor, input: NewDeal): Promise<DealRow> {
  const { pipelineId, stageId, ...fields } = input;
  const { target, stage } = await placement(tx, actor.tenantId, {
    customerId: input.customerId,
    pipelineId,
    stageId,
  });
  const at = input.createdAt ?? new Date();
  const [row] = await tx
    .insert(deals)
    .values({
      tenantId: actor.tenantId,
      id: uuidv7(),
      ...fields,
      pipelineId: target.pipeline.id,
      stageId: stage.id,
      stageEnteredAt: at,
      probability: stage.probability,
      forecastCategory: stage.forecastCategory,
      createdBy: actor.userId,
      createdAt: at,
      updatedAt: at,
    })
    .returning();
  if (!row) throw new Error('deal insert returned nothing');
  await insertHistory(
    tx,
    actor,
    { id: row.id, pipelineId: target.pipeline.id, stageId: stage.id },
    'open',
    at,
  );
  await writeAudit(tx, actor, {
    entity: 'deal',
    entityId: row.id,
    action: 'create',
    changes: changesBetween(null, row, [
      'name',
      'customerId',
      'amountMinor',
      'currency',
      'source',
      'ownerId',
      'stageId',
    ]),
  });
  return row;
}

/** A page of one customer's deals, newest first (the customer page lists them). */
export async function listCustomerDeals(
  tx: Tx,
  tenantId: string,
  customerId: string,
  page: { limit: number; cursor?: string | undefined },
): Promise<{ items: DealRow[]; nextCursor: string | null }> {
  let after: SQL | undefined;
  if (page.cursor) {
    const { value, id } = decodeCursor(page.cursor);
    after = sql`(${deals.createdAt}, ${deals.id}) < (${String(value)}::timestamptz, ${id}::uuid)`;
  }
  const rows = await tx
    .select()
    .from(deals)
    .where(and(eq(deals.tenantId, tenantId), eq(deals.customerId, customerId), after))
    .orderBy(sql`${deals.createdAt} desc`, sql`${deals.id} desc`)
    .limit(page.limit + 1);
  return pageFrom(rows, page.limit, (r) => encodeCursor(r.createdAt, r.id));
}

/**
 * Records that a deal was won or lost at `closedAt` without the API's checks (demo data and the retention
 * rules' tests; people close deals through win and lose).
 */
export async function closeDeal(
  tx: Tx,
  actor: Actor,
  dealId: string,
  outcome: { status: 'won' | 'lost'; closedAt: Date },
): Promise<DealRow> {
  const [before] = await tx
    .select()
    .from(deals)
    .where(and(eq(deals.tenantId, actor.tenantId), eq(deals.id, dealId)))
    .for('update');
  if (!before) throw new Error(`deal ${dealId} not found`);
  const row = await writeClose(tx, actor, before, {
    status: outcome.status,
    closedAt: outcome.closedAt,
    probability: outcome.status === 'won' ? 100 : 0,
  });
  return row;
}

async function writeClose(
  tx: Tx,
  actor: Actor,
  before: DealRow,
  change: Partial<DealRow> & { status: 'won' | 'lost'; closedAt: Date },
): Promise<DealRow> {
  const [row] = await tx
    .update(deals)
    .set({ ...change, forecastCategory: 'closed', version: before.version + 1, updatedAt: new Date() })
    .where(and(eq(deals.tenantId, actor.tenantId), eq(deals.id, before.id)))
    .returning();
  if (!row) throw new Error('deal update returned nothing');
  if (row.pipelineId && row.stageId) {
    await insertHistory(
      tx,
      actor,
      { id: row.id, pipelineId: row.pipelineId, stageId: row.stageId },
      change.status,
      change.closedAt,
      change.closeNote ?? null,
    );
  }
  await writeAudit(tx, actor, {
    entity: 'deal',
    entityId: row.id,
    action: change.status,
    changes: changesBetween(before, row, [
      'status',
      'closedAt',
      'amountMinor',
      'lossReasonId',
      'competitorId',
      'closeNote',
    ]),
  });
  return row;
}

// Presenting ---------------------------------------------------------------------------------------------

/** The deal's contacts with their names and titles, primary first, in one statement. */
async function loadContacts(tx: Tx, tenantId: string, dealId: string): Promise<DealContact[]> {
  const rows = await tx
    .select({ link: dealContacts, name: contacts.name, title: contacts.title })
    .from(dealContacts)
    .leftJoin(
      contacts,
      and(eq(contacts.tenantId, dealContacts.tenantId), eq(contacts.id, dealContacts.contactId)),
    )
    .where(and(eq(dealContacts.tenantId, tenantId), eq(dealContacts.dealId, dealId)))
    .orderBy(sql`${dealContacts.isPrimary} desc`, asc(dealContacts.createdAt));
  return rows.map((r) => ({
    contactId: r.link.contactId,
    name: r.name ?? '',
    title: r.title,
    role: r.link.role as DecisionRole | null,
    attitude: r.link.attitude as DealContact['attitude'],
    isPrimary: r.link.isPrimary,
    note: r.link.note,
  }));
}

type DealNames = {
  customer_name: string | null;
  owner_name: string | null;
  stage_name: string | null;
  aging_days: number | null;
  stage_probability: number | null;
  pipeline_name: string | null;
  team_name: string | null;
  loss_reason_name: string | null;
  competitor_name: string | null;
};

/**
 * One deal as its page and every single-deal answer (edit, move, win, lose) show it: the names it refers to in
 * one statement and its contacts in another, sent together. A move is answered with this, so it is kept to two.
 */
async function present(tx: Tx, row: DealRow, abilities: DealAbilities, now: Date): Promise<Deal> {
  const tenantId = row.tenantId;
  const nameOf = (table: SQL, id: string | null) =>
    sql`(SELECT x.name FROM ${table} x WHERE x.tenant_id = ${tenantId} AND x.id = ${id})`;
  const [names, contactsOf] = await Promise.all([
    queryRows<DealNames>(
      tx,
      sql`SELECT ${nameOf(sql`${customers}`, row.customerId)} AS customer_name,
          ${nameOf(sql`${users}`, row.ownerId)} AS owner_name,
          s.name AS stage_name, s.aging_days, s.probability AS stage_probability,
          ${nameOf(sql`${pipelines}`, row.pipelineId)} AS pipeline_name,
          ${nameOf(sql`${teams}`, row.teamId)} AS team_name,
          ${nameOf(sql`${dealLossReasons}`, row.lossReasonId)} AS loss_reason_name,
          ${nameOf(sql`${competitors}`, row.competitorId)} AS competitor_name
        FROM (SELECT 1) one
        LEFT JOIN ${pipelineStages} s ON s.tenant_id = ${tenantId} AND s.id = ${row.stageId}`,
    ),
    loadContacts(tx, tenantId, row.id),
  ]);
  const x = names[0];
  const lookups = {
    customers: new Map([[row.customerId, x?.customer_name ?? '']]),
    users: new Map(row.ownerId && x?.owner_name ? [[row.ownerId, x.owner_name]] : []),
    stages: new Map(
      row.stageId && x?.stage_name !== null && x?.stage_name !== undefined
        ? [[row.stageId, { name: x.stage_name, agingDays: x.aging_days }]]
        : [],
    ),
  };
  const summary: DealSummary = presentSummary(row, lookups, now);
  const held = new Set(contactsOf.map((c) => c.role));
  return {
    ...summary,
    pipelineName: x?.pipeline_name ?? null,
    contactId: row.contactId,
    probabilityOverridden:
      row.probabilityReason !== null && row.probability !== (x?.stage_probability ?? null),
    probabilityReason: row.probabilityReason,
    proposalDueOn: row.proposalDueOn,
    source: row.source,
    campaignId: row.campaignId,
    teamName: x?.team_name ?? null,
    notes: row.notes,
    lossReasonId: row.lossReasonId,
    lossReasonName: x?.loss_reason_name ?? null,
    competitorId: row.competitorId,
    competitorName: x?.competitor_name ?? null,
    closeNote: row.closeNote,
    daysInStage: row.stageEnteredAt
      ? Math.floor((now.getTime() - row.stageEnteredAt.getTime()) / 86_400_000)
      : null,
    agingDays: x?.aging_days ?? null,
    contacts: contactsOf,
    missingRoles: DECISION_ROLES.filter((r) => !held.has(r)),
    updatedAt: row.updatedAt.toISOString(),
    can: abilities,
  };
}

// API use cases ------------------------------------------------------------------------------------------

export async function list(platform: Platform, caller: DealApiCaller, params: ListDealsParams) {
  const tenantId = caller.actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) => {
    const access = await viewerOf(tx, caller);
    return listDealSummaries(tx, tenantId, access, params, platform.clock.now());
  });
}

export async function get(platform: Platform, caller: DealApiCaller, id: string): Promise<Deal> {
  return withTenant(platform.db, caller.actor.tenantId, async (tx) => {
    const access = await dealFor(tx, caller, id, 'read');
    return present(tx, access.deal, access.abilities, platform.clock.now());
  });
}

async function tenantCurrency(tx: Tx, tenantId: string): Promise<string> {
  const [row] = await tx
    .select({ currency: tenants.currency })
    .from(tenants)
    .where(eq(tenants.tenantId, tenantId));
  return row?.currency ?? 'CNY';
}

type ContactInput = {
  contactId: string;
  role: DecisionRole | null;
  attitude: DealContact['attitude'];
  isPrimary: boolean;
  note: string;
};

async function writeContacts(
  tx: Tx,
  tenantId: string,
  dealId: string,
  customerId: string,
  input: readonly ContactInput[],
  path = 'contacts',
): Promise<void> {
  const cards = await contactCards(
    tx,
    tenantId,
    input.map((c) => c.contactId),
  );
  const seen = new Set<string>();
  for (const [i, c] of input.entries()) {
    const card = cards.get(c.contactId);
    if (!card) throw invalidFields({ path: `${path}.${i}.contactId`, code: 'unknown_record' });
    if (card.customerId !== customerId) {
      throw invalidFields({ path: `${path}.${i}.contactId`, code: 'contact_other_customer' });
    }
    if (seen.has(c.contactId))
      throw invalidFields({ path: `${path}.${i}.contactId`, code: 'duplicate_contact' });
    seen.add(c.contactId);
  }
  await tx
    .delete(dealContacts)
    .where(and(eq(dealContacts.tenantId, tenantId), eq(dealContacts.dealId, dealId)));
  if (input.length > 0) {
    await tx.insert(dealContacts).values(input.map((c) => ({ tenantId, dealId, ...c })));
  }
}

function checkProbability(
  probability: number | null | undefined,
  reason: string | null | undefined,
  stageDefault: number | null,
): void {
  if (probability === undefined || probability === null || probability === stageDefault) return;
  if (!reason) throw invalidFields({ path: 'probabilityReason', code: 'probability_reason_required' });
}

export type CreateDealInput = {
  name: string;
  customerId: string;
  pipelineId?: string | undefined;
  stageId?: string | undefined;
  source?: string | null | undefined;
  contacts?: ContactInput[] | undefined;
  contactId?: string | null | undefined;
  amountMinor?: number | null | undefined;
  currency?: string | undefined;
  expectedCloseOn?: string | null | undefined;
  probability?: number | null | undefined;
  probabilityReason?: string | null | undefined;
  forecastCategory?: 'pipeline' | 'best_case' | 'commit' | 'omitted' | undefined;
  nextStep?: string | null | undefined;
  nextStepOn?: string | null | undefined;
  proposalDueOn?: string | null | undefined;
  notes?: string | undefined;
  ownerId?: string | null | undefined;
  teamId?: string | null | undefined;
};

export async function create(
  platform: Platform,
  caller: DealApiCaller,
  input: CreateDealInput,
): Promise<Deal> {
  const tenantId = caller.actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) => {
    const viewer = await viewerOf(tx, caller);
    await visibleCustomer(tx, viewer, tenantId, input.customerId).catch((error: unknown) => {
      if (error instanceof AppError && error.code === 'not_found') {
        throw invalidFields({ path: 'customerId', code: 'unknown_customer' });
      }
      throw error;
    });
    const ownerId = input.ownerId === undefined ? caller.actor.userId : input.ownerId;
    if (!canSetDealOwner(viewer, ownerId)) throw new AppError('forbidden');
    if (input.contactId) {
      const cards = await contactCards(tx, tenantId, [input.contactId]);
      if (cards.get(input.contactId)?.customerId !== input.customerId) {
        throw invalidFields({ path: 'contactId', code: 'contact_other_customer' });
      }
    }
    const { target, stage } = await placement(tx, tenantId, input);
    checkProbability(input.probability, input.probabilityReason, stage.probability);
    const row = await createDeal(tx, caller.actor, {
      name: input.name,
      customerId: input.customerId,
      contactId: input.contactId ?? null,
      amountMinor: input.amountMinor ?? null,
      currency: input.currency ?? (await tenantCurrency(tx, tenantId)),
      expectedCloseOn: input.expectedCloseOn ?? null,
      source: input.source ?? null,
      campaignId: null,
      ownerId,
      teamId: input.teamId === undefined ? await soleTeamOf(tx, tenantId, ownerId) : input.teamId,
      pipelineId: target.pipeline.id,
      stageId: stage.id,
      createdAt: platform.clock.now(),
    });
    const extra: Partial<DealRow> = {};
    if (input.probability !== undefined && input.probability !== null) {
      extra.probability = input.probability;
      extra.probabilityReason = input.probabilityReason ?? null;
    }
    if (input.forecastCategory) extra.forecastCategory = input.forecastCategory;
    if (input.nextStep !== undefined) extra.nextStep = input.nextStep;
    if (input.nextStepOn !== undefined) extra.nextStepOn = input.nextStepOn;
    if (input.proposalDueOn !== undefined) extra.proposalDueOn = input.proposalDueOn;
    if (input.notes !== undefined) extra.notes = input.notes;
    let saved = row;
    if (Object.keys(extra).length > 0) {
      const [updated] = await tx
        .update(deals)
        .set(extra)
        .where(and(eq(deals.tenantId, tenantId), eq(deals.id, row.id)))
        .returning();
      if (updated) saved = updated;
    }
    if (input.contacts) await writeContacts(tx, tenantId, row.id, row.customerId, input.contacts);
    const access = await dealFor(tx, caller, row.id, 'read', { viewer });
    return present(tx, saved, access.abilities, platform.clock.now());
  });
}

export type UpdateDealInput = Omit<
  CreateDealInput,
  'name' | 'customerId' | 'pipelineId' | 'stageId' | 'source' | 'contacts'
> & {
  name?: string | undefined;
};

/** Fields a closed deal still takes (what was learnt after it closed). */
const CLOSED_EDITABLE = new Set(['notes']);

export async function update(
  platform: Platform,
  caller: DealApiCaller,
  id: string,
  expectedVersion: number | null,
  input: UpdateDealInput,
): Promise<Deal> {
  const tenantId = caller.actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) => {
    const access = await dealFor(tx, caller, id, 'edit', { lock: true });
    const before = access.deal;
    if (expectedVersion !== null && before.version !== expectedVersion)
      throw new AppError('version_conflict');
    const given = Object.entries(input).filter(([, v]) => v !== undefined);
    if (before.status !== 'open' && given.some(([k]) => !CLOSED_EDITABLE.has(k)))
      throw new AppError('deal_closed');
    const set: Partial<DealRow> = {};
    for (const [key, value] of given) (set as Record<string, unknown>)[key] = value;
    if (input.ownerId !== undefined && input.ownerId !== before.ownerId) {
      if (!access.abilities.assign && input.ownerId !== caller.actor.userId) throw new AppError('forbidden');
      if (input.teamId === undefined) set.teamId = await soleTeamOf(tx, tenantId, input.ownerId);
    }
    if (input.contactId) {
      const cards = await contactCards(tx, tenantId, [input.contactId]);
      if (cards.get(input.contactId)?.customerId !== before.customerId) {
        throw invalidFields({ path: 'contactId', code: 'contact_other_customer' });
      }
    }
    if (input.probability !== undefined) {
      const [stage] = before.stageId
        ? await tx
            .select({ probability: pipelineStages.probability })
            .from(pipelineStages)
            .where(and(eq(pipelineStages.tenantId, tenantId), eq(pipelineStages.id, before.stageId)))
        : [];
      const stageDefault = stage?.probability ?? null;
      checkProbability(input.probability, input.probabilityReason, stageDefault);
      if (input.probability === null || input.probability === stageDefault) {
        set.probability = stageDefault;
        set.probabilityReason = null;
      }
    }
    if (input.proposalDueOn !== undefined && input.proposalDueOn !== before.proposalDueOn)
      set.agingAlertedAt = null;
    const [after] = await tx
      .update(deals)
      .set({ ...set, version: before.version + 1, updatedAt: new Date() })
      .where(and(eq(deals.tenantId, tenantId), eq(deals.id, id)))
      .returning();
    if (!after) throw new Error('deal update returned nothing');
    await writeAudit(tx, caller.actor, {
      entity: 'deal',
      entityId: id,
      action: 'update',
      changes: changesBetween(before, after, [
        'name',
        'contactId',
        'amountMinor',
        'currency',
        'expectedCloseOn',
        'probability',
        'probabilityReason',
        'forecastCategory',
        'nextStep',
        'nextStepOn',
        'proposalDueOn',
        'notes',
        'ownerId',
        'teamId',
      ]),
    });
    return present(tx, after, access.abilities, platform.clock.now());
  });
}

export async function remove(platform: Platform, caller: DealApiCaller, id: string): Promise<void> {
  const tenantId = caller.actor.tenantId;
  await withTenant(platform.db, tenantId, async (tx) => {
    const access = await dealFor(tx, caller, id, 'delete', { lock: true });
    try {
      await tx.transaction(async (sp) => {
        await sp.delete(deals).where(and(eq(deals.tenantId, tenantId), eq(deals.id, id)));
      });
    } catch (error) {
      // A lead converted into it (or a record of a later module) still points here.
      if ((error as { cause?: { code?: string } }).cause?.code === '23503') throw new AppError('in_use');
      throw error;
    }
    await writeAudit(tx, caller.actor, {
      entity: 'deal',
      entityId: id,
      action: 'delete',
      changes: changesBetween(access.deal, null, ['name', 'customerId', 'amountMinor', 'status']),
    });
  });
}

/** Stages of the deal's pipeline, the current one and the target one. */
async function route(tx: Tx, tenantId: string, pipelineId: string, stageId: string, path = 'stageId') {
  const target = await pipelineWithStages(tx, tenantId, pipelineId);
  if (!target) throw invalidFields({ path: 'pipelineId', code: 'unknown_pipeline' });
  const stage = target.stages.find((s) => s.id === stageId);
  if (!stage) throw invalidFields({ path, code: 'stage_not_in_pipeline' });
  return { target, stage };
}

function gateBlocked(unmet: UnmetGate[], locale: Locale): AppError {
  const first = unmet[0];
  return new AppError(
    'gate_blocked',
    {
      stage: first?.stageName ?? '',
      unmet: unmet.map((u) => u.message).join(locale === 'zh-CN' ? '；' : '; '),
    },
    { unmet },
  );
}

async function gatesBetween(
  tx: Tx,
  access: DealAccess,
  leaving: readonly StageRow[],
  locale: Locale,
  now: Date,
): Promise<UnmetGate[]> {
  if (leaving.length === 0) return [];
  const facts = await dealFacts(tx, access.deal.tenantId, access.deal.id, now);
  return unmetGates(leaving, facts, locale);
}

/** Stages a deal leaves going forward from `from` to `to` (exclusive), or to the end when `to` is null. */
function leavingStages(stages: readonly StageRow[], fromId: string | null, to: StageRow | null): StageRow[] {
  const from = stages.find((s) => s.id === fromId);
  if (!from) return [];
  return stages.filter((s) => s.position >= from.position && (to === null || s.position < to.position));
}

export async function move(
  platform: Platform,
  caller: DealApiCaller,
  id: string,
  expectedVersion: number | null,
  input: { stageId: string; pipelineId?: string | undefined; note?: string | undefined },
): Promise<Deal> {
  const tenantId = caller.actor.tenantId;
  const now = platform.clock.now();
  // No ensurePipelines: a stage to move to comes from a pipeline that exists (else unknown_pipeline).
  return withTenant(platform.db, tenantId, async (tx) => {
    const access = await dealFor(tx, caller, id, 'edit', { lock: true });
    const before = access.deal;
    if (before.status !== 'open') throw new AppError('deal_closed');
    if (expectedVersion !== null && before.version !== expectedVersion)
      throw new AppError('version_conflict');
    const pipelineId = input.pipelineId ?? before.pipelineId;
    if (!pipelineId) throw invalidFields({ path: 'pipelineId', code: 'unknown_pipeline' });
    const { target, stage } = await route(tx, tenantId, pipelineId, input.stageId);
    if (target.pipeline.archivedAt) throw invalidFields({ path: 'pipelineId', code: 'unknown_pipeline' });
    if (stage.id === before.stageId) return present(tx, before, access.abilities, now);
    if (pipelineId === before.pipelineId) {
      const unmet = await gatesBetween(
        tx,
        access,
        leavingStages(target.stages, before.stageId, stage),
        caller.locale,
        now,
      );
      if (unmet.length > 0) throw gateBlocked(unmet, caller.locale);
    }
    const [after] = await tx
      .update(deals)
      .set({
        pipelineId,
        stageId: stage.id,
        stageEnteredAt: now,
        probability: stage.probability,
        probabilityReason: null,
        forecastCategory: before.forecastCategory === 'omitted' ? 'omitted' : stage.forecastCategory,
        agingAlertedAt: null,
        version: before.version + 1,
        updatedAt: now,
      })
      .where(and(eq(deals.tenantId, tenantId), eq(deals.id, id)))
      .returning();
    if (!after) throw new Error('deal update returned nothing');
    await insertHistory(
      tx,
      caller.actor,
      { id, pipelineId, stageId: stage.id },
      'open',
      now,
      input.note ?? null,
    );
    await writeAudit(tx, caller.actor, {
      entity: 'deal',
      entityId: id,
      action: 'move',
      changes: {
        ...changesBetween(before, after, ['pipelineId', 'stageId', 'probability', 'forecastCategory']),
        ...(input.note ? { note: { from: null, to: input.note } } : {}),
      },
    });
    return present(tx, after, access.abilities, now);
  });
}

export async function checkGates(
  platform: Platform,
  caller: DealApiCaller,
  id: string,
  stageId: string | undefined,
): Promise<{ unmet: UnmetGate[] }> {
  const tenantId = caller.actor.tenantId;
  const now = platform.clock.now();
  return withTenant(platform.db, tenantId, async (tx) => {
    const access = await dealFor(tx, caller, id, 'read');
    const { pipelineId, stageId: current } = access.deal;
    if (!pipelineId) return { unmet: [] };
    const target = await pipelineWithStages(tx, tenantId, pipelineId);
    if (!target) return { unmet: [] };
    let to: StageRow | null = null;
    if (stageId) {
      to = target.stages.find((s) => s.id === stageId) ?? null;
      if (!to) throw invalidFields({ path: 'stageId', code: 'stage_not_in_pipeline' });
    }
    return {
      unmet: await gatesBetween(tx, access, leavingStages(target.stages, current, to), caller.locale, now),
    };
  });
}

async function assertCompetitor(tx: Tx, tenantId: string, id: string | null | undefined): Promise<void> {
  if (!id) return;
  const [row] = await tx
    .select({ id: competitors.id })
    .from(competitors)
    .where(and(eq(competitors.tenantId, tenantId), eq(competitors.id, id)));
  if (!row) throw invalidFields({ path: 'competitorId', code: 'unknown_competitor' });
}

export async function win(
  platform: Platform,
  caller: DealApiCaller,
  id: string,
  expectedVersion: number | null,
  input: {
    amountMinor: number;
    currency?: string | undefined;
    closedOn?: string | undefined;
    competitorId?: string | null | undefined;
    closeNote?: string | undefined;
  },
): Promise<Deal> {
  const tenantId = caller.actor.tenantId;
  const now = platform.clock.now();
  return withTenant(platform.db, tenantId, async (tx) => {
    const access = await dealFor(tx, caller, id, 'edit', { lock: true });
    const before = access.deal;
    if (before.status !== 'open') throw new AppError('deal_closed');
    if (expectedVersion !== null && before.version !== expectedVersion)
      throw new AppError('version_conflict');
    await assertCompetitor(tx, tenantId, input.competitorId);
    // Winning moves past every remaining stage: their gates must hold, as for a move to the end.
    const target = before.pipelineId ? await pipelineWithStages(tx, tenantId, before.pipelineId) : null;
    if (target) {
      const unmet = await gatesBetween(
        tx,
        access,
        leavingStages(target.stages, before.stageId, null),
        caller.locale,
        now,
      );
      if (unmet.length > 0) throw gateBlocked(unmet, caller.locale);
    }
    const closedAt = input.closedOn ? new Date(`${input.closedOn}T00:00:00.000Z`) : now;
    const after = await writeClose(tx, caller.actor, before, {
      status: 'won',
      closedAt,
      amountMinor: input.amountMinor,
      currency: input.currency ?? before.currency,
      competitorId: input.competitorId ?? null,
      closeNote: input.closeNote ?? null,
      lossReasonId: null,
      probability: 100,
    });
    return present(tx, after, access.abilities, now);
  });
}

export async function lose(
  platform: Platform,
  caller: DealApiCaller,
  id: string,
  expectedVersion: number | null,
  input: { lossReasonId: string; competitorId?: string | null | undefined; closeNote?: string | undefined },
): Promise<Deal> {
  const tenantId = caller.actor.tenantId;
  const now = platform.clock.now();
  return withTenant(platform.db, tenantId, async (tx) => {
    const access = await dealFor(tx, caller, id, 'edit', { lock: true });
    const before = access.deal;
    if (before.status !== 'open') throw new AppError('deal_closed');
    if (expectedVersion !== null && before.version !== expectedVersion)
      throw new AppError('version_conflict');
    const [reason] = await tx
      .select({ id: dealLossReasons.id })
      .from(dealLossReasons)
      .where(
        and(
          eq(dealLossReasons.tenantId, tenantId),
          eq(dealLossReasons.id, input.lossReasonId),
          eq(dealLossReasons.active, true),
        ),
      );
    if (!reason) throw invalidFields({ path: 'lossReasonId', code: 'unknown_loss_reason' });
    await assertCompetitor(tx, tenantId, input.competitorId);
    const after = await writeClose(tx, caller.actor, before, {
      status: 'lost',
      closedAt: now,
      lossReasonId: input.lossReasonId,
      competitorId: input.competitorId ?? null,
      closeNote: input.closeNote ?? null,
      probability: 0,
    });
    return present(tx, after, access.abilities, now);
  });
}

export async function reopen(
  platform: Platform,
  caller: DealApiCaller,
  id: string,
  expectedVersion: number | null,
  input: { reason: string; stageId?: string | undefined },
): Promise<Deal> {
  const tenantId = caller.actor.tenantId;
  const now = platform.clock.now();
  return withTenant(platform.db, tenantId, async (tx) => {
    await ensurePipelines(tx, tenantId);
    const access = await dealFor(tx, caller, id, 'edit', { lock: true });
    const before = access.deal;
    if (before.status === 'open') throw new AppError('deal_not_closed');
    if (expectedVersion !== null && before.version !== expectedVersion)
      throw new AppError('version_conflict');
    const placed = before.pipelineId
      ? await route(tx, tenantId, before.pipelineId, input.stageId ?? before.stageId ?? '')
      : await placement(tx, tenantId, { customerId: before.customerId, stageId: input.stageId });
    const pipelineId = 'target' in placed ? placed.target.pipeline.id : before.pipelineId;
    const stage = placed.stage;
    const [after] = await tx
      .update(deals)
      .set({
        status: 'open',
        closedAt: null,
        pipelineId,
        stageId: stage.id,
        stageEnteredAt: now,
        probability: stage.probability,
        probabilityReason: null,
        forecastCategory: stage.forecastCategory,
        lossReasonId: null,
        agingAlertedAt: null,
        version: before.version + 1,
        updatedAt: now,
      })
      .where(and(eq(deals.tenantId, tenantId), eq(deals.id, id)))
      .returning();
    if (!after?.pipelineId) throw new Error('deal update returned nothing');
    await insertHistory(
      tx,
      caller.actor,
      { id, pipelineId: after.pipelineId, stageId: stage.id },
      'open',
      now,
      input.reason,
    );
    await writeAudit(tx, caller.actor, {
      entity: 'deal',
      entityId: id,
      action: 'reopen',
      changes: {
        ...changesBetween(before, after, ['status', 'stageId', 'closedAt', 'lossReasonId']),
        reason: { from: null, to: input.reason },
      },
    });
    return present(tx, after, access.abilities, now);
  });
}

export async function setContacts(
  platform: Platform,
  caller: DealApiCaller,
  id: string,
  contacts: ContactInput[],
): Promise<Deal> {
  const tenantId = caller.actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) => {
    const access = await dealFor(tx, caller, id, 'edit', { lock: true });
    const before = await loadContacts(tx, tenantId, id);
    await writeContacts(tx, tenantId, id, access.deal.customerId, contacts);
    const [after] = await tx
      .update(deals)
      .set({ version: access.deal.version + 1, updatedAt: new Date() })
      .where(and(eq(deals.tenantId, tenantId), eq(deals.id, id)))
      .returning();
    if (!after) throw new Error('deal update returned nothing');
    const describe = (list: readonly { contactId: string; role: string | null; attitude: string }[]) =>
      list.map((c) => `${c.contactId}:${c.role ?? '-'}:${c.attitude}`);
    await writeAudit(tx, caller.actor, {
      entity: 'deal',
      entityId: id,
      action: 'contacts',
      changes: { contacts: { from: describe(before), to: describe(contacts) } },
    });
    return present(tx, after, access.abilities, platform.clock.now());
  });
}

export async function history(platform: Platform, caller: DealApiCaller, id: string) {
  const tenantId = caller.actor.tenantId;
  const now = platform.clock.now();
  return withTenant(platform.db, tenantId, async (tx) => {
    await dealFor(tx, caller, id, 'read');
    const rows = await tx
      .select({ entry: dealStageHistory, stageName: pipelineStages.name })
      .from(dealStageHistory)
      .innerJoin(
        pipelineStages,
        and(
          eq(pipelineStages.tenantId, dealStageHistory.tenantId),
          eq(pipelineStages.id, dealStageHistory.stageId),
        ),
      )
      .where(and(eq(dealStageHistory.tenantId, tenantId), eq(dealStageHistory.dealId, id)))
      .orderBy(asc(dealStageHistory.enteredAt), asc(dealStageHistory.id));
    const people = await namesOf(
      tx,
      tenantId,
      rows.map((r) => r.entry.movedBy),
    );
    return {
      items: rows.map(({ entry, stageName }) => ({
        id: entry.id,
        pipelineId: entry.pipelineId,
        stageId: entry.stageId,
        stageName,
        status: entry.status as Deal['status'],
        enteredAt: entry.enteredAt.toISOString(),
        leftAt: entry.leftAt?.toISOString() ?? null,
        days: Math.floor(((entry.leftAt ?? now).getTime() - entry.enteredAt.getTime()) / 86_400_000),
        movedBy: entry.movedBy,
        movedByName: entry.movedBy ? (people.users.get(entry.movedBy) ?? null) : null,
        note: entry.note,
      })),
    };
  });
}

type BoardQuery = {
  q?: string | undefined;
  ownerId?: string | undefined;
  teamId?: string | undefined;
  closeMonth?: string | undefined;
  limit: number;
};

export async function board(
  platform: Platform,
  caller: DealApiCaller,
  pipelineId: string,
  query: BoardQuery,
) {
  const tenantId = caller.actor.tenantId;
  const now = platform.clock.now();
  // No ensurePipelines: the board is asked for by the id of a pipeline that exists (else not_found).
  return withTenant(platform.db, tenantId, async (tx) => {
    const target = await pipelineWithStages(tx, tenantId, pipelineId);
    if (!target) throw new AppError('not_found');
    const viewer = await viewerOf(tx, caller);
    const filter = { ...query, status: 'open' as const };
    const where = boardWhere(tenantId, viewer, pipelineId, filter, now);
    const totals = await groupTotals(tx, where, sql`${deals.stageId}`);
    const pages = await boardColumns(
      tx,
      tenantId,
      where,
      target.stages.map((s) => s.id),
      query.limit,
      now,
    );
    const columns = target.stages.map((stage) => {
      const t = totals.get(stage.id);
      const page = pages.get(stage.id);
      return {
        stageId: stage.id,
        count: t?.count ?? 0,
        totals: t?.totals ?? [],
        deals: page?.items ?? [],
        nextCursor: page?.nextCursor ?? null,
      };
    });
    return { pipelineId, columns };
  });
}

export async function summary(
  platform: Platform,
  caller: DealApiCaller,
  query: {
    pipelineId: string;
    ownerId?: string | undefined;
    teamId?: string | undefined;
    closeMonth?: string | undefined;
  },
) {
  const tenantId = caller.actor.tenantId;
  const now = platform.clock.now();
  return withTenant(platform.db, tenantId, async (tx) => {
    const target = await pipelineWithStages(tx, tenantId, query.pipelineId);
    if (!target) throw invalidFields({ path: 'pipelineId', code: 'unknown_pipeline' });
    const viewer = await viewerOf(tx, caller);
    const open = boardWhere(tenantId, viewer, query.pipelineId, { ...query, status: 'open' }, now);
    const all = boardWhere(tenantId, viewer, query.pipelineId, query, now);
    const [byStage, byForecast, byStatus] = await Promise.all([
      groupTotals(tx, open, sql`${deals.stageId}`),
      groupTotals(tx, open, sql`${deals.forecastCategory}`),
      groupTotals(tx, and(all, sql`${deals.status} <> 'open'`), sql`${deals.status}`),
    ]);
    const empty = { count: 0, totals: [] };
    return {
      byStage: target.stages.map((s) => ({ stageId: s.id, name: s.name, ...(byStage.get(s.id) ?? empty) })),
      byForecast: (['pipeline', 'best_case', 'commit', 'omitted'] as const).map((category) => ({
        category,
        ...(byForecast.get(category) ?? empty),
      })),
      won: byStatus.get('won') ?? empty,
      lost: byStatus.get('lost') ?? empty,
    };
  });
}
