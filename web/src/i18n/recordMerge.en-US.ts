/** Texts of merging duplicate customers and contacts (en-US). */
export const recordMergeEnUS = {
  action: 'Merge into this one',
  customerTitle: 'Merge customers',
  contactTitle: 'Merge contacts',
  back: 'Back',
  swap: 'Keep the other one instead',
  field: 'Field',
  target: 'Stays: {{name}}',
  source: 'Merged away: {{name}}',
  result: 'After the merge',
  takeFrom: '{{field}} from {{name}}',
  summary: '{{source}} is merged into {{target}} and then deleted.',
  customerMoves:
    'Its contacts, deals, activities, converted leads, subsidiaries, pool history and churns move to {{target}}.',
  customerUnions: 'Tags and sharing of both are kept, and both notes.',
  contactMoves:
    'Its deals, activities, converted leads and the contacts who report to it move to {{target}}.',
  contactUnions:
    'Phones, emails and tags of both are kept (a main phone or email not chosen stays as a further one), and both notes.',
  notAllowed:
    'You cannot merge these records: you need to edit both, and own the one merged away or be allowed to delete it.',
  otherCustomer: 'These contacts belong to different customers: merge the customers first.',
  noDifferences: 'Both records hold the same values: nothing to choose.',
  submit: 'Merge',
  confirm: 'Merge {{source}} into {{target}}? This cannot be undone.',
  done: 'Merged.',
  fields: {
    campaignId: 'Campaign',
  },
};
