import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database';
import { teamMembers, users } from '../../platform/db/identity.tables';

/**
 * Who hears about a record besides its owner: the active team leads of the record's team, or, when it has none,
 * of every team the owner belongs to (never the owner). One read per company, then a lookup per record, for
 * sweeps that alert many owners at once (at-risk customers, aging deals).
 */
export async function managerDirectory(
  tx: Tx,
  tenantId: string,
): Promise<(ownerId: string | null, teamId: string | null) => string[]> {
  const rows = await tx
    .select({ teamId: teamMembers.teamId, userId: teamMembers.userId, isLead: teamMembers.isLead })
    .from(teamMembers)
    .innerJoin(users, and(eq(users.tenantId, teamMembers.tenantId), eq(users.id, teamMembers.userId)))
    .where(and(eq(teamMembers.tenantId, tenantId), eq(users.status, 'active')));
  const leadsOf = new Map<string, string[]>();
  const teamsOf = new Map<string, string[]>();
  for (const r of rows) {
    if (r.isLead) leadsOf.set(r.teamId, [...(leadsOf.get(r.teamId) ?? []), r.userId]);
    teamsOf.set(r.userId, [...(teamsOf.get(r.userId) ?? []), r.teamId]);
  }
  return (ownerId, teamId) => {
    const teams = teamId ? [teamId] : ownerId ? (teamsOf.get(ownerId) ?? []) : [];
    return [...new Set(teams.flatMap((t) => leadsOf.get(t) ?? []))].filter((id) => id !== ownerId);
  };
}
