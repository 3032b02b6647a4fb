import type { Role } from '@contracts/common';
import { visibilityOf } from '../../platform/access';

/**
 * Who may see and change which activity, whose calendar and daily log. An activity belongs to the people
 * it is assigned to and created by: reps see and edit those, managers also their teams' members', directors
 * and admins everyone's. Anyone who can see a record (lead, customer, contact, deal) also reads every
 * activity linked to it, as its timeline shows, but edits only as above. Kept free of I/O so each rule is
 * tested on its own.
 */

export type ActivityViewer = {
  userId: string;
  role: Role;
  /** Teams the viewer belongs to. */
  teamIds: readonly string[];
  /** Members of those teams (the viewer included). */
  teammateIds: readonly string[];
};

export type PeopleScope =
  | { kind: 'all' }
  | { kind: 'own'; userId: string }
  | { kind: 'team'; userId: string; teammateIds: readonly string[] };

export function peopleScope(viewer: ActivityViewer): PeopleScope {
  const visibility = visibilityOf(viewer.role);
  if (visibility === 'tenant') return { kind: 'all' };
  if (visibility === 'team') return { kind: 'team', userId: viewer.userId, teammateIds: viewer.teammateIds };
  return { kind: 'own', userId: viewer.userId };
}

/** Whether the viewer oversees this person's work (their own, a team member's, or anyone's for admins). */
export function oversees(viewer: ActivityViewer, userId: string): boolean {
  const scope = peopleScope(viewer);
  if (scope.kind === 'all' || userId === viewer.userId) return true;
  return scope.kind === 'team' && scope.teammateIds.includes(userId);
}

export type ActivityAccessFacts = { ownerId: string; createdBy: string | null };

/** Through its people; a viewer who sees a linked record reads the activity too (checked by the caller). */
export function canManageActivity(viewer: ActivityViewer, activity: ActivityAccessFacts): boolean {
  return (
    oversees(viewer, activity.ownerId) ||
    (activity.createdBy !== null && oversees(viewer, activity.createdBy))
  );
}

export type ActivityAbilities = { edit: boolean; delete: boolean };

export function activityAbilities(viewer: ActivityViewer, activity: ActivityAccessFacts): ActivityAbilities {
  const manage = canManageActivity(viewer, activity);
  return { edit: manage, delete: manage };
}

/** Reps assign activities to themselves; managers to the members of their teams; directors and admins to anyone. */
export function canAssignActivity(viewer: ActivityViewer, ownerId: string): boolean {
  return oversees(viewer, ownerId);
}

/** A manager reviews the submitted logs of their teams' members, never their own; directors and admins anyone's. */
export function canReviewLog(viewer: ActivityViewer, authorId: string): boolean {
  return authorId !== viewer.userId && peopleScope(viewer).kind !== 'own' && oversees(viewer, authorId);
}
