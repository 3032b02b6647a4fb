import type { LeadEventKind } from '@contracts/leads.contract';
import { OPEN_LEAD_STATUSES } from '@contracts/leads.contract';
import type {
  LeadEvent,
  LeadEventInput,
  RecordLeadEventsAnswer,
  UNMATCHED_CODES,
} from '@contracts/marketing.contract';
import { and, desc, eq, inArray } from 'drizzle-orm';
import { writeAudit } from '../../../platform/audit';
import { withTenant } from '../../../platform/db/tenancy';
import { afterCursor, encodeCursor, pageFrom } from '../../../platform/http/pagination';
import type { Platform } from '../../../platform/platform';
import { normalizeEmail } from '../../../platform/text/normalize';
import { dispatchMailCopies, mailCopies } from '../../notifications';
import { type NewLeadEvent, recordLeadEvents } from '../lead-events';
import { leadScope } from '../leads.policy';
import { scopeSql } from '../leads.queries';
import { type LeadCaller, viewerOf, visibleLead } from '../leads.service';
import { leadEvents, leads } from '../leads.tables';

/**
 * The behaviour events API: integrations (site tracking, webinar tools, mail platforms) report what leads
 * did. Each item is matched on its own, by lead id or by email, among the leads the caller may see, so a
 * token never learns of or touches a lead its user could not open; unmatched items are reported, not fatal.
 */

type Item = RecordLeadEventsAnswer['items'][number];
type UnmatchedCode = (typeof UNMATCHED_CODES)[number];

export async function recordEvents(
  platform: Platform,
  caller: LeadCaller,
  events: readonly LeadEventInput[],
): Promise<RecordLeadEventsAnswer> {
  const tenantId = caller.actor.tenantId;
  const mail = mailCopies(platform.config);
  const answer = await withTenant(platform.db, tenantId, async (tx) => {
    const visible = scopeSql(leadScope(await viewerOf(tx, caller)));
    const now = platform.clock.now();

    const ids = [...new Set(events.map((e) => e.leadId).filter((id): id is string => Boolean(id)))];
    const known = new Set(
      ids.length === 0
        ? []
        : (
            await tx
              .select({ id: leads.id })
              .from(leads)
              .where(and(eq(leads.tenantId, tenantId), inArray(leads.id, ids), visible))
          ).map((r) => r.id),
    );
    const emails = [
      ...new Set(events.map((e) => normalizeEmail(e.email)).filter((e): e is string => e !== null)),
    ];
    // The newest open lead per address: the one a person's current interest belongs to.
    const byEmail = new Map(
      emails.length === 0
        ? []
        : (
            await tx
              .selectDistinctOn([leads.emailNorm], { emailNorm: leads.emailNorm, id: leads.id })
              .from(leads)
              .where(
                and(
                  eq(leads.tenantId, tenantId),
                  inArray(leads.emailNorm, emails),
                  inArray(leads.status, [...OPEN_LEAD_STATUSES]),
                  visible,
                ),
              )
              .orderBy(leads.emailNorm, desc(leads.createdAt), desc(leads.id))
          ).map((r) => [r.emailNorm, r.id]),
    );
    const externalIds = events.map((e) => e.externalId).filter((id): id is string => Boolean(id));
    const seen = new Set(
      externalIds.length === 0
        ? []
        : (
            await tx
              .select({ externalId: leadEvents.externalId })
              .from(leadEvents)
              .where(and(eq(leadEvents.tenantId, tenantId), inArray(leadEvents.externalId, externalIds)))
          ).map((r) => r.externalId),
    );

    const items: Item[] = [];
    const perLead = new Map<string, NewLeadEvent[]>();
    for (const [index, event] of events.entries()) {
      let leadId: string | null = null;
      let code: UnmatchedCode | null = null;
      if (event.leadId && known.has(event.leadId)) leadId = event.leadId;
      else if (event.email) {
        const email = normalizeEmail(event.email);
        leadId = email ? (byEmail.get(email) ?? null) : null;
        if (!leadId) code = email ? 'email_not_found' : 'invalid_email';
      } else code = 'lead_not_found';
      if (!leadId) {
        items.push({ index, status: 'unmatched', leadId: null, code: code ?? 'lead_not_found' });
        continue;
      }
      // Stored once per externalId, whoever sends it again (recordLeadEvents guards races the same way).
      if (event.externalId && seen.has(event.externalId)) {
        items.push({ index, status: 'duplicate', leadId, code: null });
        continue;
      }
      if (event.externalId) seen.add(event.externalId);
      items.push({ index, status: 'stored', leadId, code: null });
      perLead.set(leadId, [
        ...(perLead.get(leadId) ?? []),
        {
          kind: event.kind,
          occurredAt: event.occurredAt ? new Date(event.occurredAt) : now,
          url: event.url ?? null,
          title: event.title ?? null,
          meta: event.meta ?? {},
          origin: 'api',
          externalId: event.externalId ?? null,
        },
      ]);
    }

    for (const [leadId, batch] of perLead) {
      const { stored } = await recordLeadEvents(
        tx,
        { tenantId, actor: caller.actor, now, mail },
        leadId,
        batch,
      );
      if (stored === 0) continue;
      await writeAudit(tx, caller.actor, {
        entity: 'lead',
        entityId: leadId,
        action: 'events_recorded',
        changes: { events: { from: null, to: batch.map((e) => e.kind) } },
      });
    }

    const count = (status: Item['status']) => items.filter((i) => i.status === status).length;
    return { stored: count('stored'), duplicate: count('duplicate'), unmatched: count('unmatched'), items };
  });
  await dispatchMailCopies(platform, tenantId, mail);
  return answer;
}

export async function listEvents(
  platform: Platform,
  caller: LeadCaller,
  leadId: string,
  params: { limit: number; cursor?: string | undefined; kind?: LeadEventKind | undefined },
) {
  const tenantId = caller.actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) => {
    await visibleLead(tx, await viewerOf(tx, caller), tenantId, leadId);
    const sort = { column: leadEvents.occurredAt, desc: true };
    const rows = await tx
      .select()
      .from(leadEvents)
      .where(
        and(
          eq(leadEvents.tenantId, tenantId),
          eq(leadEvents.leadId, leadId),
          params.kind ? eq(leadEvents.kind, params.kind) : undefined,
          afterCursor(sort, leadEvents.id, params.cursor),
        ),
      )
      .orderBy(desc(leadEvents.occurredAt), desc(leadEvents.id))
      .limit(params.limit + 1);
    const page = pageFrom(rows, params.limit, (r) => encodeCursor(r.occurredAt, r.id));
    return {
      items: page.items.map(
        (r): LeadEvent => ({
          id: r.id,
          leadId: r.leadId,
          kind: r.kind as LeadEventKind,
          occurredAt: r.occurredAt.toISOString(),
          url: r.url,
          title: r.title,
          meta: r.meta,
          origin: r.origin,
          externalId: r.externalId,
          createdAt: r.createdAt.toISOString(),
        }),
      ),
      nextCursor: page.nextCursor,
    };
  });
}
