import { ApprovalRules } from '@contracts/approvals.contract';
import { describe, expect, it } from 'vitest';
import { authorityOf, DEFAULT_APPROVAL_RULES } from './approval-rules';

const ask = (role: 'rep' | 'manager' | 'director' | 'admin' | 'legal', discountBp: number, extra = {}) => ({
  role,
  discountBp,
  marginBp: null,
  categories: [],
  ...extra,
});

describe('authority matrix defaults (DOMAIN.md §5)', () => {
  it('lets a rep give 5 % and asks the manager at 6 %', () => {
    expect(authorityOf(DEFAULT_APPROVAL_RULES, ask('rep', 500))).toEqual({
      within: true,
      levels: [],
      reasons: [],
    });
    expect(authorityOf(DEFAULT_APPROVAL_RULES, ask('rep', 600))).toEqual({
      within: false,
      levels: ['manager'],
      reasons: ['approvals.reasons.discount_over_limit'],
    });
  });

  it('climbs manager then director beyond the manager limit', () => {
    expect(authorityOf(DEFAULT_APPROVAL_RULES, ask('rep', 1600)).levels).toEqual(['manager', 'director']);
    expect(authorityOf(DEFAULT_APPROVAL_RULES, ask('rep', 1500)).levels).toEqual(['manager']);
    expect(authorityOf(DEFAULT_APPROVAL_RULES, ask('manager', 1600)).levels).toEqual(['director']);
    expect(authorityOf(DEFAULT_APPROVAL_RULES, ask('manager', 1500)).within).toBe(true);
    expect(authorityOf(DEFAULT_APPROVAL_RULES, ask('director', 9000)).within).toBe(true);
  });

  it('gives roles outside the matrix no discount of their own', () => {
    expect(authorityOf(DEFAULT_APPROVAL_RULES, ask('legal', 0)).within).toBe(true);
    expect(authorityOf(DEFAULT_APPROVAL_RULES, ask('legal', 100)).levels).toEqual(['manager']);
  });

  it('ends at admin when no level covers the discount', () => {
    const rules = ApprovalRules.parse({
      roleLimits: { rep: 500, manager: 1500, director: 3000, admin: 10_000 },
    });
    expect(authorityOf(rules, ask('rep', 5000)).levels).toEqual(['manager', 'director', 'admin']);
    const capped = ApprovalRules.parse({ roleLimits: { rep: 0, manager: 0, director: 0, admin: 2000 } });
    expect(authorityOf(capped, ask('admin', 5000))).toEqual({ within: true, levels: [], reasons: [] });
    expect(authorityOf(capped, ask('rep', 5000)).levels).toEqual(['manager', 'director', 'admin']);
  });
});

describe('category limits', () => {
  const rules = ApprovalRules.parse({
    categoryLimits: [
      { category: 'hardware', role: 'rep', maxDiscountBp: 200 },
      { category: 'hardware', role: 'manager', maxDiscountBp: 800 },
    ],
  });

  it('apply the lower limit when the category is sold', () => {
    expect(authorityOf(rules, ask('rep', 300, { categories: ['software'] })).within).toBe(true);
    expect(authorityOf(rules, ask('rep', 300, { categories: ['software', 'hardware'] }))).toEqual({
      within: false,
      levels: ['manager'],
      reasons: ['approvals.reasons.category_limit'],
    });
  });

  it('skip a level whose category limit does not cover the discount', () => {
    expect(authorityOf(rules, ask('rep', 1000, { categories: ['hardware'] })).levels).toEqual([
      'manager',
      'director',
    ]);
    expect(authorityOf(rules, ask('rep', 1000, { categories: ['software'] })).levels).toEqual(['manager']);
  });
});

describe('margin floor', () => {
  const rules = ApprovalRules.parse({ marginFloorBp: 2000 });

  it('needs a director below the floor, whatever the discount', () => {
    expect(authorityOf(rules, ask('rep', 0, { marginBp: 1999 }))).toEqual({
      within: false,
      levels: ['manager', 'director'],
      reasons: ['approvals.reasons.margin_below_floor'],
    });
    expect(authorityOf(rules, ask('manager', 0, { marginBp: 1999 })).levels).toEqual(['director']);
    expect(authorityOf(rules, ask('director', 0, { marginBp: 100 })).within).toBe(true);
  });

  it('does not apply at the floor, or when the margin is unknown', () => {
    expect(authorityOf(rules, ask('rep', 0, { marginBp: 2000 })).within).toBe(true);
    expect(authorityOf(rules, ask('rep', 0, { marginBp: null })).within).toBe(true);
    expect(authorityOf(DEFAULT_APPROVAL_RULES, ask('rep', 0, { marginBp: -500 })).within).toBe(true);
  });

  it('reports both reasons when discount and margin fall short', () => {
    expect(authorityOf(rules, ask('rep', 600, { marginBp: 100 }))).toEqual({
      within: false,
      levels: ['manager', 'director'],
      reasons: ['approvals.reasons.discount_over_limit', 'approvals.reasons.margin_below_floor'],
    });
  });
});

describe('negotiation price floor', () => {
  it('a price below the floor needs the manager by default; a manager or above is within', () => {
    expect(authorityOf(DEFAULT_APPROVAL_RULES, ask('rep', 0, { belowFloor: true }))).toEqual({
      within: false,
      levels: ['manager'],
      reasons: ['approvals.reasons.below_price_floor'],
    });
    expect(authorityOf(DEFAULT_APPROVAL_RULES, ask('manager', 0, { belowFloor: true })).within).toBe(true);
    expect(authorityOf(DEFAULT_APPROVAL_RULES, ask('rep', 0, { belowFloor: false })).within).toBe(true);
  });

  it('climbs to the configured belowFloorLevel, and a sender at that level decides alone', () => {
    const rules = ApprovalRules.parse({ belowFloorLevel: 'director' });
    expect(authorityOf(rules, ask('rep', 0, { belowFloor: true })).levels).toEqual(['manager', 'director']);
    expect(authorityOf(rules, ask('manager', 0, { belowFloor: true })).levels).toEqual(['director']);
    expect(authorityOf(rules, ask('director', 0, { belowFloor: true })).within).toBe(true);
    const admin = ApprovalRules.parse({ belowFloorLevel: 'admin' });
    expect(authorityOf(admin, ask('director', 0, { belowFloor: true })).levels).toEqual(['admin']);
  });

  it('adds its reason beside a discount over the limit and takes the higher level', () => {
    const rules = ApprovalRules.parse({ belowFloorLevel: 'director' });
    expect(authorityOf(rules, ask('rep', 600, { belowFloor: true }))).toEqual({
      within: false,
      levels: ['manager', 'director'],
      reasons: ['approvals.reasons.discount_over_limit', 'approvals.reasons.below_price_floor'],
    });
  });

  it('keeps stored rules without the field working (manager by default)', () => {
    const old = ApprovalRules.parse({
      roleLimits: { rep: 500, manager: 1500, director: 10_000, admin: 10_000 },
    });
    expect(old.belowFloorLevel).toBe('manager');
  });
});
