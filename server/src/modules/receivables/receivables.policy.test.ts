import { describe, expect, it } from 'vitest';
import { canEditCash, canManageReceivables } from './receivables.policy';

/** Who changes a contract's cash: the contract's owner and finance; only finance reverses and invoices. */

describe('receivables policy', () => {
  it('lets the contract’s owner record payments and edit the plan, not another rep', () => {
    expect(canEditCash({ userId: 'u1', role: 'rep' }, { ownerId: 'u1' })).toBe(true);
    expect(canEditCash({ userId: 'u2', role: 'rep' }, { ownerId: 'u1' })).toBe(false);
    expect(canEditCash({ userId: null, role: 'rep' }, { ownerId: null })).toBe(false);
  });

  it('gives finance (manager, director, admin) every contract it sees, and the rest nothing more', () => {
    for (const role of ['manager', 'director', 'admin'] as const) {
      expect(canManageReceivables({ userId: 'x', role })).toBe(true);
      expect(canEditCash({ userId: 'x', role }, { ownerId: 'someone' })).toBe(true);
    }
    for (const role of ['rep', 'marketing', 'legal', 'delivery', 'service'] as const) {
      expect(canManageReceivables({ userId: 'x', role })).toBe(false);
      expect(canEditCash({ userId: 'x', role }, { ownerId: 'someone' })).toBe(false);
    }
  });
});
