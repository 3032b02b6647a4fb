import type { SlaItem } from '@contracts/lead-routing.contract';
import { type LeadGrade, type LeadStatus, OPEN_LEAD_STATUSES } from '@contracts/leads.contract';
import { and, asc, eq, inArray, isNotNull, isNull, lte, sql } from 'drizzle-orm';
import { teams, users } from '../../../platform/db/identity.tables';
import { withTenant } from '../../../platform/db/tenancy';
import { decodeCursor, encodeCursor, pageFrom } from '../../../platform/http/pagination';
import type { Platform } from '../../../platform/platform';
import { leadScope } from '../leads.policy';
import { scopeSql } from '../leads.queries';
import { type LeadCaller, viewerOf } from '../leads.service';
import { leads } from '../leads.tables';

/**
 * The managers' SLA list: uncontacted open leads already marked breached, or due within a few hours (which
 * includes leads just past their deadline that the next sweep will mark), of the leads the caller may see.
 * Most urgent first.
 */

export type SlaQuery = {
  state: 'breached' | 'due_soon';
  withinHours: number;
  teamId?: string | undefined;
  ownerId?: string | undefined;
  limit: number;
  cursor?: string | undefined;
};

export async function listSla(platform: Platform, caller: LeadCaller, query: SlaQuery) {
  const tenantId = caller.actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) => {
    const viewer = await viewerOf(tx, caller);
    const now = platform.clock.now();
    const state =
      query.state === 'breached'
        ? isNotNull(leads.slaBreachedAt)
        : and(
            isNull(leads.slaBreachedAt),
            lte(leads.slaDueAt, new Date(now.getTime() + query.withinHours * 3_600_000)),
          );
    const cursor = query.cursor ? decodeCursor(query.cursor) : null;
    const rows = await tx
      .select({
        id: leads.id,
        companyName: leads.companyName,
        contactName: leads.contactName,
        grade: leads.grade,
        status: leads.status,
        ownerId: leads.ownerId,
        ownerName: users.name,
        teamId: leads.teamId,
        teamName: teams.name,
        assignedAt: leads.assignedAt,
        slaDueAt: leads.slaDueAt,
        slaBreachedAt: leads.slaBreachedAt,
      })
      .from(leads)
      .leftJoin(users, and(eq(users.tenantId, leads.tenantId), eq(users.id, leads.ownerId)))
      .leftJoin(teams, and(eq(teams.tenantId, leads.tenantId), eq(teams.id, leads.teamId)))
      .where(
        and(
          eq(leads.tenantId, tenantId),
          isNotNull(leads.slaDueAt),
          isNull(leads.firstContactAt),
          inArray(leads.status, [...OPEN_LEAD_STATUSES]),
          state,
          scopeSql(leadScope(viewer)),
          query.teamId ? eq(leads.teamId, query.teamId) : undefined,
          query.ownerId ? eq(leads.ownerId, query.ownerId) : undefined,
          cursor
            ? sql`(${leads.slaDueAt}, ${leads.id}) > (${String(cursor.value)}::timestamptz, ${cursor.id}::uuid)`
            : undefined,
        ),
      )
      .orderBy(asc(leads.slaDueAt), asc(leads.id))
      .limit(query.limit + 1);
    const page = pageFrom(rows, query.limit, (r) => encodeCursor(r.slaDueAt, r.id));
    const items: SlaItem[] = page.items.map((r) => {
      const dueAt = r.slaDueAt ?? now;
      return {
        id: r.id,
        companyName: r.companyName,
        contactName: r.contactName,
        grade: r.grade as LeadGrade | null,
        status: r.status as LeadStatus,
        ownerId: r.ownerId,
        ownerName: r.ownerName,
        teamId: r.teamId,
        teamName: r.teamName,
        assignedAt: r.assignedAt?.toISOString() ?? null,
        slaDueAt: dueAt.toISOString(),
        slaBreachedAt: r.slaBreachedAt?.toISOString() ?? null,
        lateMinutes: Math.max(0, Math.floor((now.getTime() - dueAt.getTime()) / 60_000)),
      };
    });
    return { items, nextCursor: page.nextCursor, now: now.toISOString() };
  });
}
