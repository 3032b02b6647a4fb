import type { Locale } from '@contracts/common';
import type { LeadStatus } from '@contracts/leads.contract';
import { and, eq } from 'drizzle-orm';
import { changesBetween, writeAudit } from '../../../platform/audit';
import { withTenant } from '../../../platform/db/tenancy';
import { AppError, errorSentence } from '../../../platform/http/errors';
import type { Platform } from '../../../platform/platform';
import { dispatchMailCopies, mailCopies, notify } from '../../notifications';
import { loadLeadSettings, slaHoursFor } from '../lead-settings';
import { leadAbilities } from '../leads.policy';
import { type LeadCaller, viewerOf, visibleLead } from '../leads.service';
import { leads } from '../leads.tables';
import { Router } from './assign';

/**
 * "Route again": unassigned leads (none of a rep, maybe of a team) go through the assignment rules as if
 * they were new, e.g. after a rule was added or a rep came back. Each lead succeeds or fails on its own;
 * an assigned lead starts its response SLA and its new owner is told.
 */

export type RouteAgainResult = {
  assigned: number;
  teamOnly: number;
  unmatched: number;
  failed: { id: string; code: string; detail: string }[];
};

export async function routeAgain(
  platform: Platform,
  caller: LeadCaller,
  ids: readonly string[],
  locale: Locale,
): Promise<RouteAgainResult> {
  const tenantId = caller.actor.tenantId;
  const copies = mailCopies(platform.config);
  const result = await withTenant(platform.db, tenantId, async (tx) => {
    const viewer = await viewerOf(tx, caller);
    const now = platform.clock.now();
    const settings = await loadLeadSettings(tx, tenantId);
    const router = await Router.load(tx, tenantId, now);
    const out: RouteAgainResult = { assigned: 0, teamOnly: 0, unmatched: 0, failed: [] };
    for (const id of [...new Set(ids)]) {
      try {
        await tx.transaction(async (sp) => {
          const before = await visibleLead(sp, viewer, tenantId, id, true);
          const abilities = leadAbilities(viewer, { ...before, status: before.status as LeadStatus });
          if (before.status === 'converted') throw new AppError('lead_converted');
          if (!abilities.assign) throw new AppError('forbidden');
          if (before.ownerId) throw new AppError('lead_has_owner');
          const routed = await router.route(before);
          if (!routed) {
            out.unmatched += 1;
            return;
          }
          const hours = routed.ownerId ? slaHoursFor(settings, before.grade) : null;
          const [after] = await sp
            .update(leads)
            .set({
              ownerId: routed.ownerId,
              teamId: routed.teamId,
              assignedAt: routed.ownerId ? now : null,
              slaDueAt: hours && !before.firstContactAt ? new Date(now.getTime() + hours * 3_600_000) : null,
              slaBreachedAt: null,
              version: before.version + 1,
              updatedAt: now,
            })
            .where(and(eq(leads.tenantId, tenantId), eq(leads.id, id)))
            .returning();
          if (!after) throw new AppError('not_found');
          await writeAudit(sp, caller.actor, {
            entity: 'lead',
            entityId: id,
            action: 'assign',
            changes: {
              ...changesBetween(before, after, ['ownerId', 'teamId']),
              rule: { from: null, to: routed.ruleId },
            },
          });
          if (!after.ownerId) {
            out.teamOnly += 1;
            return;
          }
          out.assigned += 1;
          if (after.ownerId !== caller.actor.userId) {
            await notify(sp, {
              tenantId,
              userIds: [after.ownerId],
              kind: 'lead_assigned',
              params: { count: 1, name: after.companyName ?? after.contactName ?? '', grade: after.grade },
              entity: 'lead',
              entityId: after.id,
              mail: copies,
            });
          }
        });
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        out.failed.push({ id, code: error.code, detail: errorSentence(error, locale) });
      }
    }
    await router.commit();
    return out;
  });
  await dispatchMailCopies(platform, tenantId, copies);
  return result;
}
