import type { Role } from '@contracts/common';
import { can, visibilityOf } from '../../platform/access';

/**
 * Who may see and change which customer (and so its contacts). Reps see the customers they own and those
 * shared with them; managers also their teams' customers (by team or by owner) and those without owner or
 * team; directors and admins every customer of the company. Contacts follow their customer. Kept free of
 * I/O so each rule is tested on its own.
 */

export type CustomerViewer = {
  userId: string;
  role: Role;
  /** Teams the viewer belongs to. */
  teamIds: readonly string[];
  /** Members of those teams (the viewer included). */
  teammateIds: readonly string[];
};

export type CustomerAccessFacts = {
  ownerId: string | null;
  teamId: string | null;
  sharedWith: readonly string[];
};

export type CustomerScope =
  | { kind: 'all' }
  | { kind: 'own'; userId: string }
  | { kind: 'team'; userId: string; teamIds: readonly string[]; teammateIds: readonly string[] };

export function customerScope(viewer: CustomerViewer): CustomerScope {
  const visibility = visibilityOf(viewer.role);
  if (visibility === 'tenant') return { kind: 'all' };
  if (visibility === 'team') {
    return { kind: 'team', userId: viewer.userId, teamIds: viewer.teamIds, teammateIds: viewer.teammateIds };
  }
  return { kind: 'own', userId: viewer.userId };
}

export function canSeeCustomer(viewer: CustomerViewer, customer: CustomerAccessFacts): boolean {
  const scope = customerScope(viewer);
  if (scope.kind === 'all') return true;
  if (customer.ownerId === viewer.userId || customer.sharedWith.includes(viewer.userId)) return true;
  if (scope.kind === 'own') return false;
  if (customer.ownerId === null && customer.teamId === null) return true;
  return (
    (customer.teamId !== null && scope.teamIds.includes(customer.teamId)) ||
    (customer.ownerId !== null && scope.teammateIds.includes(customer.ownerId))
  );
}

/**
 * Reading is wider than editing by one rule: a customer in the public pool (no owner) opens for everyone who
 * sees the pool, so a rep can judge it before claiming; editing it still takes a claim (or the scope).
 */
export function canReadCustomer(viewer: CustomerViewer, customer: CustomerAccessFacts): boolean {
  return canSeeCustomer(viewer, customer) || customer.ownerId === null;
}

export type CustomerAbilities = { edit: boolean; assign: boolean; delete: boolean };

export function customerAbilities(viewer: CustomerViewer, customer: CustomerAccessFacts): CustomerAbilities {
  const visible = canSeeCustomer(viewer, customer);
  return {
    edit: visible,
    assign: visible && can(viewer.role, 'customers.assign'),
    delete: visible && can(viewer.role, 'customers.delete'),
  };
}

/**
 * Merging duplicates: the caller edits the customer that stays, and the duplicate that goes is theirs (they own
 * it) or one they may delete. Holding customers.delete is not required: a rep cleans up their own duplicates,
 * as in a mature CRM, while a customer merely shared with them cannot be made to vanish by a merge.
 */
export function canMergeCustomers(
  viewer: CustomerViewer,
  target: CustomerAccessFacts,
  source: CustomerAccessFacts,
): boolean {
  const keep = customerAbilities(viewer, target);
  const gone = customerAbilities(viewer, source);
  return keep.edit && gone.edit && (source.ownerId === viewer.userId || gone.delete);
}

/** Sharing is for the owner and for those who may reassign. */
export function canShareCustomer(viewer: CustomerViewer, customer: CustomerAccessFacts): boolean {
  return customer.ownerId === viewer.userId || customerAbilities(viewer, customer).assign;
}

/** A rep may make themselves the owner of what they create; only holders of customers.assign name others. */
export function canSetCustomerOwner(viewer: CustomerViewer, ownerId: string | null): boolean {
  return can(viewer.role, 'customers.assign') || ownerId === viewer.userId;
}

/**
 * A contact is seen and edited by whoever sees its customer; it may be deleted by them too (a wrong contact
 * is the rep's to fix), except one a deal or lead still names (the database refuses that).
 */
export function contactAbilities(
  viewer: CustomerViewer,
  customer: CustomerAccessFacts,
): { edit: boolean; delete: boolean } {
  const visible = canSeeCustomer(viewer, customer);
  return { edit: visible, delete: visible };
}

/** A contact's owner: anyone for holders of customers.assign, else the viewer or the customer's owner. */
export function canSetContactOwner(
  viewer: CustomerViewer,
  customer: CustomerAccessFacts,
  ownerId: string | null,
): boolean {
  return can(viewer.role, 'customers.assign') || ownerId === viewer.userId || ownerId === customer.ownerId;
}

/** Sales roles take customers from the public pool; marketing, legal, delivery and service do not. */
export function canClaimFromPool(role: Role): boolean {
  return role === 'rep' || role === 'manager' || role === 'director' || role === 'admin';
}

/** A customer goes back to the pool by its owner, or by whoever may reassign it (their manager, an admin). */
export function canReleaseCustomer(viewer: CustomerViewer, customer: CustomerAccessFacts): boolean {
  if (customer.ownerId === null) return false;
  return customer.ownerId === viewer.userId || customerAbilities(viewer, customer).assign;
}
