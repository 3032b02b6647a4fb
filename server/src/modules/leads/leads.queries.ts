import type {
  CompanySize,
  DuplicateMatch,
  Lead,
  LeadFilter,
  LeadGrade,
  LeadSource,
  LeadStatus,
  LeadSummary,
  PredictionFactor,
  Qualification,
  ScoreItem,
} from '@contracts/leads.contract';
import { LEAD_TRANSITIONS, Qualification as QualificationSchema } from '@contracts/leads.contract';
import { and, eq, inArray, isNotNull, isNull, or, type SQL, sql } from 'drizzle-orm';
import { anyOf } from '../../platform/db/arrays';
import { queryRows, type Tx } from '../../platform/db/database';
import { teamMembers, teams, users } from '../../platform/db/identity.tables';
import { rowByKey } from '../../platform/db/row-by-key';
import { type SearchTarget, substringCandidates, substringMatch } from '../../platform/db/substring-search';
import { decodeCursor, encodeCursor, pageFrom } from '../../platform/http/pagination';
import { customFilterSql, type FieldDef, loadFields, presentCustomValues } from '../custom-fields';
import { type LeadScope, type LeadViewer, leadAbilities, leadScope } from './leads.policy';
import { leadSearchText, leads } from './leads.tables';

/** Reads of leads: tenant-filtered (SCALE.md rule 6) and narrowed to what the viewer may see. */

export type LeadRow = typeof leads.$inferSelect;

export async function loadViewer(
  tx: Tx,
  tenantId: string,
  user: { userId: string; role: LeadViewer['role'] },
): Promise<LeadViewer> {
  // Only a team-scoped viewer (a manager) needs to know teams; the others see their own leads or all.
  const onlyOwn: LeadViewer = {
    userId: user.userId,
    role: user.role,
    teamIds: [],
    teammateIds: [user.userId],
  };
  if (leadScope(onlyOwn).kind !== 'team') return onlyOwn;
  const mine = await tx
    .select({ teamId: teamMembers.teamId })
    .from(teamMembers)
    .where(and(eq(teamMembers.tenantId, tenantId), eq(teamMembers.userId, user.userId)));
  const teamIds = mine.map((m) => m.teamId);
  const mates =
    teamIds.length === 0
      ? []
      : await tx
          .selectDistinct({ userId: teamMembers.userId })
          .from(teamMembers)
          .where(and(eq(teamMembers.tenantId, tenantId), inArray(teamMembers.teamId, teamIds)));
  return {
    userId: user.userId,
    role: user.role,
    teamIds,
    teammateIds: [...new Set([user.userId, ...mates.map((m) => m.userId)])],
  };
}

export function scopeSql(scope: LeadScope): SQL | undefined {
  if (scope.kind === 'all') return undefined;
  const mine = or(eq(leads.ownerId, scope.userId), sql`${scope.userId}::uuid = ANY(${leads.sharedWith})`);
  if (scope.kind === 'own') return mine;
  return or(
    mine,
    and(isNull(leads.ownerId), isNull(leads.teamId)),
    scope.teamIds.length > 0 ? inArray(leads.teamId, [...scope.teamIds]) : undefined,
    scope.teammateIds.length > 0 ? inArray(leads.ownerId, [...scope.teammateIds]) : undefined,
  );
}

/**
 * What the free-text search looks in (its trigram index is leads_search_idx): `substringCandidates` reads the
 * matching ids through it, `substringMatch` makes the condition (platform/db/substring-search.ts).
 */
export const LEAD_SEARCH: SearchTarget = {
  table: leads,
  id: leads.id,
  tenantId: leads.tenantId,
  text: sql.raw(leadSearchText('leads')),
};

/** `candidates`: the search's, from `substringCandidates`; without them `q` is matched in the query. */
export function filterSql(
  filter: LeadFilter,
  viewer: LeadViewer,
  candidates: readonly string[] | null = null,
): SQL[] {
  const out: (SQL | undefined)[] = [];
  if (filter.q) out.push(substringMatch(LEAD_SEARCH, filter.q, candidates));
  if (filter.status?.length) out.push(inArray(leads.status, filter.status));
  if (filter.grade?.length) out.push(inArray(leads.grade, filter.grade));
  if (filter.source?.length) out.push(inArray(leads.source, filter.source));
  if (filter.companySize?.length) out.push(inArray(leads.companySize, filter.companySize));
  if (filter.ownerId === 'me') out.push(eq(leads.ownerId, viewer.userId));
  else if (filter.ownerId === 'none') out.push(isNull(leads.ownerId));
  else if (filter.ownerId) out.push(eq(leads.ownerId, filter.ownerId));
  if (filter.teamId) out.push(eq(leads.teamId, filter.teamId));
  if (filter.campaignId) out.push(eq(leads.campaignId, filter.campaignId));
  if (filter.region) out.push(eq(leads.region, filter.region));
  if (filter.industry) out.push(eq(leads.industry, filter.industry));
  if (filter.minScore !== undefined) out.push(sql`${leads.score} >= ${filter.minScore}`);
  if (filter.maxScore !== undefined) out.push(sql`${leads.score} <= ${filter.maxScore}`);
  if (filter.createdFrom) out.push(sql`${leads.createdAt} >= ${new Date(filter.createdFrom)}`);
  if (filter.createdTo) out.push(sql`${leads.createdAt} < ${new Date(filter.createdTo)}`);
  if (filter.slaBreached !== undefined) {
    out.push(filter.slaBreached ? isNotNull(leads.slaBreachedAt) : isNull(leads.slaBreachedAt));
  }
  if (filter.hasDuplicates !== undefined) {
    out.push(
      filter.hasDuplicates ? sql`${leads.duplicates} <> '[]'::jsonb` : sql`${leads.duplicates} = '[]'::jsonb`,
    );
  }
  return out.filter((c): c is SQL => c !== undefined);
}

/** A list filter's custom-field part, checked against the company's lead fields (400s name `custom.<key>`). */
export async function customConditions(tx: Tx, tenantId: string, filter: LeadFilter): Promise<SQL[]> {
  if (!filter.custom) return [];
  return customFilterSql(await loadFields(tx, tenantId, 'lead'), sql`${leads.custom}`, filter.custom);
}

/** Sortable keys: a non-null expression (so keyset pages never skip NULLs) and how its cursor value reads. */
const SORTS = {
  createdAt: { expr: sql`${leads.createdAt}`, kind: 'time' },
  updatedAt: { expr: sql`${leads.updatedAt}`, kind: 'time' },
  score: { expr: sql`${leads.score}`, kind: 'number' },
  companyName: { expr: sql`coalesce(${leads.companyName}, '')`, kind: 'text' },
  slaDueAt: { expr: sql`coalesce(${leads.slaDueAt}, 'infinity'::timestamptz)`, kind: 'time' },
} as const;
type SortKey = keyof typeof SORTS;

function sortValue(row: SummaryColumns, key: SortKey): string | number {
  switch (key) {
    case 'createdAt':
      return row.createdAt.toISOString();
    case 'updatedAt':
      return row.updatedAt.toISOString();
    case 'score':
      return row.score;
    case 'companyName':
      return row.companyName ?? '';
    case 'slaDueAt':
      return row.slaDueAt ? row.slaDueAt.toISOString() : 'infinity';
  }
}

const summaryColumns = {
  id: leads.id,
  companyName: leads.companyName,
  contactName: leads.contactName,
  title: leads.title,
  phone: leads.phone,
  email: leads.email,
  region: leads.region,
  industry: leads.industry,
  companySize: leads.companySize,
  source: leads.source,
  campaignId: leads.campaignId,
  grade: leads.grade,
  status: leads.status,
  score: leads.score,
  conversionProbability: leads.conversionProbability,
  ownerId: leads.ownerId,
  teamId: leads.teamId,
  hasDuplicates: sql<boolean>`${leads.duplicates} <> '[]'::jsonb`,
  slaDueAt: leads.slaDueAt,
  slaBreachedAt: leads.slaBreachedAt,
  firstContactAt: leads.firstContactAt,
  lastActivityAt: leads.lastActivityAt,
  createdAt: leads.createdAt,
  updatedAt: leads.updatedAt,
  version: leads.version,
};

type SummaryColumns = Awaited<ReturnType<typeof selectSummaries>>[number];
type SummaryRow = SummaryColumns & { ownerName: string | null; teamName: string | null };

const iso = (d: Date | null) => d?.toISOString() ?? null;

function presentSummary(row: SummaryRow): LeadSummary {
  return {
    id: row.id,
    companyName: row.companyName,
    contactName: row.contactName,
    title: row.title,
    phone: row.phone,
    email: row.email,
    region: row.region,
    industry: row.industry,
    companySize: row.companySize as CompanySize | null,
    source: row.source as LeadSource,
    campaignId: row.campaignId,
    grade: row.grade as LeadGrade | null,
    status: row.status as LeadStatus,
    score: row.score,
    conversionProbability: row.conversionProbability,
    ownerId: row.ownerId,
    ownerName: row.ownerName,
    teamId: row.teamId,
    teamName: row.teamName,
    hasDuplicates: row.hasDuplicates,
    slaDueAt: iso(row.slaDueAt),
    slaBreachedAt: iso(row.slaBreachedAt),
    firstContactAt: iso(row.firstContactAt),
    lastActivityAt: iso(row.lastActivityAt),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

/**
 * A page of leads without joins, so the planner can walk an index in sort order and stop at the limit;
 * owner and team names are looked up afterwards for the page alone (namesOf).
 */
function selectSummaries(tx: Tx, where: SQL | undefined, order: SQL[], limit: number) {
  return tx
    .select(summaryColumns)
    .from(leads)
    .where(where)
    .orderBy(...order)
    .limit(limit);
}

/** Names of the owners and teams of some leads, in two indexed lookups. */
export async function namesOf(
  tx: Tx,
  tenantId: string,
  rows: readonly { ownerId: string | null; teamId: string | null }[],
): Promise<{ users: Map<string, string>; teams: Map<string, string> }> {
  const userIds = [...new Set(rows.map((r) => r.ownerId).filter((id): id is string => id !== null))];
  const teamIds = [...new Set(rows.map((r) => r.teamId).filter((id): id is string => id !== null))];
  const parts: SQL[] = [];
  if (userIds.length > 0) {
    parts.push(sql`(SELECT 'user' AS kind, ${users.id} AS id, ${users.name} AS name FROM ${users}
      WHERE ${and(eq(users.tenantId, tenantId), anyOf(users.id, userIds, 'uuid'))})`);
  }
  if (teamIds.length > 0) {
    parts.push(sql`(SELECT 'team' AS kind, ${teams.id} AS id, ${teams.name} AS name FROM ${teams}
      WHERE ${and(eq(teams.tenantId, tenantId), anyOf(teams.id, teamIds, 'uuid'))})`);
  }
  // Owners and teams in one round trip.
  const found =
    parts.length === 0
      ? []
      : await queryRows<{ kind: 'user' | 'team'; id: string; name: string }>(
          tx,
          sql.join(parts, sql` UNION ALL `),
        );
  const userRows = found.filter((r) => r.kind === 'user');
  const teamRows = found.filter((r) => r.kind === 'team');
  return {
    users: new Map(userRows.map((u) => [u.id, u.name])),
    teams: new Map(teamRows.map((t) => [t.id, t.name])),
  };
}

export type ListLeadsParams = LeadFilter & { limit: number; cursor?: string | undefined; sort: string };

export async function listLeadSummaries(
  tx: Tx,
  tenantId: string,
  viewer: LeadViewer,
  params: ListLeadsParams,
  custom: readonly SQL[] = [],
) {
  const desc = params.sort.startsWith('-');
  const key = (desc ? params.sort.slice(1) : params.sort) as SortKey;
  const sort = SORTS[key];
  const where = [
    eq(leads.tenantId, tenantId),
    scopeSql(leadScope(viewer)),
    ...filterSql(params, viewer, await substringCandidates(tx, LEAD_SEARCH, tenantId, params.q)),
    ...custom,
  ];
  if (params.cursor) {
    const { value, id } = decodeCursor(params.cursor);
    const v =
      sort.kind === 'time'
        ? sql`${value}::timestamptz`
        : sort.kind === 'number'
          ? sql`${Number(value)}`
          : sql`${String(value)}`;
    where.push(
      desc
        ? sql`(${sort.expr}, ${leads.id}) < (${v}, ${id}::uuid)`
        : sql`(${sort.expr}, ${leads.id}) > (${v}, ${id}::uuid)`,
    );
  }
  const order = desc
    ? [sql`${sort.expr} desc`, sql`${leads.id} desc`]
    : [sql`${sort.expr} asc`, sql`${leads.id} asc`];
  const rows = await selectSummaries(tx, and(...where), order, params.limit + 1);
  const page = pageFrom(rows, params.limit, (r) => encodeCursor(sortValue(r, key), r.id));
  const names = await namesOf(tx, tenantId, page.items);
  return {
    items: page.items.map((r) =>
      presentSummary({
        ...r,
        ownerName: r.ownerId ? (names.users.get(r.ownerId) ?? null) : null,
        teamName: r.teamId ? (names.teams.get(r.teamId) ?? null) : null,
      }),
    ),
    nextCursor: page.nextCursor,
  };
}

export const COUNT_CAP = 10_000;

export async function countLeads(
  tx: Tx,
  tenantId: string,
  viewer: LeadViewer,
  filter: LeadFilter,
  custom: readonly SQL[] = [],
) {
  const where = and(
    eq(leads.tenantId, tenantId),
    scopeSql(leadScope(viewer)),
    ...filterSql(filter, viewer, await substringCandidates(tx, LEAD_SEARCH, tenantId, filter.q)),
    ...custom,
  );
  const [row] = await queryRows<{ n: number }>(
    tx,
    sql`SELECT count(*)::int AS n FROM (SELECT 1 FROM ${leads} WHERE ${where} LIMIT ${COUNT_CAP + 1}) matched`,
  );
  const n = row?.n ?? 0;
  return { count: Math.min(n, COUNT_CAP), capped: n > COUNT_CAP };
}

export async function getLeadRow(
  tx: Tx,
  tenantId: string,
  id: string,
  lock = false,
): Promise<LeadRow | undefined> {
  return rowByKey(tx, leads, tenantId, id, lock);
}

/** The stored checklist, completed with defaults for anything an older row lacks. */
export function qualificationOf(row: LeadRow): Qualification {
  const parsed = QualificationSchema.safeParse(row.qualification ?? {});
  return parsed.success ? parsed.data : QualificationSchema.parse({});
}

/** `fields`: the company's lead fields when the caller has just read them (a create), so they are not read twice. */
export async function presentLead(
  tx: Tx,
  row: LeadRow,
  viewer: LeadViewer,
  fields?: readonly FieldDef[],
): Promise<Lead> {
  const [names, defs] = await Promise.all([
    namesOf(tx, row.tenantId, [row]),
    fields ?? loadFields(tx, row.tenantId, 'lead'),
  ]);
  const status = row.status as LeadStatus;
  const abilities = leadAbilities(viewer, {
    ownerId: row.ownerId,
    teamId: row.teamId,
    sharedWith: row.sharedWith,
    status,
  });
  return {
    ...presentSummary({
      ...row,
      ownerName: row.ownerId ? (names.users.get(row.ownerId) ?? null) : null,
      teamName: row.teamId ? (names.teams.get(row.teamId) ?? null) : null,
      hasDuplicates: row.duplicates.length > 0,
    }),
    utm: row.utm,
    referrer: row.referrer,
    notes: row.notes,
    statusReason: row.statusReason,
    statusChangedAt: row.statusChangedAt.toISOString(),
    qualification: qualificationOf(row),
    sharedWith: row.sharedWith,
    duplicates: row.duplicates as DuplicateMatch[],
    scoreBreakdown: row.scoreBreakdown as ScoreItem[],
    predictionFactors: row.predictionFactors as PredictionFactor[],
    assignedAt: iso(row.assignedAt),
    nurtureTrackId: row.nurtureTrackId,
    nurtureStep: row.nurtureStep,
    nurtureNextAt: iso(row.nurtureNextAt),
    revisitAt: iso(row.revisitAt),
    mqlAt: iso(row.mqlAt),
    sqlAt: iso(row.sqlAt),
    convertedAt: iso(row.convertedAt),
    customerId: row.customerId,
    contactId: row.contactId,
    dealId: row.dealId,
    consent: row.consent,
    consentAt: iso(row.consentAt),
    formId: row.formId,
    lastEventAt: iso(row.lastEventAt),
    custom: presentCustomValues(defs, row.custom),
    allowedTransitions: abilities.edit ? [...LEAD_TRANSITIONS[status]] : [],
    can: abilities,
  };
}
