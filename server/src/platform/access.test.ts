import { describe, expect, it } from 'vitest';
import { can, permissionsOf, visibilityOf } from './access';

describe('role access', () => {
  it('lets reps see only their own records', () => {
    expect(visibilityOf('rep')).toBe('own');
  });
  it('lets managers see their teams and directors the whole tenant', () => {
    expect(visibilityOf('manager')).toBe('team');
    expect(visibilityOf('director')).toBe('tenant');
  });
  it('reserves user, team and settings management to admins', () => {
    for (const role of ['rep', 'manager', 'director', 'marketing', 'legal', 'delivery', 'service'] as const) {
      expect(can(role, 'users.manage')).toBe(false);
      expect(can(role, 'settings.manage')).toBe(false);
    }
    expect(can('admin', 'users.manage')).toBe(true);
    expect(permissionsOf('admin')).toContain('jobs.manage');
  });
  it('lets directors read the audit log', () => {
    expect(can('director', 'audit.read')).toBe(true);
    expect(can('manager', 'audit.read')).toBe(false);
  });
});
