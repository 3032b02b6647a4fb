import type { LeadEventKind } from '@contracts/leads.contract';
import { and, eq, inArray } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { Actor } from '../../platform/audit';
import type { Tx } from '../../platform/db/database';
import type { MailCopies } from '../notifications';
import { loadLeadSettings } from './lead-settings';
import { getLeadRow, type LeadRow } from './leads.queries';
import { leadEvents, leads } from './leads.tables';
import { rescoreLead } from './scoring/rescore';
import { loadScoreRules } from './scoring/rule-score';

/**
 * Behaviour events on a lead, from every origin (events API, web forms, mail tracking, imports): stored once
 * per `externalId`, then the lead's last-event time and rule score follow. A reply ends nurturing touches.
 */

export type NewLeadEvent = {
  kind: LeadEventKind;
  occurredAt: Date;
  url?: string | null;
  title?: string | null;
  meta?: Record<string, unknown>;
  origin: 'api' | 'form' | 'tracking' | 'import' | 'system';
  externalId?: string | null;
};

export type RecordedEvents = { lead: LeadRow; stored: number };

/** Records events on one lead (in the caller's transaction) and rescores it. Repeats of an externalId are ignored. */
export async function recordLeadEvents(
  tx: Tx,
  ctx: { tenantId: string; actor: Actor; now: Date; mail?: MailCopies | undefined },
  leadId: string,
  events: readonly NewLeadEvent[],
): Promise<RecordedEvents> {
  const lead = await getLeadRow(tx, ctx.tenantId, leadId, true);
  if (!lead) throw new Error(`lead ${leadId} not found`);
  if (events.length === 0) return { lead, stored: 0 };
  const externalIds = events.map((e) => e.externalId).filter((id): id is string => Boolean(id));
  const known =
    externalIds.length === 0
      ? new Set<string>()
      : new Set(
          (
            await tx
              .select({ externalId: leadEvents.externalId })
              .from(leadEvents)
              .where(and(eq(leadEvents.tenantId, ctx.tenantId), inArray(leadEvents.externalId, externalIds)))
          ).map((r) => r.externalId),
        );
  const fresh = events.filter((e, i) => {
    if (!e.externalId) return true;
    if (known.has(e.externalId)) return false;
    // The same id twice in one call counts once.
    return events.findIndex((o) => o.externalId === e.externalId) === i;
  });
  if (fresh.length === 0) return { lead, stored: 0 };
  const stored = await tx
    .insert(leadEvents)
    .values(
      fresh.map((e) => ({
        tenantId: ctx.tenantId,
        id: uuidv7(),
        leadId,
        kind: e.kind,
        occurredAt: e.occurredAt,
        url: e.url ?? null,
        title: e.title ?? null,
        meta: e.meta ?? {},
        origin: e.origin,
        externalId: e.externalId ?? null,
      })),
    )
    // A concurrent sender of the same externalId loses quietly: the event is stored once.
    .onConflictDoNothing()
    .returning({ id: leadEvents.id });
  if (stored.length === 0) return { lead, stored: 0 };
  const latest = new Date(Math.max(...fresh.map((e) => e.occurredAt.getTime())));
  const replied = fresh.some((e) => e.kind === 'reply');
  const [touched] = await tx
    .update(leads)
    .set({
      lastEventAt: lead.lastEventAt && lead.lastEventAt > latest ? lead.lastEventAt : latest,
      ...(replied ? { nurtureNextAt: null } : {}),
      updatedAt: ctx.now,
      version: lead.version + 1,
    })
    .where(and(eq(leads.tenantId, ctx.tenantId), eq(leads.id, leadId)))
    .returning();
  const rescored = await rescoreLead(
    tx,
    {
      tenantId: ctx.tenantId,
      actor: ctx.actor,
      now: ctx.now,
      settings: await loadLeadSettings(tx, ctx.tenantId),
      rules: await loadScoreRules(tx, ctx.tenantId),
      ...(ctx.mail ? { mail: ctx.mail } : {}),
    },
    touched ?? lead,
  );
  return { lead: rescored, stored: stored.length };
}
