import type { Permission } from '@contracts/common';
import type { Catalogue } from '../../i18n/en-US';

export type ModuleKey = keyof Catalogue['module'];
export type AdminKey = Exclude<keyof Catalogue['nav'], 'sales' | 'admin'>;

/** The sales modules of DOMAIN.md, in the order a deal moves through them. */
export const SALES_MODULES: readonly { key: ModuleKey; path: string }[] = [
  { key: 'leads', path: '/leads' },
  { key: 'deals', path: '/deals' },
  { key: 'needs', path: '/needs' },
  { key: 'proposals', path: '/proposals' },
  { key: 'negotiation', path: '/negotiation' },
  { key: 'quoteToCash', path: '/quote-to-cash' },
  { key: 'delivery', path: '/after-sales' },
  { key: 'customers', path: '/customers' },
  { key: 'planning', path: '/planning' },
];

export type WorkKey = Exclude<keyof Catalogue['activities']['nav'], 'group'>;

/** The user's own work across all records: the day's agenda, the calendar and the daily sales log. */
export const WORK_PAGES: readonly { key: WorkKey; path: string }[] = [
  { key: 'myDay', path: '/my-day' },
  { key: 'calendar', path: '/calendar' },
  { key: 'dailyLog', path: '/daily-log' },
];

/** Admin pages, each shown only to holders of its permission. */
export const ADMIN_PAGES: readonly { key: AdminKey; path: string; permission: Permission }[] = [
  { key: 'users', path: '/admin/users', permission: 'users.manage' },
  { key: 'teams', path: '/admin/teams', permission: 'teams.manage' },
  { key: 'roles', path: '/admin/roles', permission: 'users.manage' },
  { key: 'settings', path: '/admin/settings', permission: 'settings.manage' },
  { key: 'customFields', path: '/admin/custom-fields', permission: 'settings.manage' },
  { key: 'audit', path: '/admin/audit', permission: 'audit.read' },
  { key: 'outbox', path: '/admin/outbox', permission: 'outbox.read' },
];
