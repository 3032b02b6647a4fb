/** Texts of customer segments (en-US). */
export const segmentsEnUS = {
  pick: 'Segment',
  save: 'Save as segment',
  saveTitle: 'Save these filters as a segment',
  name: 'Name',
  description: 'Description',
  shared: 'Share with the company',
  sharedHelp: 'Colleagues can use a shared segment; only you can change or delete it.',
  delete: 'Delete segment',
  deleteConfirm: 'Delete the segment “{{name}}”? The customers stay as they are.',
};
