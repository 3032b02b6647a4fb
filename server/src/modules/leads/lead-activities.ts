import {
  type Activity,
  type ActivityKind,
  CONTACT_KINDS,
  type TimelineItem,
} from '@contracts/leads.contract';
import { and, desc, eq, lt } from 'drizzle-orm';
import { type Actor, writeAudit } from '../../platform/audit';
import type { Tx } from '../../platform/db/database';
import { users } from '../../platform/db/identity.tables';
import { auditLog } from '../../platform/db/platform.tables';
import { withTenant } from '../../platform/db/tenancy';
import { AppError } from '../../platform/http/errors';
import type { Platform } from '../../platform/platform';
import { type ActivityRow, insertActivity, listActivitiesOf, presentActivity } from '../activities';
import { loadLeadSettings } from './lead-settings';
import { statusColumns } from './lead-status';
import { leadAbilities } from './leads.policy';
import type { LeadRow } from './leads.queries';
import { type LeadCaller, viewerOf, visibleLead } from './leads.service';
import { leadEvents, leads } from './leads.tables';

/**
 * Following a lead up: logging calls, emails, meetings and visits (the first one stops the response SLA
 * clock and moves a new lead to contacted), notes and tasks, and the lead's timeline.
 */

export type LogActivityInput = {
  kind: ActivityKind;
  subject: string;
  body: string;
  direction: 'inbound' | 'outbound' | null;
  occurredAt?: string | undefined;
  dueAt?: string | null | undefined;
};

export async function logLeadActivity(
  platform: Platform,
  caller: LeadCaller,
  leadId: string,
  input: LogActivityInput,
): Promise<Activity> {
  const tenantId = caller.actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) => {
    const viewer = await viewerOf(tx, caller);
    const lead = await visibleLead(tx, viewer, tenantId, leadId, true);
    const abilities = leadAbilities(viewer, { ...lead, status: lead.status as 'new' });
    if (!abilities.edit) throw new AppError(lead.status === 'converted' ? 'lead_converted' : 'forbidden');
    const activity = await recordLeadActivity(
      tx,
      { actor: caller.actor, now: platform.clock.now() },
      lead,
      input,
    );
    const [owner] = await tx
      .select({ name: users.name })
      .from(users)
      .where(and(eq(users.tenantId, tenantId), eq(users.id, activity.ownerId)));
    return presentActivity(activity, owner?.name ?? null);
  });
}

/**
 * Records an activity on a locked lead row inside the caller's transaction: first contact stops the SLA
 * clock and moves a new lead to contacted, an inbound reply ends nurturing. Also used by the demo seeder.
 */
export async function recordLeadActivity(
  tx: Tx,
  ctx: { actor: Actor; now: Date },
  lead: LeadRow,
  input: LogActivityInput & { ownerId?: string },
): Promise<ActivityRow> {
  const { actor, now } = ctx;
  const tenantId = actor.tenantId;
  const occurredAt = input.occurredAt ? new Date(input.occurredAt) : now;
  const activity = await insertActivity(tx, {
    tenantId,
    kind: input.kind,
    subject: input.subject,
    body: input.body,
    direction: input.direction,
    occurredAt,
    dueAt: input.dueAt ? new Date(input.dueAt) : null,
    leadId: lead.id,
    ownerId: input.ownerId ?? actor.userId ?? lead.ownerId ?? '',
    createdBy: actor.userId,
  });

  const isContact = CONTACT_KINDS.includes(input.kind);
  const firstContact = isContact && !lead.firstContactAt;
  const moveToContacted = isContact && lead.status === 'new';
  const settings = moveToContacted ? await loadLeadSettings(tx, tenantId) : null;
  await tx
    .update(leads)
    .set({
      lastActivityAt: input.kind === 'task' ? lead.lastActivityAt : now,
      ...(firstContact ? { firstContactAt: occurredAt < now ? occurredAt : now } : {}),
      ...(moveToContacted && settings ? statusColumns(lead, 'contacted', null, now, settings) : {}),
      // An inbound reply ends nurturing touches: the lead is talking to us now.
      ...(input.direction === 'inbound' ? { nurtureNextAt: null } : {}),
      version: lead.version + 1,
      updatedAt: now,
    })
    .where(and(eq(leads.tenantId, tenantId), eq(leads.id, lead.id)));
  await writeAudit(tx, actor, {
    entity: 'lead',
    entityId: lead.id,
    action: 'activity',
    changes: {
      activity: { from: null, to: { id: activity.id, kind: activity.kind, subject: activity.subject } },
      ...(firstContact ? { firstContactAt: { from: null, to: occurredAt.toISOString() } } : {}),
      ...(moveToContacted ? { status: { from: lead.status, to: 'contacted' } } : {}),
    },
  });
  return activity;
}

export type TimelineQuery = {
  limit: number;
  before?: string | undefined;
  types?: ('activity' | 'event' | 'change')[] | undefined;
};

/** Changes already shown as an activity on the timeline are not repeated as a change. */
const CHANGE_ACTIONS_HIDDEN = new Set(['activity']);

export async function leadTimeline(
  platform: Platform,
  caller: LeadCaller,
  leadId: string,
  query: TimelineQuery,
) {
  const tenantId = caller.actor.tenantId;
  const want = new Set(query.types?.length ? query.types : ['activity', 'event', 'change']);
  const before = query.before ? new Date(query.before) : undefined;
  return withTenant(platform.db, tenantId, async (tx) => {
    const viewer = await viewerOf(tx, caller);
    await visibleLead(tx, viewer, tenantId, leadId);
    const items: TimelineItem[] = [];
    if (want.has('activity')) {
      for (const activity of await listActivitiesOf(
        tx,
        tenantId,
        { leadId },
        { limit: query.limit, before },
      )) {
        items.push({ type: 'activity', at: activity.occurredAt, activity });
      }
    }
    if (want.has('event')) {
      const events = await tx
        .select()
        .from(leadEvents)
        .where(
          and(
            eq(leadEvents.tenantId, tenantId),
            eq(leadEvents.leadId, leadId),
            before ? lt(leadEvents.occurredAt, before) : undefined,
          ),
        )
        .orderBy(desc(leadEvents.occurredAt))
        .limit(query.limit);
      for (const e of events) {
        items.push({
          type: 'event',
          at: e.occurredAt.toISOString(),
          event: { id: e.id, kind: e.kind, url: e.url, title: e.title, origin: e.origin },
        });
      }
    }
    if (want.has('change')) {
      const changes = await tx
        .select({ entry: auditLog, actorName: users.name })
        .from(auditLog)
        .leftJoin(users, and(eq(users.tenantId, auditLog.tenantId), eq(users.id, auditLog.actorId)))
        .where(
          and(
            eq(auditLog.tenantId, tenantId),
            eq(auditLog.entity, 'lead'),
            eq(auditLog.entityId, leadId),
            before ? lt(auditLog.at, before) : undefined,
          ),
        )
        .orderBy(desc(auditLog.at))
        .limit(query.limit);
      for (const c of changes) {
        if (CHANGE_ACTIONS_HIDDEN.has(c.entry.action)) continue;
        items.push({
          type: 'change',
          at: c.entry.at.toISOString(),
          change: {
            id: c.entry.id,
            action: c.entry.action,
            actorName: c.actorName,
            changes: c.entry.changes,
          },
        });
      }
    }
    items.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
    const page = items.slice(0, query.limit);
    const full = items.length > query.limit || page.length === query.limit;
    return { items: page, nextBefore: full ? (page[page.length - 1]?.at ?? null) : null };
  });
}
