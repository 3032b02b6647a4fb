import type { Actor } from '../../../platform/audit';
import type { Tx } from '../../../platform/db/database';
import type { LeadRow } from '../leads.queries';
import { defaultTrack, loadTrack, stepsOf, type TrackRow } from './tracks.service';

/**
 * Where a lead stands on its nurture track. `nurtureNextAt` is the clock: set, the sweep runs the step
 * `nurtureStep` then; null, the touches have stopped (a reply, a re-grade, a status change, an unenrol).
 */

const DAY_MS = 86_400_000;

export type NurtureColumns = Pick<LeadRow, 'nurtureTrackId' | 'nurtureStep' | 'nurtureNextAt'>;

/** Starts a track from its first step: the first touch comes that step's delay after now. */
export function startColumns(track: TrackRow, now: Date): NurtureColumns {
  const first = stepsOf(track)[0];
  return {
    nurtureTrackId: track.id,
    nurtureStep: 0,
    nurtureNextAt: first ? new Date(now.getTime() + first.delayDays * DAY_MS) : null,
  };
}

/** After step `done`: the next step and when it is due, or the end of the track (the start again if it repeats). */
export function advanceColumns(track: TrackRow, done: number, now: Date): NurtureColumns {
  const steps = stepsOf(track);
  let next = done + 1;
  if (next >= steps.length && track.repeat) next = 0;
  const step = steps[next];
  return {
    nurtureTrackId: track.id,
    nurtureStep: step ? next : steps.length,
    nurtureNextAt: step ? new Date(now.getTime() + step.delayDays * DAY_MS) : null,
  };
}

/**
 * A lead moving to nurturing: back onto the track it had (from its first step), else onto the tenant's
 * default track. A switched-off track enrols nobody.
 */
export async function enrolOnNurturing(
  tx: Tx,
  tenantId: string,
  actor: Actor,
  lead: Pick<LeadRow, 'nurtureTrackId'>,
  now: Date,
): Promise<NurtureColumns> {
  const own = lead.nurtureTrackId ? await loadTrack(tx, tenantId, lead.nurtureTrackId) : undefined;
  const track = own ?? (await defaultTrack(tx, tenantId, actor, now));
  if (!track.active) return { nurtureTrackId: track.id, nurtureStep: null, nurtureNextAt: null };
  return startColumns(track, now);
}
