import type { Permission, Role } from '@contracts/common';
import { PERMISSIONS, ROLES } from '@contracts/common';

/**
 * What each built-in role may see and do (DOMAIN.md "Roles"). Modules decide record access with their own
 * policy functions on top of `visibilityOf`.
 */

export type Visibility = 'own' | 'team' | 'tenant';

const VISIBILITY: Record<Role, Visibility> = {
  rep: 'own',
  manager: 'team',
  director: 'tenant',
  marketing: 'own',
  legal: 'own',
  delivery: 'own',
  service: 'own',
  admin: 'tenant',
};

const GRANTS: Record<Role, readonly Permission[]> = {
  rep: [],
  manager: [
    'leads.assign',
    'leads.import',
    'leads.export',
    'leads.delete',
    'leads.configure',
    'customers.assign',
    'customers.delete',
    'customers.configure',
    'deals.assign',
    'deals.delete',
    'deals.approve',
    'deals.configure',
    'receivables.manage',
  ],
  director: [
    'audit.read',
    'leads.assign',
    'leads.import',
    'leads.export',
    'leads.delete',
    'leads.configure',
    'marketing.manage',
    'customers.assign',
    'customers.delete',
    'customers.configure',
    'deals.assign',
    'deals.delete',
    'deals.approve',
    'deals.configure',
    'catalog.manage',
    'approvals.configure',
    'contracts.review',
    'contracts.sign',
    'contracts.configure',
    'receivables.manage',
  ],
  marketing: ['leads.import', 'leads.export', 'leads.configure', 'marketing.manage'],
  legal: ['contracts.review', 'contracts.configure'],
  delivery: [],
  service: [],
  admin: PERMISSIONS,
};

export function visibilityOf(role: Role): Visibility {
  return VISIBILITY[role];
}

export function permissionsOf(role: Role): readonly Permission[] {
  return GRANTS[role];
}

export function can(role: Role, permission: Permission): boolean {
  return GRANTS[role].includes(permission);
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
