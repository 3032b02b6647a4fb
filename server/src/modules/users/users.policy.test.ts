import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/http/errors';
import { assertUserChangeAllowed, type UserChange } from './users.policy';

const base: UserChange = {
  actorId: 'a',
  targetId: 'b',
  targetRole: 'rep',
  targetActive: true,
  newRole: null,
  deactivate: false,
  otherActiveAdmins: 1,
};

const codeOf = (change: UserChange) => {
  try {
    assertUserChangeAllowed(change);
    return null;
  } catch (error) {
    return error instanceof AppError ? error.code : 'unexpected';
  }
};

describe('user change policy', () => {
  it('allows an admin to change a rep', () => {
    expect(codeOf({ ...base, newRole: 'manager' })).toBeNull();
    expect(codeOf({ ...base, deactivate: true })).toBeNull();
  });
  it('forbids deactivating yourself', () => {
    expect(codeOf({ ...base, targetId: 'a', deactivate: true })).toBe('cannot_change_self');
  });
  it('forbids removing your own admin role', () => {
    expect(codeOf({ ...base, targetId: 'a', targetRole: 'admin', newRole: 'rep' })).toBe(
      'cannot_change_self',
    );
  });
  it('keeps at least one active admin', () => {
    expect(codeOf({ ...base, targetRole: 'admin', deactivate: true, otherActiveAdmins: 0 })).toBe(
      'last_admin',
    );
    expect(codeOf({ ...base, targetRole: 'admin', newRole: 'director', otherActiveAdmins: 0 })).toBe(
      'last_admin',
    );
    expect(codeOf({ ...base, targetRole: 'admin', deactivate: true, otherActiveAdmins: 1 })).toBeNull();
  });
});
