/** Texts of the quote-to-cash area's frame (en-US): its tabs. */
export const quoteToCashEnUS = {
  tabs: {
    quotes: 'Quotes',
    approvals: 'Approvals',
    contracts: 'Contracts',
    receivables: 'Receivables',
    renewals: 'Renewals',
    catalog: 'Catalogue',
  },
};
