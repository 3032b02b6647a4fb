import type { Permission } from '@contracts/common';
import type { Catalogue } from '../../i18n/en-US';

export type QuoteToCashTabKey = keyof Catalogue['quoteToCash']['tabs'];

/**
 * The views of the quote-to-cash area in the order of its tab bar, following the money: quotes, their
 * approvals, contracts, the cash they bring, renewals, then the catalogue they all price from. A tab needing a
 * permission is shown only to its holders (the server decides what each one sees either way).
 */
export const QUOTE_TO_CASH_TABS: readonly {
  key: QuoteToCashTabKey;
  path: string;
  permission?: Permission;
}[] = [
  { key: 'quotes', path: '/quote-to-cash/quotes' },
  { key: 'approvals', path: '/quote-to-cash/approvals' },
  { key: 'contracts', path: '/quote-to-cash/contracts' },
  { key: 'receivables', path: '/quote-to-cash/receivables' },
  { key: 'renewals', path: '/quote-to-cash/renewals' },
  { key: 'catalog', path: '/quote-to-cash/catalog' },
];
