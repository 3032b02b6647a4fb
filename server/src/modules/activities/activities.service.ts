import type { Activity, ActivityKind, ActivityPriority } from '@contracts/activities.contract';
import { and, desc, eq, lt, type SQL } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { Tx } from '../../platform/db/database';
import { users } from '../../platform/db/identity.tables';
import { activities } from './activities.tables';

/**
 * Activities as records other modules write and read inside their own transactions (a lead logs a call,
 * a conversion re-links a lead's history to the new customer). The activities API and screens build on these.
 */

export type ActivityRow = typeof activities.$inferSelect;

export type NewActivity = {
  tenantId: string;
  kind: ActivityKind;
  subject: string;
  body?: string;
  direction?: 'inbound' | 'outbound' | null;
  occurredAt: Date;
  endsAt?: Date | null;
  location?: string | null;
  dueAt?: Date | null;
  priority?: ActivityPriority;
  remindAt?: Date | null;
  leadId?: string | null;
  customerId?: string | null;
  contactId?: string | null;
  dealId?: string | null;
  ownerId: string;
  createdBy: string | null;
};

export async function insertActivity(tx: Tx, input: NewActivity): Promise<ActivityRow> {
  const [row] = await tx
    .insert(activities)
    .values({
      tenantId: input.tenantId,
      id: uuidv7(),
      kind: input.kind,
      subject: input.subject,
      body: input.body ?? '',
      direction: input.direction ?? null,
      occurredAt: input.occurredAt,
      endsAt: input.endsAt ?? null,
      location: input.location ?? null,
      dueAt: input.dueAt ?? null,
      priority: input.priority ?? 'normal',
      remindAt: input.remindAt ?? null,
      leadId: input.leadId ?? null,
      customerId: input.customerId ?? null,
      contactId: input.contactId ?? null,
      dealId: input.dealId ?? null,
      ownerId: input.ownerId,
      createdBy: input.createdBy,
    })
    .returning();
  if (!row) throw new Error('activity insert returned nothing');
  return row;
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

export function presentActivity(row: ActivityRow, ownerName: string | null): Activity {
  return {
    id: row.id,
    kind: row.kind as ActivityKind,
    subject: row.subject,
    body: row.body,
    direction: row.direction as Activity['direction'],
    occurredAt: row.occurredAt.toISOString(),
    endsAt: iso(row.endsAt),
    location: row.location,
    dueAt: iso(row.dueAt),
    doneAt: iso(row.doneAt),
    priority: row.priority as ActivityPriority,
    remindAt: iso(row.remindAt),
    remindedAt: iso(row.remindedAt),
    leadId: row.leadId,
    customerId: row.customerId,
    contactId: row.contactId,
    dealId: row.dealId,
    ownerId: row.ownerId,
    ownerName,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

export type ActivityLink =
  | { leadId: string }
  | { customerId: string }
  | { contactId: string }
  | { dealId: string };

function linkCondition(link: ActivityLink): SQL {
  if ('leadId' in link) return eq(activities.leadId, link.leadId);
  if ('customerId' in link) return eq(activities.customerId, link.customerId);
  if ('contactId' in link) return eq(activities.contactId, link.contactId);
  return eq(activities.dealId, link.dealId);
}

/** Activities of one record, newest first, strictly before `before` when given. */
export async function listActivitiesOf(
  tx: Tx,
  tenantId: string,
  link: ActivityLink,
  options: { limit: number; before?: Date | undefined },
): Promise<Activity[]> {
  const rows = await tx
    .select({ activity: activities, ownerName: users.name })
    .from(activities)
    .leftJoin(users, and(eq(users.tenantId, activities.tenantId), eq(users.id, activities.ownerId)))
    .where(
      and(
        eq(activities.tenantId, tenantId),
        linkCondition(link),
        options.before ? lt(activities.occurredAt, options.before) : undefined,
      ),
    )
    .orderBy(desc(activities.occurredAt), desc(activities.id))
    .limit(options.limit);
  return rows.map((r) => presentActivity(r.activity, r.ownerName));
}

/** Gives every activity of a lead the customer, contact and deal it converted into (its lead link stays). */
export async function relinkLeadActivities(
  tx: Tx,
  tenantId: string,
  leadId: string,
  to: { customerId: string; contactId: string | null; dealId: string | null },
): Promise<void> {
  await tx
    .update(activities)
    .set({ customerId: to.customerId, contactId: to.contactId, dealId: to.dealId })
    .where(and(eq(activities.tenantId, tenantId), eq(activities.leadId, leadId)));
}

/** Moves a merged-away lead's activities to the lead that absorbed it. */
export async function moveLeadActivities(tx: Tx, tenantId: string, fromLeadId: string, toLeadId: string) {
  await tx
    .update(activities)
    .set({ leadId: toLeadId })
    .where(and(eq(activities.tenantId, tenantId), eq(activities.leadId, fromLeadId)));
}
