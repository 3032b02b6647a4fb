import type { TimelineItem, TimelineType } from '@contracts/activities.contract';
import { and, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Tx } from '../../../platform/db/database';
import { queryRows } from '../../../platform/db/database';
import { auditLog } from '../../../platform/db/platform.tables';
import { withTenant } from '../../../platform/db/tenancy';
import { AppError } from '../../../platform/http/errors';
import { decodeCursor, encodeCursor } from '../../../platform/http/pagination';
import type { Platform } from '../../../platform/platform';
import { leadEvents, leads } from '../../leads';
import { userNames } from '../activities.queries';
import { presentActivity } from '../activities.service';
import { activities } from '../activities.tables';
import { canSeeRecord } from '../linked-records';
import { type ActivityCaller, viewerOf } from '../manage-activities';

/**
 * The unified history of a customer, contact or deal, newest first: its activities, the behaviour events
 * and recorded changes of the leads converted into it, and its own recorded changes. One page is merged in
 * SQL: each source yields at most a page from its own index, then UNION ALL ... ORDER BY ... LIMIT picks
 * the page, and only that page's rows are read in full.
 */

export type TimelineRecord = 'customer' | 'contact' | 'deal';

export type TimelineQuery = {
  limit: number;
  cursor?: string | undefined;
  types?: TimelineType[] | undefined;
};

/** Changes already shown as an activity are not repeated as a change. */
const HIDDEN_ACTIONS = ['activity'];

const ACTIVITY_COLUMN = {
  customer: activities.customerId,
  contact: activities.contactId,
  deal: activities.dealId,
} as const;

const LEAD_COLUMN = { customer: leads.customerId, contact: leads.contactId, deal: leads.dealId } as const;

type PageRow = { type: TimelineType; at: Date | string; id: string };

export async function recordTimeline(
  platform: Platform,
  caller: ActivityCaller,
  record: TimelineRecord,
  id: string,
  query: TimelineQuery,
): Promise<{ items: TimelineItem[]; nextCursor: string | null }> {
  const tenantId = caller.actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) => {
    const viewer = await viewerOf(tx, caller);
    if (!(await canSeeRecord(tx, viewer, tenantId, record, id, true))) throw new AppError('not_found');
    const rows = await pageRows(tx, tenantId, record, id, query);
    const page = rows.slice(0, query.limit);
    const items = await loadItems(tx, tenantId, page);
    const last = page[page.length - 1];
    return {
      items,
      nextCursor: rows.length > query.limit && last ? encodeCursor(new Date(last.at), last.id) : null,
    };
  });
}

async function pageRows(
  tx: Tx,
  tenantId: string,
  record: TimelineRecord,
  id: string,
  query: TimelineQuery,
): Promise<PageRow[]> {
  const want = new Set<TimelineType>(query.types?.length ? query.types : ['activity', 'event', 'change']);
  const take = query.limit + 1;
  const cursor = query.cursor ? decodeCursor(query.cursor) : null;
  const before = (at: SQL, rowId: SQL) =>
    cursor ? sql`AND (${at}, ${rowId}) < (${new Date(String(cursor.value))}, ${cursor.id}::uuid)` : sql``;
  // Only a conversion sets a lead's customer, contact and deal; the status narrows the scan to converted leads
  // (leads has no index on those columns).
  const convertedLeads = sql`(SELECT ${leads.id} FROM ${leads}
    WHERE ${leads.tenantId} = ${tenantId} AND ${leads.status} = 'converted' AND ${LEAD_COLUMN[record]} = ${id})`;
  const parts: SQL[] = [];
  if (want.has('activity')) {
    parts.push(sql`(SELECT 'activity' AS type, ${activities.occurredAt} AS at, ${activities.id} AS id
      FROM ${activities}
      WHERE ${activities.tenantId} = ${tenantId} AND ${ACTIVITY_COLUMN[record]} = ${id}
        ${before(sql`${activities.occurredAt}`, sql`${activities.id}`)}
      ORDER BY ${activities.occurredAt} DESC, ${activities.id} DESC LIMIT ${take})`);
  }
  if (want.has('event')) {
    parts.push(sql`(SELECT 'event' AS type, ${leadEvents.occurredAt} AS at, ${leadEvents.id} AS id
      FROM ${leadEvents}
      WHERE ${leadEvents.tenantId} = ${tenantId} AND ${leadEvents.leadId} IN ${convertedLeads}
        ${before(sql`${leadEvents.occurredAt}`, sql`${leadEvents.id}`)}
      ORDER BY ${leadEvents.occurredAt} DESC, ${leadEvents.id} DESC LIMIT ${take})`);
  }
  if (want.has('change')) {
    parts.push(sql`(SELECT 'change' AS type, ${auditLog.at} AS at, ${auditLog.id} AS id
      FROM ${auditLog}
      WHERE ${auditLog.tenantId} = ${tenantId}
        AND ((${auditLog.entity} = ${record} AND ${auditLog.entityId} = ${id})
          OR (${auditLog.entity} = 'lead' AND ${auditLog.entityId} IN (SELECT l.id::text FROM ${convertedLeads} l)))
        AND ${auditLog.action} <> ALL(${`{${HIDDEN_ACTIONS.join(',')}}`}::text[])
        ${before(sql`${auditLog.at}`, sql`${auditLog.id}`)}
      ORDER BY ${auditLog.at} DESC, ${auditLog.id} DESC LIMIT ${take})`);
  }
  if (parts.length === 0) return [];
  return queryRows<PageRow>(
    tx,
    sql`SELECT type, at, id FROM (${sql.join(parts, sql` UNION ALL `)}) AS merged
      ORDER BY at DESC, id DESC LIMIT ${take}`,
  );
}

/** The page's rows in full, in the page's order. */
async function loadItems(tx: Tx, tenantId: string, page: readonly PageRow[]): Promise<TimelineItem[]> {
  const idsOf = (type: TimelineType) => page.filter((r) => r.type === type).map((r) => r.id);
  const activityIds = idsOf('activity');
  const eventIds = idsOf('event');
  const changeIds = idsOf('change');
  const [activityRows, eventRows, changeRows] = await Promise.all([
    activityIds.length === 0
      ? []
      : tx
          .select()
          .from(activities)
          .where(and(eq(activities.tenantId, tenantId), inArray(activities.id, activityIds))),
    eventIds.length === 0
      ? []
      : tx
          .select()
          .from(leadEvents)
          .where(and(eq(leadEvents.tenantId, tenantId), inArray(leadEvents.id, eventIds))),
    changeIds.length === 0
      ? []
      : tx
          .select()
          .from(auditLog)
          .where(and(eq(auditLog.tenantId, tenantId), inArray(auditLog.id, changeIds))),
  ]);
  const names = await userNames(tx, tenantId, [
    ...activityRows.map((a) => a.ownerId),
    ...changeRows.map((c) => c.actorId).filter((id): id is string => id !== null),
  ]);
  const byId = new Map<string, TimelineItem>();
  for (const a of activityRows) {
    byId.set(a.id, {
      type: 'activity',
      at: a.occurredAt.toISOString(),
      activity: presentActivity(a, names.get(a.ownerId) ?? null),
    });
  }
  for (const e of eventRows) {
    byId.set(e.id, {
      type: 'event',
      at: e.occurredAt.toISOString(),
      event: { id: e.id, kind: e.kind, url: e.url, title: e.title, origin: e.origin },
    });
  }
  for (const c of changeRows) {
    byId.set(c.id, {
      type: 'change',
      at: c.at.toISOString(),
      change: {
        id: c.id,
        entity: c.entity,
        action: c.action,
        actorName: c.actorId ? (names.get(c.actorId) ?? null) : null,
        changes: c.changes,
      },
    });
  }
  return page.map((r) => byId.get(r.id)).filter((item): item is TimelineItem => item !== undefined);
}
