import type { LeadGrade, LeadStatus } from '@contracts/leads.contract';

/** Tag colours of the lead words, the same on the list and the lead page. */
export const STATUS_COLORS: Record<LeadStatus, string> = {
  new: 'blue',
  contacted: 'cyan',
  nurturing: 'purple',
  mql: 'geekblue',
  sql: 'gold',
  converted: 'green',
  disqualified: 'default',
  archived: 'default',
};

export const GRADE_COLORS: Record<LeadGrade, string> = { A: 'red', B: 'orange', C: 'default' };
