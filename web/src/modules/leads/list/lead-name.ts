import type { LeadSummary } from '@contracts/leads.contract';

/** How a lead is named on screen: "company · contact", whichever of the two it has. */
export const leadName = (lead: Pick<LeadSummary, 'companyName' | 'contactName'>, empty: string): string =>
  [lead.companyName, lead.contactName].filter(Boolean).join(' · ') || empty;
