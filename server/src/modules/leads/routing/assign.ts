import { OPEN_LEAD_STATUSES } from '@contracts/leads.contract';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '../../../platform/db/database';
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

export function chooseRep(
  candidates: readonly RepCandidate[],
  strategy: string,
  now: Date,
  seniorOnly: boolean,
): RepCandidate | null {
  const eligible = candidates.filter((c) => isEligible(c, now, seniorOnly));
  if (eligible.length === 0) return null;
  const lastAssigned = (c: RepCandidate) => c.lastAssignedAt?.getTime() ?? Number.NEGATIVE_INFINITY;
  const byTurn = (a: RepCandidate, b: RepCandidate) =>
    lastAssigned(a) - lastAssigned(b) || (a.turn ?? 0) - (b.turn ?? 0) || a.userId.localeCompare(b.userId);
  const sorted = [...eligible].sort(
    strategy === 'least_loaded' ? (a, b) => a.openLeads - b.openLeads || byTurn(a, b) : byTurn,
  );
  return sorted[0] ?? null;
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
  }));
}

export type Assignment = { teamId: string; ownerId: string | null; ruleId: string };

/**
 * Routes leads through the rules. Candidates are loaded once per team and updated in memory as leads are
 * handed out, so a batch (an import) is spread as fairly as single leads are.
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
  ) {}

  static async load(tx: Tx, tenantId: string, now: Date): Promise<Router> {
    return new Router(tx, tenantId, await loadAssignmentRules(tx, tenantId), now);
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
    const rep = chooseRep(team, rule.strategy, this.now, rule.seniorOnly);
    if (!rep) return { teamId: rule.teamId, ownerId: null, ruleId: rule.id };
    rep.openLeads += 1;
    rep.lastAssignedAt = this.now;
    this.turns += 1;
    rep.turn = this.turns;
    this.assigned.add(rep.userId);
    return { teamId: rule.teamId, ownerId: rep.userId, ruleId: rule.id };
  }

  /** Records who received leads, so the next round-robin turn starts after them. */
  async commit(): Promise<void> {
    if (this.assigned.size === 0) return;
    await markAssigned(this.tx, this.tenantId, [...this.assigned], this.now);
    this.assigned.clear();
  }
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
