import type { Lead, LeadStatus } from '@contracts/leads.contract';
import { and, eq } from 'drizzle-orm';
import { changesBetween, writeAudit } from '../../../platform/audit';
import { withTenant } from '../../../platform/db/tenancy';
import { AppError, invalidFields } from '../../../platform/http/errors';
import type { Platform } from '../../../platform/platform';
import { loadLeadSettings } from '../lead-settings';
import { statusColumns } from '../lead-status';
import { checkTransition, leadAbilities } from '../leads.policy';
import { presentLead } from '../leads.queries';
import { type LeadCaller, viewerOf, visibleLead } from '../leads.service';
import { leads } from '../leads.tables';
import { startColumns } from './enrolment';
import { loadTrack } from './tracks.service';

/**
 * Putting a lead on a nurture track by hand (it moves to nurturing if it is not there yet), or taking it off
 * (`trackId` null: no more touches; its status stays).
 */
export async function enrolLead(
  platform: Platform,
  caller: LeadCaller,
  leadId: string,
  trackId: string | null,
): Promise<Lead> {
  const tenantId = caller.actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) => {
    const viewer = await viewerOf(tx, caller);
    const before = await visibleLead(tx, viewer, tenantId, leadId, true);
    if (before.status === 'converted') throw new AppError('lead_converted');
    if (!leadAbilities(viewer, { ...before, status: before.status as LeadStatus }).edit) {
      throw new AppError('forbidden');
    }
    const now = platform.clock.now();
    let set: Partial<typeof leads.$inferInsert>;
    if (trackId === null) {
      set = { nurtureTrackId: null, nurtureStep: null, nurtureNextAt: null };
    } else {
      const track = await loadTrack(tx, tenantId, trackId);
      if (!track) throw invalidFields({ path: 'trackId', code: 'unknown_record' });
      if (!track.active) throw invalidFields({ path: 'trackId', code: 'track_inactive' });
      set = startColumns(track, now);
      if (before.status !== 'nurturing') {
        const check = checkTransition(before.status as LeadStatus, 'nurturing', null);
        if (!check.ok) throw new AppError('transition_not_allowed', { from: before.status, to: 'nurturing' });
        const settings = await loadLeadSettings(tx, tenantId);
        set = { ...statusColumns(before, 'nurturing', null, now, settings), ...set };
      }
    }
    const [after] = await tx
      .update(leads)
      .set({ ...set, version: before.version + 1, updatedAt: now })
      .where(and(eq(leads.tenantId, tenantId), eq(leads.id, leadId)))
      .returning();
    if (!after) throw new AppError('not_found');
    await writeAudit(tx, caller.actor, {
      entity: 'lead',
      entityId: leadId,
      action: trackId === null ? 'nurture_stop' : 'nurture_enrol',
      changes: changesBetween(before, after, ['status', 'nurtureTrackId', 'nurtureStep', 'nurtureNextAt']),
    });
    return presentLead(tx, after, viewer);
  });
}
