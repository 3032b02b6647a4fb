import { type DealFilter, DealStatus, type DealSummary } from '@contracts/deals.contract';
import type { ForecastCategory } from '@contracts/pipelines.contract';
import { and, eq, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import { visibilityOf } from '../../platform/access';
import { anyOf, textArray } from '../../platform/db/arrays';
import { queryRows, type Tx } from '../../platform/db/database';
import { containsPattern } from '../../platform/db/substring-search';
import { encodeCursor, keyset, pageFrom } from '../../platform/http/pagination';
import { customerAndContactNames, customerOpenToSql, namesOf } from '../customers';
import type { DealViewer } from './deals.policy';
import { deals, pipelineStages } from './deals.tables';

/** Reading deals: the caller's scope as SQL, the list with its filters and sorts, the board and the summary. */

export type DealRow = typeof deals.$inferSelect;

/**
 * The viewer's scope as a condition on deals (undefined: every deal of the company). Mirrors canSeeDeal.
 * `teamId`: the caller also filters to this team; when it is one of a manager's teams, every deal the filter
 * keeps is in scope, so no condition is added (it would only cost a look-up of each deal's customer).
 */
export function dealScopeSql(tenantId: string, viewer: DealViewer, teamId?: string): SQL | undefined {
  const visibility = visibilityOf(viewer.role);
  if (visibility === 'tenant') return undefined;
  if (visibility === 'team' && teamId !== undefined && viewer.teamIds.includes(teamId)) return undefined;
  const mine = or(
    eq(deals.ownerId, viewer.userId),
    customerOpenToSql(tenantId, deals.customerId, viewer.userId),
  );
  if (visibility === 'own') return mine;
  return or(
    mine,
    and(isNull(deals.ownerId), isNull(deals.teamId)),
    viewer.teamIds.length > 0 ? anyOf(deals.teamId, viewer.teamIds, 'uuid') : undefined,
    anyOf(deals.ownerId, viewer.teammateIds, 'uuid'),
  );
}

function monthRange(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  return { from: `${month}-01`, to: `${next}-01` };
}

export function dealFilterSql(filter: DealFilter, viewer: DealViewer, now: Date): SQL[] {
  const where: SQL[] = [];
  if (filter.q) {
    where.push(sql`${deals.name} ILIKE ${containsPattern(filter.q)}`);
  }
  if (filter.pipelineId) where.push(eq(deals.pipelineId, filter.pipelineId));
  if (filter.stageId) where.push(eq(deals.stageId, filter.stageId));
  // A literal (the contract's enum), so the partial index of open deals serves generic plans too.
  if (filter.status) where.push(sql`${deals.status} = ${sql.raw(`'${DealStatus.parse(filter.status)}'`)}`);
  if (filter.ownerId === 'me') where.push(eq(deals.ownerId, viewer.userId));
  else if (filter.ownerId === 'none') where.push(isNull(deals.ownerId));
  else if (filter.ownerId) where.push(eq(deals.ownerId, filter.ownerId));
  if (filter.teamId) where.push(eq(deals.teamId, filter.teamId));
  if (filter.customerId) where.push(eq(deals.customerId, filter.customerId));
  if (filter.forecastCategory) where.push(eq(deals.forecastCategory, filter.forecastCategory));
  if (filter.closeMonth) {
    const { from, to } = monthRange(filter.closeMonth);
    where.push(sql`(CASE WHEN ${deals.status} = 'open' THEN ${deals.expectedCloseOn}
      ELSE (${deals.closedAt} AT TIME ZONE 'UTC')::date END) >= ${from}::date`);
    where.push(sql`(CASE WHEN ${deals.status} = 'open' THEN ${deals.expectedCloseOn}
      ELSE (${deals.closedAt} AT TIME ZONE 'UTC')::date END) < ${to}::date`);
  }
  if (filter.stale !== undefined) {
    const stale = staleSql(now);
    where.push(filter.stale ? stale : sql`NOT ${stale}`);
  }
  return where;
}

/** Open and longer in its stage than the stage allows. */
export function staleSql(now: Date): SQL {
  return sql`(${deals.status} = 'open' AND EXISTS (SELECT 1 FROM ${pipelineStages} s
    WHERE s.tenant_id = ${deals.tenantId} AND s.id = ${deals.stageId} AND s.aging_days IS NOT NULL
      AND ${deals.stageEnteredAt} < ${now.toISOString()}::timestamptz - s.aging_days * interval '1 day'))`;
}

const SORTS = {
  createdAt: { expr: sql`${deals.createdAt}`, kind: 'time' },
  // No date sorts last ascending (9999-12-31) so keyset pages never skip NULLs.
  expectedCloseOn: { expr: sql`coalesce(${deals.expectedCloseOn}, '9999-12-31'::date)::text`, kind: 'text' },
  amount: { expr: sql`coalesce(${deals.amountMinor}, -1)`, kind: 'number' },
  name: { expr: sql`lower(${deals.name})`, kind: 'text' },
} as const;
type SortKey = keyof typeof SORTS;

function sortValue(row: DealRow, key: SortKey): unknown {
  switch (key) {
    case 'createdAt':
      return row.createdAt;
    case 'expectedCloseOn':
      return row.expectedCloseOn ?? '9999-12-31';
    case 'amount':
      return row.amountMinor ?? -1;
    case 'name':
      return row.name.toLowerCase();
  }
}

export const weighted = (amount: number | null, probability: number | null): number | null =>
  amount === null || probability === null ? null : Math.round((amount * probability) / 100);

type Lookups = {
  customers: Map<string, string>;
  users: Map<string, string>;
  stages: Map<string, { name: string; agingDays: number | null }>;
};

export async function lookupsFor(tx: Tx, tenantId: string, rows: readonly DealRow[]): Promise<Lookups> {
  const stageIds = [...new Set(rows.flatMap((r) => (r.stageId ? [r.stageId] : [])))];
  const [names, people, stageRows] = await Promise.all([
    customerAndContactNames(tx, tenantId, { customerIds: rows.map((r) => r.customerId), contactIds: [] }),
    namesOf(
      tx,
      tenantId,
      rows.map((r) => r.ownerId),
    ),
    stageIds.length === 0
      ? Promise.resolve([])
      : tx
          .select({ id: pipelineStages.id, name: pipelineStages.name, agingDays: pipelineStages.agingDays })
          .from(pipelineStages)
          .where(and(eq(pipelineStages.tenantId, tenantId), inArray(pipelineStages.id, stageIds))),
  ]);
  return {
    customers: names.customers,
    users: people.users,
    stages: new Map(stageRows.map((s) => [s.id, { name: s.name, agingDays: s.agingDays }])),
  };
}

export function isStale(row: DealRow, agingDays: number | null | undefined, now: Date): boolean {
  if (row.status !== 'open' || !agingDays || !row.stageEnteredAt) return false;
  return now.getTime() - row.stageEnteredAt.getTime() > agingDays * 86_400_000;
}

export function presentSummary(row: DealRow, l: Lookups, now: Date): DealSummary {
  const stage = row.stageId ? l.stages.get(row.stageId) : undefined;
  return {
    id: row.id,
    name: row.name,
    customerId: row.customerId,
    customerName: l.customers.get(row.customerId) ?? '',
    pipelineId: row.pipelineId,
    stageId: row.stageId,
    stageName: stage?.name ?? null,
    status: row.status as DealSummary['status'],
    amountMinor: row.amountMinor,
    currency: row.currency,
    probability: row.probability,
    weightedMinor: weighted(row.amountMinor, row.probability),
    forecastCategory: row.forecastCategory as ForecastCategory,
    expectedCloseOn: row.expectedCloseOn,
    nextStep: row.nextStep,
    nextStepOn: row.nextStepOn,
    ownerId: row.ownerId,
    ownerName: row.ownerId ? (l.users.get(row.ownerId) ?? null) : null,
    teamId: row.teamId,
    stageEnteredAt: row.stageEnteredAt?.toISOString() ?? null,
    stale: isStale(row, stage?.agingDays, now),
    closedAt: row.closedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    version: row.version,
  };
}

export type ListDealsParams = DealFilter & {
  limit: number;
  cursor?: string | undefined;
  sort: `${'' | '-'}${SortKey}`;
};

export async function listDealSummaries(
  tx: Tx,
  tenantId: string,
  viewer: DealViewer,
  params: ListDealsParams,
  now: Date,
): Promise<{ items: DealSummary[]; nextCursor: string | null }> {
  const desc = params.sort.startsWith('-');
  const key = (desc ? params.sort.slice(1) : params.sort) as SortKey;
  const { after, order } = keyset(SORTS[key], sql`${deals.id}`, desc, params.cursor);
  const rows = await tx
    .select()
    .from(deals)
    .where(
      and(
        eq(deals.tenantId, tenantId),
        dealScopeSql(tenantId, viewer, params.teamId),
        ...dealFilterSql(params, viewer, now),
        after,
      ),
    )
    .orderBy(...order)
    .limit(params.limit + 1);
  const page = pageFrom(rows, params.limit, (r) => encodeCursor(sortValue(r, key), r.id));
  const lookups = await lookupsFor(tx, tenantId, page.items);
  return { items: page.items.map((r) => presentSummary(r, lookups, now)), nextCursor: page.nextCursor };
}

export type MoneyTotal = { currency: string; amountMinor: number; weightedMinor: number };

type GroupRow = { key: string | null; currency: string; n: number; amount: string; weighted: string };

/**
 * Count and per-currency sums of the matching deals grouped by an expression. The weighted sum rounds each deal
 * half up in integer arithmetic, as `weighted` does (amounts are never negative): a third of the cost of
 * numeric division over a board's thousands of deals.
 */
export async function groupTotals(
  tx: Tx,
  where: SQL | undefined,
  groupBy: SQL,
): Promise<Map<string | null, { count: number; totals: MoneyTotal[] }>> {
  const rows = await queryRows<GroupRow>(
    tx,
    sql`SELECT ${groupBy} AS key, ${deals.currency} AS currency, count(*)::int AS n,
        coalesce(sum(${deals.amountMinor}), 0)::text AS amount,
        coalesce(sum((coalesce(${deals.amountMinor}, 0) * coalesce(${deals.probability}, 0) + 50) / 100), 0)::text
          AS weighted
      FROM ${deals} WHERE ${where} GROUP BY 1, 2`,
  );
  const out = new Map<string | null, { count: number; totals: MoneyTotal[] }>();
  for (const r of rows) {
    const entry = out.get(r.key) ?? { count: 0, totals: [] };
    entry.count += r.n;
    entry.totals.push({
      currency: r.currency,
      amountMinor: Number(r.amount),
      weightedMinor: Number(r.weighted),
    });
    out.set(r.key, entry);
  }
  return out;
}

export function boardWhere(
  tenantId: string,
  viewer: DealViewer,
  pipelineId: string,
  filter: DealFilter,
  now: Date,
): SQL | undefined {
  return and(
    eq(deals.tenantId, tenantId),
    dealScopeSql(tenantId, viewer, filter.teamId),
    eq(deals.pipelineId, pipelineId),
    ...dealFilterSql(filter, viewer, now),
  );
}

export type BoardPage = { items: DealSummary[]; nextCursor: string | null };

/**
 * The first `limit` cards of every column (newest first, as `GET /deals?stageId&sort=-createdAt` pages on):
 * one statement walks each stage's open deals on deals_stage_open_idx through a LATERAL join, one reads the
 * rows and one set of lookups names them all, instead of a list query and its lookups per column.
 */
export async function boardColumns(
  tx: Tx,
  tenantId: string,
  where: SQL | undefined,
  stageIds: readonly string[],
  limit: number,
  now: Date,
): Promise<Map<string, BoardPage>> {
  const out = new Map<string, BoardPage>();
  if (stageIds.length === 0) return out;
  const picked = await queryRows<{ id: string }>(
    tx,
    sql`SELECT c.id FROM unnest(${textArray(stageIds)}::uuid[]) AS s(stage_id)
      CROSS JOIN LATERAL (SELECT ${deals.id} AS id FROM ${deals}
        WHERE ${where} AND ${deals.stageId} = s.stage_id
        ORDER BY ${deals.createdAt} DESC, ${deals.id} DESC LIMIT ${limit + 1}) c`,
  );
  const rows =
    picked.length === 0
      ? []
      : await tx
          .select()
          .from(deals)
          .where(
            and(
              eq(deals.tenantId, tenantId),
              anyOf(
                deals.id,
                picked.map((r) => r.id),
                'uuid',
              ),
            ),
          );
  const byStage = new Map<string, DealRow[]>();
  for (const row of rows) {
    if (!row.stageId) continue;
    const list = byStage.get(row.stageId) ?? [];
    list.push(row);
    byStage.set(row.stageId, list);
  }
  const pages = new Map<string, { items: DealRow[]; nextCursor: string | null }>();
  for (const stageId of stageIds) {
    const list = (byStage.get(stageId) ?? []).sort(
      (a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0),
    );
    pages.set(
      stageId,
      pageFrom(list, limit, (r) => encodeCursor(sortValue(r, 'createdAt'), r.id)),
    );
  }
  const lookups = await lookupsFor(
    tx,
    tenantId,
    [...pages.values()].flatMap((p) => p.items),
  );
  for (const [stageId, page] of pages) {
    out.set(stageId, {
      items: page.items.map((r) => presentSummary(r, lookups, now)),
      nextCursor: page.nextCursor,
    });
  }
  return out;
}
