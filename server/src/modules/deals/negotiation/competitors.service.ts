import type {
  Competitor,
  CompetitorInput,
  CompetitorPatch,
  CompetitorRecord,
  CurrencyAmount,
  DealCompetitor,
  DealCompetitorInput,
  DealCompetitorPatch,
} from '@contracts/deal-negotiation.contract';
import { and, asc, eq, inArray, isNull, ne, or, type SQL, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { z } from 'zod';
import { visibilityOf } from '../../../platform/access';
import { type Actor, changesBetween, writeAudit } from '../../../platform/audit';
import { queryRows, type Tx } from '../../../platform/db/database';
import { withTenant } from '../../../platform/db/tenancy';
import { AppError, invalidFields } from '../../../platform/http/errors';
import type { Platform } from '../../../platform/platform';
import { customerOpenToSql, viewerOf } from '../../customers';
import { type DealCaller, dealFor } from '../deal-access';
import type { DealViewer } from '../deals.policy';
import { competitors, dealCompetitors, deals } from '../deals.tables';

/**
 * Competitors (DOMAIN.md §4): the company's list with strengths, weaknesses and how we win (deals.configure
 * edits it, everyone reads), the competitors in each deal with our differentiation and their price there, and
 * the record against each: deals naming it (or lost to it) the caller sees, won and lost, with amounts.
 */

type CompetitorRow = typeof competitors.$inferSelect;
type DealCompetitorRow = typeof dealCompetitors.$inferSelect;
type CreateInput = z.output<typeof CompetitorInput>;
type PatchInput = Omit<z.output<typeof CompetitorPatch>, 'version'>;

const AUDITED = ['name', 'website', 'strengths', 'weaknesses', 'differentiation', 'active'] as const;
const DEAL_AUDITED = ['differentiation', 'priceMinor', 'note'] as const;

export function presentCompetitor(row: CompetitorRow): Competitor {
  return {
    id: row.id,
    name: row.name,
    website: row.website,
    strengths: row.strengths,
    weaknesses: row.weaknesses,
    differentiation: row.differentiation,
    active: row.active,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

export async function listCompetitors(
  platform: Platform,
  actor: Actor,
  query: { q?: string | undefined; includeInactive?: boolean | undefined },
): Promise<{ items: Competitor[] }> {
  const tenantId = actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) => {
    const q = query.q?.trim();
    const rows = await tx
      .select()
      .from(competitors)
      .where(
        and(
          eq(competitors.tenantId, tenantId),
          query.includeInactive ? undefined : eq(competitors.active, true),
          q ? sql`strpos(lower(${competitors.name}), lower(${q})) > 0` : undefined,
        ),
      )
      .orderBy(sql`lower(${competitors.name})`, asc(competitors.id))
      .limit(500);
    return { items: rows.map(presentCompetitor) };
  });
}

async function competitorRow(tx: Tx, tenantId: string, id: string, lock = false): Promise<CompetitorRow> {
  const query = tx
    .select()
    .from(competitors)
    .where(and(eq(competitors.tenantId, tenantId), eq(competitors.id, id)));
  const [row] = await (lock ? query.for('update') : query);
  if (!row) throw new AppError('not_found');
  return row;
}

export async function getCompetitor(platform: Platform, actor: Actor, id: string): Promise<Competitor> {
  return withTenant(platform.db, actor.tenantId, async (tx) =>
    presentCompetitor(await competitorRow(tx, actor.tenantId, id)),
  );
}

async function assertNameFree(tx: Tx, tenantId: string, name: string, exceptId?: string): Promise<void> {
  const [taken] = await tx
    .select({ id: competitors.id })
    .from(competitors)
    .where(
      and(
        eq(competitors.tenantId, tenantId),
        sql`lower(${competitors.name}) = lower(${name})`,
        exceptId ? ne(competitors.id, exceptId) : undefined,
      ),
    );
  if (taken) throw new AppError('name_taken');
}

export async function createCompetitor(
  platform: Platform,
  actor: Actor,
  input: CreateInput,
): Promise<Competitor> {
  return withTenant(platform.db, actor.tenantId, async (tx) => {
    await assertNameFree(tx, actor.tenantId, input.name);
    const now = platform.clock.now();
    const [row] = await tx
      .insert(competitors)
      .values({ tenantId: actor.tenantId, id: uuidv7(), ...input, createdAt: now, updatedAt: now })
      .returning();
    if (!row) throw new AppError('internal');
    await writeAudit(tx, actor, {
      entity: 'competitor',
      entityId: row.id,
      action: 'create',
      changes: changesBetween(null, row, AUDITED),
    });
    return presentCompetitor(row);
  });
}

export async function updateCompetitor(
  platform: Platform,
  actor: Actor,
  id: string,
  expectedVersion: number | null,
  input: PatchInput,
): Promise<Competitor> {
  const tenantId = actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) => {
    const before = await competitorRow(tx, tenantId, id, true);
    if (expectedVersion !== null && before.version !== expectedVersion)
      throw new AppError('version_conflict');
    if (input.name !== undefined && input.name !== before.name) {
      await assertNameFree(tx, tenantId, input.name, id);
    }
    const set = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
    const [after] = await tx
      .update(competitors)
      .set({ ...set, version: before.version + 1, updatedAt: platform.clock.now() })
      .where(and(eq(competitors.tenantId, tenantId), eq(competitors.id, id)))
      .returning();
    if (!after) throw new AppError('not_found');
    await writeAudit(tx, actor, {
      entity: 'competitor',
      entityId: id,
      action: 'update',
      changes: changesBetween(before, after, AUDITED),
    });
    return presentCompetitor(after);
  });
}

/** Only a competitor no deal names goes; one in use is switched off instead (409 in_use). */
export async function removeCompetitor(platform: Platform, actor: Actor, id: string): Promise<void> {
  const tenantId = actor.tenantId;
  await withTenant(platform.db, tenantId, async (tx) => {
    const before = await competitorRow(tx, tenantId, id, true);
    const [used] = await queryRows<{ used: boolean }>(
      tx,
      sql`SELECT EXISTS (SELECT 1 FROM ${dealCompetitors} WHERE tenant_id = ${tenantId} AND competitor_id = ${id})
        OR EXISTS (SELECT 1 FROM ${deals} WHERE tenant_id = ${tenantId} AND competitor_id = ${id}) AS used`,
    );
    if (used?.used) throw new AppError('in_use');
    await tx.delete(competitors).where(and(eq(competitors.tenantId, tenantId), eq(competitors.id, id)));
    await writeAudit(tx, actor, {
      entity: 'competitor',
      entityId: id,
      action: 'delete',
      changes: changesBetween(before, null, AUDITED),
    });
  });
}

/** The SQL twin of canSeeDeal (deals.policy) over the `deals` table. */
function dealVisibleSql(tenantId: string, viewer: DealViewer): SQL | undefined {
  const visibility = visibilityOf(viewer.role);
  if (visibility === 'tenant') return undefined;
  const mine = or(
    eq(deals.ownerId, viewer.userId),
    customerOpenToSql(tenantId, deals.customerId, viewer.userId),
  );
  if (visibility === 'own') return mine;
  return or(
    mine,
    and(isNull(deals.ownerId), isNull(deals.teamId)),
    viewer.teamIds.length > 0 ? inArray(deals.teamId, [...viewer.teamIds]) : undefined,
    viewer.teammateIds.length > 0 ? inArray(deals.ownerId, [...viewer.teammateIds]) : undefined,
  );
}

const amountsOf = (rows: { currency: string; amount: number }[]): CurrencyAmount[] =>
  rows
    .map((r) => ({ currency: r.currency, amountMinor: Number(r.amount) }))
    .sort((a, b) => a.currency.localeCompare(b.currency));

export async function competitorRecord(
  platform: Platform,
  caller: DealCaller,
  id: string,
): Promise<CompetitorRecord> {
  const tenantId = caller.actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) => {
    await competitorRow(tx, tenantId, id);
    const viewer = await viewerOf(tx, caller);
    const against = or(
      eq(deals.competitorId, id),
      sql`EXISTS (SELECT 1 FROM ${dealCompetitors} dc WHERE dc.tenant_id = ${deals.tenantId}
        AND dc.deal_id = ${deals.id} AND dc.competitor_id = ${id})`,
    );
    const rows = await tx
      .select({
        status: deals.status,
        currency: deals.currency,
        lostTo: sql<boolean>`${deals.status} = 'lost' AND ${deals.competitorId} IS NOT DISTINCT FROM ${id}::uuid`,
        count: sql<number>`count(*)::int`,
        amount: sql<number>`coalesce(sum(${deals.amountMinor}), 0)::bigint`,
      })
      .from(deals)
      .where(and(eq(deals.tenantId, tenantId), against, dealVisibleSql(tenantId, viewer)))
      // By position: the lost-to expression carries a parameter, so it cannot be repeated here.
      .groupBy(sql`1, 2, 3`);
    const sum = (pick: (r: (typeof rows)[number]) => boolean) =>
      rows.filter(pick).reduce((n, r) => n + Number(r.count), 0);
    const byCurrency = (status: string) => {
      const totals = new Map<string, number>();
      for (const r of rows.filter((x) => x.status === status)) {
        totals.set(r.currency, (totals.get(r.currency) ?? 0) + Number(r.amount));
      }
      return amountsOf([...totals].map(([currency, amount]) => ({ currency, amount })));
    };
    const won = sum((r) => r.status === 'won');
    const lost = sum((r) => r.status === 'lost');
    return {
      competitorId: id,
      deals: sum(() => true),
      open: sum((r) => r.status === 'open'),
      won,
      lost,
      lostTo: sum((r) => r.lostTo),
      winRate: won + lost === 0 ? null : Math.round((won * 1000) / (won + lost)) / 10,
      wonAmounts: byCurrency('won'),
      lostAmounts: byCurrency('lost'),
    };
  });
}

// Competitors of a deal -----------------------------------------------------------------------------------

function presentDealCompetitor(
  row: DealCompetitorRow,
  competitor: CompetitorRow,
  currency: string,
): DealCompetitor {
  return {
    competitorId: row.competitorId,
    name: competitor.name,
    strengths: competitor.strengths,
    weaknesses: competitor.weaknesses,
    differentiation: row.differentiation,
    priceMinor: row.priceMinor,
    currency,
    note: row.note,
    createdAt: row.createdAt.toISOString(),
  };
}

export async function listDealCompetitors(
  platform: Platform,
  caller: DealCaller,
  dealId: string,
): Promise<{ items: DealCompetitor[] }> {
  const tenantId = caller.actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) => {
    const { deal } = await dealFor(tx, caller, dealId, 'read');
    const rows = await tx
      .select({ row: dealCompetitors, competitor: competitors })
      .from(dealCompetitors)
      .innerJoin(
        competitors,
        and(
          eq(competitors.tenantId, dealCompetitors.tenantId),
          eq(competitors.id, dealCompetitors.competitorId),
        ),
      )
      .where(and(eq(dealCompetitors.tenantId, tenantId), eq(dealCompetitors.dealId, dealId)))
      .orderBy(asc(dealCompetitors.createdAt), sql`lower(${competitors.name})`);
    return { items: rows.map((r) => presentDealCompetitor(r.row, r.competitor, deal.currency)) };
  });
}

async function dealCompetitorRow(
  tx: Tx,
  tenantId: string,
  dealId: string,
  competitorId: string,
): Promise<DealCompetitorRow> {
  const [row] = await tx
    .select()
    .from(dealCompetitors)
    .where(
      and(
        eq(dealCompetitors.tenantId, tenantId),
        eq(dealCompetitors.dealId, dealId),
        eq(dealCompetitors.competitorId, competitorId),
      ),
    )
    .for('update');
  if (!row) throw new AppError('not_found');
  return row;
}

export async function addDealCompetitor(
  platform: Platform,
  caller: DealCaller,
  dealId: string,
  input: z.output<typeof DealCompetitorInput>,
): Promise<DealCompetitor> {
  const { actor } = caller;
  const tenantId = actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) => {
    const { deal } = await dealFor(tx, caller, dealId, 'edit', { lock: true });
    const [competitor] = await tx
      .select()
      .from(competitors)
      .where(
        and(
          eq(competitors.tenantId, tenantId),
          eq(competitors.id, input.competitorId),
          eq(competitors.active, true),
        ),
      );
    if (!competitor) throw invalidFields({ path: 'competitorId', code: 'unknown_competitor' });
    const [row] = await tx
      .insert(dealCompetitors)
      .values({ tenantId, dealId, ...input, createdAt: platform.clock.now() })
      .onConflictDoNothing()
      .returning();
    if (!row) throw new AppError('conflict');
    await writeAudit(tx, actor, {
      entity: 'deal_competitor',
      entityId: dealId,
      action: 'create',
      changes: {
        competitorId: { from: null, to: input.competitorId },
        ...changesBetween(null, row, DEAL_AUDITED),
      },
    });
    return presentDealCompetitor(row, competitor, deal.currency);
  });
}

export async function updateDealCompetitor(
  platform: Platform,
  caller: DealCaller,
  dealId: string,
  competitorId: string,
  input: z.output<typeof DealCompetitorPatch>,
): Promise<DealCompetitor> {
  const { actor } = caller;
  const tenantId = actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) => {
    const { deal } = await dealFor(tx, caller, dealId, 'edit');
    const before = await dealCompetitorRow(tx, tenantId, dealId, competitorId);
    const set = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
    const [after] =
      Object.keys(set).length === 0
        ? [before]
        : await tx
            .update(dealCompetitors)
            .set(set)
            .where(
              and(
                eq(dealCompetitors.tenantId, tenantId),
                eq(dealCompetitors.dealId, dealId),
                eq(dealCompetitors.competitorId, competitorId),
              ),
            )
            .returning();
    if (!after) throw new AppError('not_found');
    await writeAudit(tx, actor, {
      entity: 'deal_competitor',
      entityId: dealId,
      action: 'update',
      changes: {
        competitorId: { from: competitorId, to: competitorId },
        ...changesBetween(before, after, DEAL_AUDITED),
      },
    });
    return presentDealCompetitor(after, await competitorRow(tx, tenantId, competitorId), deal.currency);
  });
}

export async function removeDealCompetitor(
  platform: Platform,
  caller: DealCaller,
  dealId: string,
  competitorId: string,
): Promise<void> {
  const { actor } = caller;
  const tenantId = actor.tenantId;
  await withTenant(platform.db, tenantId, async (tx) => {
    await dealFor(tx, caller, dealId, 'edit');
    const before = await dealCompetitorRow(tx, tenantId, dealId, competitorId);
    await tx
      .delete(dealCompetitors)
      .where(
        and(
          eq(dealCompetitors.tenantId, tenantId),
          eq(dealCompetitors.dealId, dealId),
          eq(dealCompetitors.competitorId, competitorId),
        ),
      );
    await writeAudit(tx, actor, {
      entity: 'deal_competitor',
      entityId: dealId,
      action: 'delete',
      changes: {
        competitorId: { from: competitorId, to: null },
        ...changesBetween(before, null, DEAL_AUDITED),
      },
    });
  });
}
