import type { Role } from '@contracts/common';
import { LEAD_TRANSITIONS, type LeadStatus, REASONED_STATUSES } from '@contracts/leads.contract';
import { can, visibilityOf } from '../../platform/access';

/**
 * Who may see and change which lead. Reps see their own leads and those shared with them; managers also
 * their teams' leads (by team or by owner) and unassigned ones, to route them; directors, admins and
 * marketing see every lead of the company. Kept free of I/O so each rule is tested on its own.
 */

export type LeadViewer = {
  userId: string;
  role: Role;
  /** Teams the viewer belongs to. */
  teamIds: readonly string[];
  /** Members of those teams (the viewer included). */
  teammateIds: readonly string[];
};

export type LeadAccessFacts = {
  ownerId: string | null;
  teamId: string | null;
  sharedWith: readonly string[];
  status: LeadStatus;
};

export type LeadScope =
  | { kind: 'all' }
  | { kind: 'own'; userId: string }
  | { kind: 'team'; userId: string; teamIds: readonly string[]; teammateIds: readonly string[] };

/** Marketing works the whole funnel top, so it sees every lead although its records are otherwise its own. */
export function leadScope(viewer: LeadViewer): LeadScope {
  if (viewer.role === 'marketing') return { kind: 'all' };
  const visibility = visibilityOf(viewer.role);
  if (visibility === 'tenant') return { kind: 'all' };
  if (visibility === 'team') {
    return { kind: 'team', userId: viewer.userId, teamIds: viewer.teamIds, teammateIds: viewer.teammateIds };
  }
  return { kind: 'own', userId: viewer.userId };
}

export function canSeeLead(viewer: LeadViewer, lead: LeadAccessFacts): boolean {
  const scope = leadScope(viewer);
  if (scope.kind === 'all') return true;
  if (lead.ownerId === viewer.userId || lead.sharedWith.includes(viewer.userId)) return true;
  if (scope.kind === 'own') return false;
  if (lead.ownerId === null && lead.teamId === null) return true;
  return (
    (lead.teamId !== null && scope.teamIds.includes(lead.teamId)) ||
    (lead.ownerId !== null && scope.teammateIds.includes(lead.ownerId))
  );
}

export type LeadAbilities = { edit: boolean; assign: boolean; delete: boolean; convert: boolean };

export function leadAbilities(viewer: LeadViewer, lead: LeadAccessFacts): LeadAbilities {
  const visible = canSeeLead(viewer, lead);
  const open = lead.status !== 'converted';
  const edit = visible && open;
  return {
    edit,
    assign: edit && can(viewer.role, 'leads.assign'),
    delete: visible && open && can(viewer.role, 'leads.delete'),
    convert: edit && lead.status === 'sql',
  };
}

/** A rep may take an unowned lead they create for themselves; only holders of leads.assign route others'. */
export function canSetOwner(viewer: LeadViewer, ownerId: string | null): boolean {
  return can(viewer.role, 'leads.assign') || ownerId === viewer.userId;
}

export type TransitionCheck =
  | { ok: true }
  | { ok: false; reason: 'not_allowed' }
  | { ok: false; reason: 'reason_required' };

export function checkTransition(from: LeadStatus, to: LeadStatus, reason: string | null): TransitionCheck {
  if (from === to) return { ok: true };
  if (!LEAD_TRANSITIONS[from].includes(to)) return { ok: false, reason: 'not_allowed' };
  if (REASONED_STATUSES.includes(to) && !reason?.trim()) return { ok: false, reason: 'reason_required' };
  return { ok: true };
}
