import type { Role } from '@contracts/common';
import { can, visibilityOf } from '../../platform/access';

/**
 * Who may see and change which deal. A deal follows its own owner and team the way customers do: reps see
 * their own deals, managers their teams' deals (by team or by owner) and unowned ones, directors and admins
 * every deal. Whoever owns the deal's customer, or has it shared with them, sees its deals too. Kept free of
 * I/O so each rule is tested on its own.
 */

export type DealViewer = {
  userId: string;
  role: Role;
  teamIds: readonly string[];
  teammateIds: readonly string[];
};

export type DealAccessFacts = {
  ownerId: string | null;
  teamId: string | null;
  /** Owner and shares of the deal's customer. */
  customerOwnerId: string | null;
  customerSharedWith: readonly string[];
};

export function canSeeDeal(viewer: DealViewer, deal: DealAccessFacts): boolean {
  const visibility = visibilityOf(viewer.role);
  if (visibility === 'tenant') return true;
  if (deal.ownerId === viewer.userId) return true;
  if (deal.customerOwnerId === viewer.userId || deal.customerSharedWith.includes(viewer.userId)) return true;
  if (visibility === 'own') return false;
  if (deal.ownerId === null && deal.teamId === null) return true;
  return (
    (deal.teamId !== null && viewer.teamIds.includes(deal.teamId)) ||
    (deal.ownerId !== null && viewer.teammateIds.includes(deal.ownerId))
  );
}

export type DealAbilities = { edit: boolean; assign: boolean; delete: boolean; approve: boolean };

/**
 * Whoever sees a deal works on it (the customer's owner included: account teams sell together); reassigning,
 * deleting and approving take the role's permission as well.
 */
export function dealAbilities(viewer: DealViewer, deal: DealAccessFacts): DealAbilities {
  const visible = canSeeDeal(viewer, deal);
  return {
    edit: visible,
    assign: visible && can(viewer.role, 'deals.assign'),
    delete: visible && can(viewer.role, 'deals.delete'),
    approve: visible && can(viewer.role, 'deals.approve'),
  };
}

/** A rep may make themselves the owner of what they create; only holders of deals.assign name others. */
export function canSetDealOwner(viewer: DealViewer, ownerId: string | null): boolean {
  return can(viewer.role, 'deals.assign') || ownerId === viewer.userId;
}
