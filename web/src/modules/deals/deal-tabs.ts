import type { Permission } from '@contracts/common';
import type { Catalogue } from '../../i18n/en-US';

export type DealTabKey = keyof Catalogue['deals']['tabs'];

/**
 * The views of the deals area in the order of its tab bar; a tab needing a permission is shown only to its
 * holders (the server decides what each one sees either way).
 */
export const DEAL_TABS: readonly { key: DealTabKey; path: string; permission?: Permission }[] = [
  { key: 'board', path: '/deals' },
  { key: 'list', path: '/deals/list' },
  { key: 'summary', path: '/deals/summary', permission: 'deals.assign' },
  { key: 'settings', path: '/deals/settings', permission: 'deals.configure' },
];
