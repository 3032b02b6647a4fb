import type { Permission } from '@contracts/common';
import type { Catalogue } from '../../i18n/en-US';

export type LeadTabKey = keyof Catalogue['leads']['tabs'];

/**
 * The screens of the leads area, in the order of its tab bar; a tab needing a permission is shown only to
 * its holders (the server enforces it either way). Each screen adds its entry here and its route in
 * lead-routes.tsx.
 */
export const LEAD_TABS: readonly { key: LeadTabKey; path: string; permission?: Permission }[] = [
  { key: 'list', path: '/leads' },
  { key: 'import', path: '/leads/import', permission: 'leads.import' },
  { key: 'forms', path: '/leads/forms', permission: 'marketing.manage' },
  { key: 'campaigns', path: '/leads/campaigns', permission: 'marketing.manage' },
  { key: 'sla', path: '/leads/sla', permission: 'leads.assign' },
  { key: 'routing', path: '/leads/routing', permission: 'leads.configure' },
  { key: 'scoring', path: '/leads/scoring' },
  { key: 'nurture', path: '/leads/nurture', permission: 'leads.configure' },
  { key: 'settings', path: '/leads/settings', permission: 'leads.configure' },
];
