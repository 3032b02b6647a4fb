import type {
  ActivityItem,
  CreateActivityBody,
  ListActivitiesQuery,
  Person,
  UpdateActivityBody,
} from '@contracts/activities.contract';
import type { Role } from '@contracts/common';
import { and, eq } from 'drizzle-orm';
import { type Actor, changesBetween, writeAudit } from '../../platform/audit';
import type { Tx } from '../../platform/db/database';
import { users } from '../../platform/db/identity.tables';
import { withTenant } from '../../platform/db/tenancy';
import { AppError, invalidFields } from '../../platform/http/errors';
import type { Platform } from '../../platform/platform';
import { recordLeadActivity } from '../leads';
import { type ActivityViewer, canAssignActivity, canManageActivity } from './activities.policy';
import {
  getActivityRow,
  listActivityRows,
  loadViewer,
  overseenPeople,
  presentItems,
} from './activities.queries';
import { type ActivityRow, insertActivity } from './activities.service';
import { activities } from './activities.tables';
import { type KindFields, kindFieldProblems } from './activity-fields';
import {
  canSeeRecord,
  type Links,
  noteLinkedActivity,
  type RecordKind,
  resolveLinks,
} from './linked-records';

/** Activity use cases: log or plan, read, list, edit, complete and reopen tasks, delete. */

export type ActivityCaller = { actor: Actor; role: Role };

export function viewerOf(tx: Tx, caller: ActivityCaller): Promise<ActivityViewer> {
  return loadViewer(tx, caller.actor.tenantId, { userId: caller.actor.userId ?? '', role: caller.role });
}

const AUDITED = [
  'kind',
  'subject',
  'direction',
  'occurredAt',
  'endsAt',
  'location',
  'dueAt',
  'doneAt',
  'priority',
  'remindAt',
  'ownerId',
  'leadId',
  'customerId',
  'contactId',
  'dealId',
] as const satisfies readonly (keyof ActivityRow)[];

const date = (iso: string | null | undefined) => (iso ? new Date(iso) : null);

const linksOf = (row: Links): Links => ({
  leadId: row.leadId,
  customerId: row.customerId,
  contactId: row.contactId,
  dealId: row.dealId,
});

async function assertAssignee(tx: Tx, viewer: ActivityViewer, tenantId: string, ownerId: string) {
  if (!canAssignActivity(viewer, ownerId)) throw invalidFields({ path: 'ownerId', code: 'not_permitted' });
  const [user] = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.tenantId, tenantId), eq(users.id, ownerId), eq(users.status, 'active')));
  if (!user) throw invalidFields({ path: 'ownerId', code: 'unknown_user' });
}

function assertKindFields(kind: ActivityRow['kind'], fields: KindFields) {
  const problems = kindFieldProblems(kind as CreateActivityBody['kind'], fields);
  if (problems.length > 0) throw invalidFields(...problems);
}

/** Contact with a customer happened at the time logged, or now for something logged ahead of time. */
function contactTime(row: ActivityRow, now: Date): Date | null {
  if (row.kind === 'task') return null;
  return row.occurredAt < now ? row.occurredAt : now;
}

export async function createActivity(
  platform: Platform,
  caller: ActivityCaller,
  body: CreateActivityBody,
): Promise<ActivityItem> {
  const { actor } = caller;
  const tenantId = actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) => {
    const viewer = await viewerOf(tx, caller);
    const now = platform.clock.now();
    const ownerId = body.ownerId ?? viewer.userId;
    if (ownerId !== viewer.userId) await assertAssignee(tx, viewer, tenantId, ownerId);
    const fields: KindFields = {
      direction: body.direction ?? null,
      occurredAt: date(body.occurredAt) ?? now,
      endsAt: date(body.endsAt),
      location: body.location?.trim() || null,
      dueAt: date(body.dueAt),
      priority: body.priority ?? 'normal',
      remindAt: date(body.remindAt),
    };
    assertKindFields(body.kind, fields);
    const { links, lead } = await resolveLinks(
      tx,
      viewer,
      tenantId,
      {
        leadId: body.leadId ?? null,
        customerId: body.customerId ?? null,
        contactId: body.contactId ?? null,
        dealId: body.dealId ?? null,
      },
      { checkLead: true },
    );
    const extra = {
      endsAt: fields.endsAt,
      location: fields.location,
      priority: fields.priority,
      remindAt: fields.remindAt,
      customerId: links.customerId,
      contactId: links.contactId,
      dealId: links.dealId,
    };
    let row: ActivityRow;
    if (lead) {
      // The lead module records it, so a first contact stops the lead's response SLA as on the lead page.
      const logged = await recordLeadActivity(tx, { actor, now }, lead, {
        kind: body.kind,
        subject: body.subject,
        body: body.body,
        direction: fields.direction,
        occurredAt: fields.occurredAt.toISOString(),
        dueAt: fields.dueAt?.toISOString() ?? null,
        ownerId,
      });
      const [updated] = await tx
        .update(activities)
        .set(extra)
        .where(and(eq(activities.tenantId, tenantId), eq(activities.id, logged.id)))
        .returning();
      row = updated ?? logged;
    } else {
      row = await insertActivity(tx, {
        tenantId,
        kind: body.kind,
        subject: body.subject,
        body: body.body,
        direction: fields.direction,
        occurredAt: fields.occurredAt,
        dueAt: fields.dueAt,
        ...extra,
        leadId: null,
        ownerId,
        createdBy: actor.userId,
      });
    }
    const contactAt = contactTime(row, now);
    if (contactAt) await noteLinkedActivity(tx, tenantId, links, contactAt);
    await writeAudit(tx, actor, {
      entity: 'activity',
      entityId: row.id,
      action: 'create',
      changes: changesBetween(null, row, AUDITED),
    });
    const [item] = await presentItems(tx, tenantId, viewer, [row]);
    if (!item) throw new Error('activity not presented');
    return item;
  });
}

/** Whether the viewer reads an activity: through its people, or through a record it is linked to. */
async function canRead(tx: Tx, viewer: ActivityViewer, tenantId: string, row: ActivityRow) {
  if (canManageActivity(viewer, row)) return true;
  const links: [RecordKind, string | null][] = [
    ['customer', row.customerId],
    ['deal', row.dealId],
    ['contact', row.contactId],
    ['lead', row.leadId],
  ];
  for (const [kind, id] of links) {
    if (id && (await canSeeRecord(tx, viewer, tenantId, kind, id))) return true;
  }
  return false;
}

/** The activity if the viewer may read it, else not_found (nobody learns what exists elsewhere). */
async function readable(tx: Tx, viewer: ActivityViewer, tenantId: string, id: string, lock = false) {
  const row = await getActivityRow(tx, tenantId, id, lock);
  if (!row || !(await canRead(tx, viewer, tenantId, row))) throw new AppError('not_found');
  return row;
}

/** For a change: readable, and the viewer's to manage (else forbidden), at the version they read. */
async function manageable(
  tx: Tx,
  viewer: ActivityViewer,
  tenantId: string,
  id: string,
  expectedVersion: number | null,
) {
  const row = await readable(tx, viewer, tenantId, id, true);
  if (!canManageActivity(viewer, row)) throw new AppError('forbidden');
  if (expectedVersion !== null && row.version !== expectedVersion) throw new AppError('version_conflict');
  return row;
}

export async function getActivity(platform: Platform, caller: ActivityCaller, id: string) {
  const tenantId = caller.actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) => {
    const viewer = await viewerOf(tx, caller);
    const row = await readable(tx, viewer, tenantId, id);
    const [item] = await presentItems(tx, tenantId, viewer, [row]);
    if (!item) throw new Error('activity not presented');
    return item;
  });
}

export async function listActivities(
  platform: Platform,
  caller: ActivityCaller,
  query: ListActivitiesQuery,
): Promise<{ items: ActivityItem[]; nextCursor: string | null }> {
  const tenantId = caller.actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) => {
    const viewer = await viewerOf(tx, caller);
    const records: [RecordKind, string | undefined][] = [
      ['lead', query.leadId],
      ['customer', query.customerId],
      ['contact', query.contactId],
      ['deal', query.dealId],
    ];
    const named = records.filter((r): r is [RecordKind, string] => r[1] !== undefined);
    let recordVisible = named.length > 0;
    for (const [kind, id] of named) {
      if (!(await canSeeRecord(tx, viewer, tenantId, kind, id))) recordVisible = false;
    }
    const page = await listActivityRows(tx, tenantId, viewer, {
      ...query,
      recordVisible,
      now: platform.clock.now(),
    });
    return { items: await presentItems(tx, tenantId, viewer, page.items), nextCursor: page.nextCursor };
  });
}

export async function updateActivity(
  platform: Platform,
  caller: ActivityCaller,
  id: string,
  expectedVersion: number | null,
  patch: UpdateActivityBody,
): Promise<ActivityItem> {
  const { actor } = caller;
  const tenantId = actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) => {
    const viewer = await viewerOf(tx, caller);
    const before = await manageable(tx, viewer, tenantId, id, expectedVersion);
    const now = platform.clock.now();
    const pick = <K extends keyof KindFields>(key: K, value: KindFields[K] | undefined): KindFields[K] =>
      value === undefined ? (before[key] as KindFields[K]) : value;
    const fields: KindFields = {
      direction: pick('direction', patch.direction),
      occurredAt: pick('occurredAt', patch.occurredAt ? new Date(patch.occurredAt) : undefined),
      endsAt: pick('endsAt', patch.endsAt === undefined ? undefined : date(patch.endsAt)),
      location: pick('location', patch.location === undefined ? undefined : patch.location?.trim() || null),
      dueAt: pick('dueAt', patch.dueAt === undefined ? undefined : date(patch.dueAt)),
      priority: pick('priority', patch.priority),
      remindAt: pick('remindAt', patch.remindAt === undefined ? undefined : date(patch.remindAt)),
    };
    assertKindFields(before.kind, fields);
    if (patch.ownerId !== undefined && patch.ownerId !== before.ownerId) {
      await assertAssignee(tx, viewer, tenantId, patch.ownerId);
    }
    let links = linksOf(before);
    const relinked =
      (patch.customerId !== undefined && patch.customerId !== before.customerId) ||
      (patch.contactId !== undefined && patch.contactId !== before.contactId) ||
      (patch.dealId !== undefined && patch.dealId !== before.dealId);
    if (relinked) {
      const resolved = await resolveLinks(
        tx,
        viewer,
        tenantId,
        {
          leadId: before.leadId,
          customerId: patch.customerId === undefined ? before.customerId : patch.customerId,
          contactId: patch.contactId === undefined ? before.contactId : patch.contactId,
          dealId: patch.dealId === undefined ? before.dealId : patch.dealId,
        },
        { checkLead: false },
      );
      links = resolved.links;
    }
    const reminderMoved = fields.remindAt?.getTime() !== before.remindAt?.getTime();
    const [after] = await tx
      .update(activities)
      .set({
        ...(patch.subject !== undefined ? { subject: patch.subject } : {}),
        ...(patch.body !== undefined ? { body: patch.body } : {}),
        ...fields,
        // A moved reminder fires again at its new time.
        ...(reminderMoved ? { remindedAt: null } : {}),
        ...(patch.ownerId !== undefined ? { ownerId: patch.ownerId } : {}),
        customerId: links.customerId,
        contactId: links.contactId,
        dealId: links.dealId,
        version: before.version + 1,
        updatedAt: now,
      })
      .where(and(eq(activities.tenantId, tenantId), eq(activities.id, id)))
      .returning();
    if (!after) throw new AppError('not_found');
    const contactAt = relinked ? contactTime(after, now) : null;
    if (contactAt) await noteLinkedActivity(tx, tenantId, links, contactAt);
    const changes = changesBetween(before, after, [...AUDITED, 'body']);
    if (Object.keys(changes).length > 0) {
      await writeAudit(tx, actor, { entity: 'activity', entityId: id, action: 'update', changes });
    }
    const [item] = await presentItems(tx, tenantId, viewer, [after]);
    if (!item) throw new Error('activity not presented');
    return item;
  });
}

/** Marks a task done (done: true) or open again; repeating either is harmless. */
export async function setTaskDone(
  platform: Platform,
  caller: ActivityCaller,
  id: string,
  version: number,
  done: boolean,
): Promise<ActivityItem> {
  const { actor } = caller;
  const tenantId = actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) => {
    const viewer = await viewerOf(tx, caller);
    const before = await manageable(tx, viewer, tenantId, id, version);
    if (before.kind !== 'task') throw new AppError('not_a_task');
    let row = before;
    if ((before.doneAt !== null) !== done) {
      const now = platform.clock.now();
      const [after] = await tx
        .update(activities)
        .set({ doneAt: done ? now : null, version: before.version + 1, updatedAt: now })
        .where(and(eq(activities.tenantId, tenantId), eq(activities.id, id)))
        .returning();
      if (!after) throw new AppError('not_found');
      row = after;
      await writeAudit(tx, actor, {
        entity: 'activity',
        entityId: id,
        action: done ? 'complete' : 'reopen',
        changes: changesBetween(before, after, ['doneAt']),
      });
    }
    const [item] = await presentItems(tx, tenantId, viewer, [row]);
    if (!item) throw new Error('activity not presented');
    return item;
  });
}

export async function deleteActivity(platform: Platform, caller: ActivityCaller, id: string): Promise<void> {
  const { actor } = caller;
  const tenantId = actor.tenantId;
  await withTenant(platform.db, tenantId, async (tx) => {
    const viewer = await viewerOf(tx, caller);
    const before = await manageable(tx, viewer, tenantId, id, null);
    await tx.delete(activities).where(and(eq(activities.tenantId, tenantId), eq(activities.id, id)));
    await writeAudit(tx, actor, {
      entity: 'activity',
      entityId: id,
      action: 'delete',
      changes: changesBetween(before, null, [...AUDITED, 'body']),
    });
  });
}

export async function listPeople(platform: Platform, caller: ActivityCaller): Promise<{ items: Person[] }> {
  const tenantId = caller.actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) => ({
    items: await overseenPeople(tx, tenantId, await viewerOf(tx, caller)),
  }));
}
