import { describe, expect, it } from 'vitest';
import {
  type CustomerViewer,
  canClaimFromPool,
  canMergeCustomers,
  canReleaseCustomer,
  canSeeCustomer,
  canSetContactOwner,
  canSetCustomerOwner,
  canShareCustomer,
  customerAbilities,
  customerScope,
} from './customers.policy';

const me = 'u-me';
const mate = 'u-mate';
const stranger = 'u-stranger';
const viewer = (role: CustomerViewer['role'], teams: string[] = []): CustomerViewer => ({
  userId: me,
  role,
  teamIds: teams,
  teammateIds: teams.length ? [me, mate] : [me],
});
const customer = (over: Partial<Parameters<typeof canSeeCustomer>[1]> = {}) => ({
  ownerId: stranger,
  teamId: null,
  sharedWith: [] as string[],
  ...over,
});

describe('who sees a customer', () => {
  it('shows reps the customers they own and those shared with them, nothing else', () => {
    const rep = viewer('rep', ['t1']);
    expect(customerScope(rep)).toEqual({ kind: 'own', userId: me });
    expect(canSeeCustomer(rep, customer({ ownerId: me }))).toBe(true);
    expect(canSeeCustomer(rep, customer({ sharedWith: [me] }))).toBe(true);
    expect(canSeeCustomer(rep, customer({ ownerId: mate, teamId: 't1' }))).toBe(false);
    expect(canSeeCustomer(rep, customer({ ownerId: null }))).toBe(false);
  });

  it("shows managers their teams' customers, by team or by owner, and ownerless ones", () => {
    const manager = viewer('manager', ['t1']);
    expect(canSeeCustomer(manager, customer({ teamId: 't1' }))).toBe(true);
    expect(canSeeCustomer(manager, customer({ ownerId: mate }))).toBe(true);
    expect(canSeeCustomer(manager, customer({ ownerId: null, teamId: null }))).toBe(true);
    expect(canSeeCustomer(manager, customer({ ownerId: stranger, teamId: 't2' }))).toBe(false);
  });

  it('shows directors and admins every customer, and keeps other roles to their own', () => {
    for (const role of ['director', 'admin'] as const)
      expect(canSeeCustomer(viewer(role), customer())).toBe(true);
    for (const role of ['marketing', 'legal', 'delivery', 'service'] as const) {
      expect(canSeeCustomer(viewer(role), customer()), role).toBe(false);
    }
  });
});

describe('what a viewer may do with a customer', () => {
  it('lets reps edit what they see but not reassign or delete it', () => {
    expect(customerAbilities(viewer('rep'), customer({ ownerId: me }))).toEqual({
      edit: true,
      assign: false,
      delete: false,
    });
    expect(customerAbilities(viewer('rep'), customer())).toEqual({
      edit: false,
      assign: false,
      delete: false,
    });
  });

  it("lets managers reassign and delete their team's customers only", () => {
    expect(customerAbilities(viewer('manager', ['t1']), customer({ teamId: 't1' }))).toEqual({
      edit: true,
      assign: true,
      delete: true,
    });
    expect(customerAbilities(viewer('manager', ['t1']), customer({ teamId: 't2' })).assign).toBe(false);
  });

  it('lets the owner share, and reps name only themselves as owner', () => {
    expect(canShareCustomer(viewer('rep'), customer({ ownerId: me }))).toBe(true);
    expect(canShareCustomer(viewer('rep'), customer({ sharedWith: [me] }))).toBe(false);
    expect(canSetCustomerOwner(viewer('rep'), me)).toBe(true);
    expect(canSetCustomerOwner(viewer('rep'), stranger)).toBe(false);
    expect(canSetCustomerOwner(viewer('manager'), stranger)).toBe(true);
  });

  it("lets reps give a contact to themselves or the customer's owner", () => {
    const owned = customer({ ownerId: mate, sharedWith: [me] });
    expect(canSetContactOwner(viewer('rep'), owned, me)).toBe(true);
    expect(canSetContactOwner(viewer('rep'), owned, mate)).toBe(true);
    expect(canSetContactOwner(viewer('rep'), owned, stranger)).toBe(false);
  });
});

describe('the public pool', () => {
  it('lets sales roles claim, and no one else', () => {
    expect(
      ['rep', 'manager', 'director', 'admin'].every((r) => canClaimFromPool(r as CustomerViewer['role'])),
    ).toBe(true);
    expect(
      ['marketing', 'legal', 'delivery', 'service'].some((r) =>
        canClaimFromPool(r as CustomerViewer['role']),
      ),
    ).toBe(false);
  });

  it('lets the owner or a manager of the team release, never a rep it is only shared with', () => {
    expect(canReleaseCustomer(viewer('rep'), customer({ ownerId: me }))).toBe(true);
    expect(canReleaseCustomer(viewer('rep'), customer({ sharedWith: [me] }))).toBe(false);
    expect(canReleaseCustomer(viewer('manager', ['t1']), customer({ ownerId: mate }))).toBe(true);
    expect(canReleaseCustomer(viewer('manager', ['t1']), customer({ ownerId: stranger }))).toBe(false);
    expect(canReleaseCustomer(viewer('admin'), customer({ ownerId: null }))).toBe(false);
  });
});

describe('who merges duplicate customers', () => {
  it('lets a rep merge their own duplicates without the delete permission', () => {
    const rep = viewer('rep');
    expect(customerAbilities(rep, customer({ ownerId: me })).delete).toBe(false);
    expect(canMergeCustomers(rep, customer({ ownerId: me }), customer({ ownerId: me }))).toBe(true);
    // A customer only shared with the rep can absorb their own duplicate, but cannot be merged away.
    expect(canMergeCustomers(rep, customer({ sharedWith: [me] }), customer({ ownerId: me }))).toBe(true);
    expect(canMergeCustomers(rep, customer({ ownerId: me }), customer({ sharedWith: [me] }))).toBe(false);
    expect(canMergeCustomers(rep, customer({ ownerId: me }), customer())).toBe(false);
    expect(canMergeCustomers(rep, customer(), customer({ ownerId: me }))).toBe(false);
  });

  it("lets managers merge their teams' customers, which they may delete", () => {
    const manager = viewer('manager', ['t1']);
    expect(canMergeCustomers(manager, customer({ ownerId: mate }), customer({ teamId: 't1' }))).toBe(true);
    expect(canMergeCustomers(manager, customer({ ownerId: mate }), customer())).toBe(false);
  });
});
