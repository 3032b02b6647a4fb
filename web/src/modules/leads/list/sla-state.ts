import { type LeadSummary, OPEN_LEAD_STATUSES } from '@contracts/leads.contract';

/**
 * Where a lead's response SLA stands at `now`: the clock runs from assignment to the first logged contact
 * (DOMAIN.md §1), only while the lead is still being worked.
 */
export type SlaState =
  | { kind: 'contacted'; at: string; late: boolean }
  | { kind: 'breached'; sinceMs: number }
  | { kind: 'overdue'; byMs: number }
  | { kind: 'due'; inMs: number; soon: boolean }
  | { kind: 'none' };

/** Less time than this left to respond shows as "due soon". */
export const DUE_SOON_MS = 4 * 3_600_000;

type SlaFacts = Pick<LeadSummary, 'status' | 'slaDueAt' | 'slaBreachedAt' | 'firstContactAt'>;

export function slaState(lead: SlaFacts, now: number): SlaState {
  const due = lead.slaDueAt ? Date.parse(lead.slaDueAt) : null;
  if (lead.firstContactAt) {
    const at = Date.parse(lead.firstContactAt);
    return {
      kind: 'contacted',
      at: lead.firstContactAt,
      late: lead.slaBreachedAt !== null || (due !== null && at > due),
    };
  }
  if (!OPEN_LEAD_STATUSES.includes(lead.status)) return { kind: 'none' };
  if (lead.slaBreachedAt)
    return { kind: 'breached', sinceMs: Math.max(0, now - Date.parse(lead.slaBreachedAt)) };
  if (due === null) return { kind: 'none' };
  // The breach sweep runs every few minutes; until it flags the lead, a passed deadline is still overdue.
  if (due <= now) return { kind: 'overdue', byMs: now - due };
  return { kind: 'due', inMs: due - now, soon: due - now <= DUE_SOON_MS };
}

export type DurationParts = { days: number; hours: number; minutes: number };

/** Whole days, hours and minutes of a span (rounded down to the minute). */
export function splitDuration(ms: number): DurationParts {
  const totalMinutes = Math.floor(Math.max(0, ms) / 60_000);
  return {
    days: Math.floor(totalMinutes / 1440),
    hours: Math.floor((totalMinutes % 1440) / 60),
    minutes: totalMinutes % 60,
  };
}
