import type { RepProfile, Seniority } from '@contracts/lead-routing.contract';
import { OPEN_LEAD_STATUSES } from '@contracts/leads.contract';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { visibilityOf } from '../../../platform/access';
import { changesBetween, writeAudit } from '../../../platform/audit';
import type { Tx } from '../../../platform/db/database';
import { teamMembers, teams, users } from '../../../platform/db/identity.tables';
import { withTenant } from '../../../platform/db/tenancy';
import { AppError, invalidFields } from '../../../platform/http/errors';
import type { Platform } from '../../../platform/platform';
import type { LeadViewer } from '../leads.policy';
import { type LeadCaller, viewerOf } from '../leads.service';
import { leadRepSettings, leads } from '../leads.tables';
import { isAway } from './assign';

/**
 * Reps' routing profiles: capacity, seniority and absence, beside what routing reads from them (open leads,
 * last lead received). The routing pool is the active members of teams. Directors and admins see and edit
 * everyone's; a manager those of the members of their own teams.
 */

const tenantWide = (viewer: LeadViewer) => visibilityOf(viewer.role) === 'tenant';

const mayEdit = (viewer: LeadViewer, userId: string) =>
  tenantWide(viewer) || viewer.teammateIds.includes(userId);

async function profiles(
  tx: Tx,
  tenantId: string,
  viewer: LeadViewer,
  now: Date,
  filter: { teamId?: string | undefined; userId?: string },
): Promise<RepProfile[]> {
  const scope = tenantWide(viewer) ? undefined : inArray(teamMembers.teamId, [...viewer.teamIds]);
  if (!tenantWide(viewer) && viewer.teamIds.length === 0) return [];
  // Users in scope first (one team of the filter or of the viewer), then every team each of them is in.
  const inScope = await tx
    .selectDistinct({ userId: teamMembers.userId })
    .from(teamMembers)
    .where(
      and(
        eq(teamMembers.tenantId, tenantId),
        scope,
        filter.teamId ? eq(teamMembers.teamId, filter.teamId) : undefined,
        filter.userId ? eq(teamMembers.userId, filter.userId) : undefined,
      ),
    );
  const userIds = inScope.map((m) => m.userId);
  if (userIds.length === 0) return [];
  const rows = await tx
    .select({
      userId: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      capacity: leadRepSettings.capacity,
      seniority: leadRepSettings.seniority,
      awayFrom: leadRepSettings.awayFrom,
      awayUntil: leadRepSettings.awayUntil,
      lastAssignedAt: leadRepSettings.lastAssignedAt,
      version: leadRepSettings.version,
    })
    .from(users)
    .leftJoin(
      leadRepSettings,
      and(eq(leadRepSettings.tenantId, users.tenantId), eq(leadRepSettings.userId, users.id)),
    )
    .where(and(eq(users.tenantId, tenantId), inArray(users.id, userIds), eq(users.status, 'active')))
    .orderBy(asc(users.name), asc(users.id));
  const memberships = await tx
    .select({ userId: teamMembers.userId, id: teams.id, name: teams.name, isLead: teamMembers.isLead })
    .from(teamMembers)
    .innerJoin(teams, and(eq(teams.tenantId, teamMembers.tenantId), eq(teams.id, teamMembers.teamId)))
    .where(and(eq(teamMembers.tenantId, tenantId), inArray(teamMembers.userId, userIds)))
    .orderBy(asc(teams.name));
  const counts = await tx
    .select({ ownerId: leads.ownerId, n: sql<number>`count(*)::int` })
    .from(leads)
    .where(
      and(
        eq(leads.tenantId, tenantId),
        inArray(leads.ownerId, userIds),
        inArray(leads.status, [...OPEN_LEAD_STATUSES]),
      ),
    )
    .groupBy(leads.ownerId);
  const open = new Map(counts.map((c) => [c.ownerId, c.n]));
  return rows.map((r) => {
    const absence = { awayFrom: r.awayFrom ?? null, awayUntil: r.awayUntil ?? null };
    return {
      userId: r.userId,
      name: r.name,
      email: r.email,
      role: r.role,
      teams: memberships
        .filter((m) => m.userId === r.userId)
        .map((m) => ({ id: m.id, name: m.name, isLead: m.isLead })),
      capacity: r.capacity ?? null,
      seniority: (r.seniority ?? 'standard') as Seniority,
      awayFrom: absence.awayFrom?.toISOString() ?? null,
      awayUntil: absence.awayUntil?.toISOString() ?? null,
      away: isAway(absence, now),
      openLeads: open.get(r.userId) ?? 0,
      lastAssignedAt: r.lastAssignedAt?.toISOString() ?? null,
      editable: mayEdit(viewer, r.userId),
      version: r.version ?? 0,
    };
  });
}

export async function listReps(
  platform: Platform,
  caller: LeadCaller,
  query: { teamId?: string | undefined },
): Promise<RepProfile[]> {
  const tenantId = caller.actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) =>
    profiles(tx, tenantId, await viewerOf(tx, caller), platform.clock.now(), query),
  );
}

export type RepProfileInput = {
  version: number;
  capacity: number | null;
  seniority: Seniority;
  awayFrom: string | null;
  awayUntil: string | null;
};

const AUDITED = ['capacity', 'seniority', 'awayFrom', 'awayUntil'] as const;

export async function updateRep(
  platform: Platform,
  caller: LeadCaller,
  userId: string,
  input: RepProfileInput,
): Promise<RepProfile> {
  const tenantId = caller.actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) => {
    const viewer = await viewerOf(tx, caller);
    const now = platform.clock.now();
    const [member] = await tx
      .select({ userId: teamMembers.userId })
      .from(teamMembers)
      .innerJoin(users, and(eq(users.tenantId, teamMembers.tenantId), eq(users.id, teamMembers.userId)))
      .where(
        and(eq(teamMembers.tenantId, tenantId), eq(teamMembers.userId, userId), eq(users.status, 'active')),
      )
      .limit(1);
    if (!member) throw new AppError('not_found');
    if (!mayEdit(viewer, userId)) throw new AppError('forbidden');
    const awayFrom = input.awayFrom ? new Date(input.awayFrom) : null;
    const awayUntil = input.awayUntil ? new Date(input.awayUntil) : null;
    if (awayFrom && awayUntil && awayUntil <= awayFrom) {
      throw invalidFields({ path: 'awayUntil', code: 'away_until_before_from' });
    }
    const [before] = await tx
      .select()
      .from(leadRepSettings)
      .where(and(eq(leadRepSettings.tenantId, tenantId), eq(leadRepSettings.userId, userId)))
      .for('update');
    const current = before?.version ?? 0;
    if (current !== input.version) throw new AppError('version_conflict');
    const values = { capacity: input.capacity, seniority: input.seniority, awayFrom, awayUntil };
    const [after] = await tx
      .insert(leadRepSettings)
      .values({ tenantId, userId, ...values, version: current + 1, createdAt: now, updatedAt: now })
      .onConflictDoUpdate({
        target: [leadRepSettings.tenantId, leadRepSettings.userId],
        set: { ...values, version: current + 1, updatedAt: now },
        // A profile created meanwhile by another editor wins: this write is then a version conflict.
        setWhere: eq(leadRepSettings.version, current),
      })
      .returning();
    if (!after) throw new AppError('version_conflict');
    await writeAudit(tx, caller.actor, {
      entity: 'lead_rep_settings',
      entityId: userId,
      action: 'update',
      changes: changesBetween(
        before ?? { capacity: null, seniority: 'standard', awayFrom: null, awayUntil: null },
        after,
        AUDITED,
      ),
    });
    const [profile] = await profiles(tx, tenantId, { ...viewer, role: 'admin' }, now, { userId });
    if (!profile) throw new AppError('not_found');
    return { ...profile, editable: true };
  });
}
