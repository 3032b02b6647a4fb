import { OPEN_LEAD_STATUSES } from '@contracts/leads.contract';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { textArray } from '../../../platform/db/arrays';
import { rowsOf, type Tx } from '../../../platform/db/database';
import { teamMembers, users } from '../../../platform/db/identity.tables';
import { leadAssignmentRules, leadRepSettings, leads } from '../leads.tables';

/**
 * Assignment (DOMAIN.md §1 "分配"): rules in priority order route a lead to a team; inside the team the lead
 * goes to an eligible rep — active, not away, under capacity, and senior when the rule says so — chosen
 * round-robin (the rep who received a lead longest ago, so joining and leaving members stay fair) or
 * least-loaded (fewest open leads). The choice itself is pure (`chooseRep`) and tested on its own.
 */

export type AssignmentRuleRow = typeof leadAssignmentRules.$inferSelect;

export type RoutableLead = {
  grade: string | null;
  region: string | null;
  industry: string | null;
  source: string;
  companySize: string | null;
  score: number;
};

export type RuleConditions = {
  grades?: string[];
  regions?: string[];
  industries?: string[];
  sources?: string[];
  companySizes?: string[];
  minScore?: number | null;
  maxScore?: number | null;
};

const inList = (list: string[] | undefined, value: string | null) =>
  !list || list.length === 0 || (value !== null && list.some((v) => v.toLowerCase() === value.toLowerCase()));

export function ruleMatches(conditions: RuleConditions, lead: RoutableLead): boolean {
  return (
    inList(conditions.grades, lead.grade) &&
    inList(conditions.regions, lead.region) &&
    inList(conditions.industries, lead.industry) &&
    inList(conditions.sources, lead.source) &&
    inList(conditions.companySizes, lead.companySize) &&
    (conditions.minScore === undefined ||
      conditions.minScore === null ||
      lead.score >= conditions.minScore) &&
    (conditions.maxScore === undefined || conditions.maxScore === null || lead.score <= conditions.maxScore)
  );
}

export type RepCandidate = {
  userId: string;
  seniority: string;
  capacity: number | null;
  awayFrom: Date | null;
  awayUntil: Date | null;
  lastAssignedAt: Date | null;
  openLeads: number;
  /** Whether the rep's routing profile row exists yet (routing creates it on the first hand-out). */
  stored?: boolean;
  /**
   * Order of hand-outs inside one batch: every lead of a batch shares one `now`, so without it the rep with
   * the smallest id would win each tie once everyone has had a turn.
   */
  turn?: number;
};

/** Away from `awayFrom` (or now) until `awayUntil` (or until cleared); neither set: present. */
export function isAway(rep: Pick<RepCandidate, 'awayFrom' | 'awayUntil'>, now: Date): boolean {
  const hasAbsence = rep.awayFrom !== null || rep.awayUntil !== null;
  const started = rep.awayFrom === null || rep.awayFrom <= now;
  const notEnded = rep.awayUntil === null || now < rep.awayUntil;
  return hasAbsence && started && notEnded;
}

export function isEligible(rep: RepCandidate, now: Date, seniorOnly: boolean): boolean {
  if (seniorOnly && rep.seniority !== 'senior') return false;
  if (rep.capacity !== null && rep.openLeads >= rep.capacity) return false;
  return !isAway(rep, now);
}

/** The eligible reps of a team, the one whose turn it is first. */
export function rankReps(
  candidates: readonly RepCandidate[],
  strategy: string,
  now: Date,
  seniorOnly: boolean,
): RepCandidate[] {
  const eligible = candidates.filter((c) => isEligible(c, now, seniorOnly));
  const lastAssigned = (c: RepCandidate) => c.lastAssignedAt?.getTime() ?? Number.NEGATIVE_INFINITY;
  const byTurn = (a: RepCandidate, b: RepCandidate) =>
    lastAssigned(a) - lastAssigned(b) || (a.turn ?? 0) - (b.turn ?? 0) || a.userId.localeCompare(b.userId);
  return eligible.sort(
    strategy === 'least_loaded' ? (a, b) => a.openLeads - b.openLeads || byTurn(a, b) : byTurn,
  );
}

export function chooseRep(
  candidates: readonly RepCandidate[],
  strategy: string,
  now: Date,
  seniorOnly: boolean,
): RepCandidate | null {
  return rankReps(candidates, strategy, now, seniorOnly)[0] ?? null;
}

export async function loadAssignmentRules(tx: Tx, tenantId: string): Promise<AssignmentRuleRow[]> {
  return tx
    .select()
    .from(leadAssignmentRules)
    .where(and(eq(leadAssignmentRules.tenantId, tenantId), eq(leadAssignmentRules.active, true)))
    .orderBy(asc(leadAssignmentRules.position), asc(leadAssignmentRules.createdAt));
}

/**
 * Active members of a team with their routing profile. Open leads are counted only when the choice needs
 * them (least-loaded, or a member with a capacity): a count reads every open lead of the team, too much to
 * pay on each new lead when plain round-robin does not look at it.
 */
export async function loadCandidates(
  tx: Tx,
  tenantId: string,
  teamId: string,
  strategy: string,
): Promise<RepCandidate[]> {
  const members = await tx
    .select({
      userId: teamMembers.userId,
      seniority: leadRepSettings.seniority,
      capacity: leadRepSettings.capacity,
      awayFrom: leadRepSettings.awayFrom,
      awayUntil: leadRepSettings.awayUntil,
      lastAssignedAt: leadRepSettings.lastAssignedAt,
      profile: leadRepSettings.userId,
    })
    .from(teamMembers)
    .innerJoin(users, and(eq(users.tenantId, teamMembers.tenantId), eq(users.id, teamMembers.userId)))
    .leftJoin(
      leadRepSettings,
      and(eq(leadRepSettings.tenantId, teamMembers.tenantId), eq(leadRepSettings.userId, teamMembers.userId)),
    )
    .where(
      and(eq(teamMembers.tenantId, tenantId), eq(teamMembers.teamId, teamId), eq(users.status, 'active')),
    );
  if (members.length === 0) return [];
  const needCounts = strategy === 'least_loaded' || members.some((m) => m.capacity !== null);
  const counts = !needCounts
    ? []
    : await tx
        .select({ ownerId: leads.ownerId, n: sql<number>`count(*)::int` })
        .from(leads)
        .where(
          and(
            eq(leads.tenantId, tenantId),
            inArray(
              leads.ownerId,
              members.map((m) => m.userId),
            ),
            inArray(leads.status, [...OPEN_LEAD_STATUSES]),
          ),
        )
        .groupBy(leads.ownerId);
  const open = new Map(counts.map((c) => [c.ownerId, c.n]));
  return members.map((m) => ({
    userId: m.userId,
    seniority: m.seniority ?? 'standard',
    capacity: m.capacity ?? null,
    awayFrom: m.awayFrom ?? null,
    awayUntil: m.awayUntil ?? null,
    lastAssignedAt: m.lastAssignedAt ?? null,
    openLeads: open.get(m.userId) ?? 0,
    stored: m.profile !== null,
  }));
}

export type Assignment = { teamId: string; ownerId: string | null; ruleId: string };

/**
 * Routes leads through the rules. Candidates are loaded once per team and updated in memory as leads are
 * handed out, so a batch (an import) is spread as fairly as single leads are.
 *
 * Leads that arrive one per transaction (API, web forms) are routed with `claim`: the rep is taken with a
 * row lock that concurrent transactions skip, so simultaneous leads go to different reps instead of all to
 * the one whose turn they each saw, and no transaction waits for another to commit.
 */
export class Router {
  private readonly candidates = new Map<string, RepCandidate[]>();
  private readonly assigned = new Set<string>();
  private turns = 0;

  constructor(
    private readonly tx: Tx,
    private readonly tenantId: string,
    private readonly rules: readonly AssignmentRuleRow[],
    private readonly now: Date,
    private readonly claim: boolean,
  ) {}

  static async load(tx: Tx, tenantId: string, now: Date, options: { claim?: boolean } = {}): Promise<Router> {
    return new Router(tx, tenantId, await loadAssignmentRules(tx, tenantId), now, options.claim ?? false);
  }

  /** A router over rules already loaded (with the rest of the intake configuration). */
  static over(
    tx: Tx,
    tenantId: string,
    rules: readonly AssignmentRuleRow[],
    now: Date,
    options: { claim?: boolean } = {},
  ): Router {
    return new Router(tx, tenantId, rules, now, options.claim ?? false);
  }

  async route(lead: RoutableLead): Promise<Assignment | null> {
    const rule = this.rules.find((r) => ruleMatches(r.conditions as RuleConditions, lead));
    if (!rule) return null;
    // Keyed by strategy too: a round-robin load carries no open-lead counts for a least-loaded rule.
    const key = `${rule.teamId}:${rule.strategy}`;
    let team = this.candidates.get(key);
    if (!team) {
      team = await loadCandidates(this.tx, this.tenantId, rule.teamId, rule.strategy);
      this.candidates.set(key, team);
    }
    const ranked = rankReps(team, rule.strategy, this.now, rule.seniorOnly);
    let rep = ranked[0];
    if (!rep) return { teamId: rule.teamId, ownerId: null, ruleId: rule.id };
    const claimed = this.claim
      ? await claimRep(this.tx, this.tenantId, ranked, rule.strategy, this.now)
      : null;
    if (claimed) rep = ranked.find((r) => r.userId === claimed) ?? rep;
    // Not claimed (batch routing, or every eligible rep is being handed a lead right now): marked on commit.
    else this.assigned.add(rep.userId);
    rep.openLeads += 1;
    rep.lastAssignedAt = this.now;
    rep.stored = true;
    this.turns += 1;
    rep.turn = this.turns;
    return { teamId: rule.teamId, ownerId: rep.userId, ruleId: rule.id };
  }

  /** Records who received leads, so the next round-robin turn starts after them. */
  async commit(): Promise<void> {
    if (this.assigned.size === 0) return;
    await markAssigned(this.tx, this.tenantId, [...this.assigned], this.now);
    this.assigned.clear();
  }
}

/**
 * Takes the first rep of `ranked` that no concurrent transaction holds, marking them as just assigned; null
 * when every one is held. For round-robin the turn is re-read at this statement (a rep handed a lead by a
 * transaction that committed meanwhile goes to the back), for least-loaded the ranking by open leads holds.
 */
async function claimRep(
  tx: Tx,
  tenantId: string,
  ranked: readonly RepCandidate[],
  strategy: string,
  now: Date,
): Promise<string | null> {
  const missing = ranked.filter((r) => r.stored === false).map((r) => r.userId);
  if (missing.length > 0) {
    await tx
      .insert(leadRepSettings)
      .values(missing.map((userId) => ({ tenantId, userId, version: 0 })))
      .onConflictDoNothing();
  }
  const ids = ranked.map((r) => r.userId);
  const turn = strategy === 'least_loaded' ? sql`` : sql`r.last_assigned_at ASC NULLS FIRST,`;
  const rows = await tx.execute<{ user_id: string }>(sql`
    UPDATE ${leadRepSettings} SET last_assigned_at = ${now.toISOString()}::timestamptz
      FROM (SELECT r.user_id
              FROM ${leadRepSettings} r
              JOIN unnest(${textArray(ids)}::uuid[]) WITH ORDINALITY AS w(user_id, rank) ON w.user_id = r.user_id
             WHERE r.tenant_id = ${tenantId}
             ORDER BY ${turn} w.rank
             LIMIT 1
               FOR UPDATE OF r SKIP LOCKED) AS picked
     WHERE ${leadRepSettings.tenantId} = ${tenantId} AND ${leadRepSettings.userId} = picked.user_id
    RETURNING ${leadRepSettings.userId} AS user_id`);
  return rowsOf<{ user_id: string }>(rows)[0]?.user_id ?? null;
}

export async function markAssigned(
  tx: Tx,
  tenantId: string,
  userIds: readonly string[],
  at: Date,
): Promise<void> {
  if (userIds.length === 0) return;
  await tx
    .insert(leadRepSettings)
    // Version 0: a profile created by routing still reads as never saved, so an editor's PUT is not refused.
    .values(userIds.map((userId) => ({ tenantId, userId, lastAssignedAt: at, version: 0 })))
    .onConflictDoUpdate({
      target: [leadRepSettings.tenantId, leadRepSettings.userId],
      set: { lastAssignedAt: at },
    });
}
