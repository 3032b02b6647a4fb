import type { Permission } from '@contracts/common';

/** The screens of the customers area, each a tab shown to those who may open it. */
export const CUSTOMER_TABS: readonly {
  key:
    | 'list'
    | 'contacts'
    | 'atRisk'
    | 'pool'
    | 'tags'
    | 'poolSettings'
    | 'retentionSettings'
    | 'emailTemplates';
  path: string;
  permission?: Permission;
}[] = [
  { key: 'list', path: '/customers' },
  { key: 'contacts', path: '/customers/contacts' },
  { key: 'atRisk', path: '/customers/at-risk' },
  { key: 'pool', path: '/customers/pool' },
  { key: 'tags', path: '/customers/tags', permission: 'customers.configure' },
  { key: 'poolSettings', path: '/customers/pool-settings', permission: 'customers.configure' },
  { key: 'emailTemplates', path: '/customers/email-templates', permission: 'customers.configure' },
  {
    key: 'retentionSettings',
    path: '/customers/retention-settings',
    permission: 'customers.configure',
  },
];
