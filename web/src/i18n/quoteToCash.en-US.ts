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
  settings: {
    conflict:
      'Someone else saved these settings while you were editing. Your changes were not saved: reload to see their version, then apply your changes again.',
    reload: 'Reload',
    readOnly: 'You can view these settings; changing them needs the permission: {{permission}}.',
    numberPattern: 'Number pattern',
    numberPreview: 'The next number looks like {{example}}',
    numberPatternHelp: 'Use exactly one counter such as {0000}, optionally with {YYYY}, {YY} or {MM}.',
  },
};
