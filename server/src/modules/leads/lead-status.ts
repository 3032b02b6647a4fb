import type { LeadStatus } from '@contracts/leads.contract';
import type { LeadSettingsRow } from './lead-settings';
import type { LeadRow } from './leads.queries';

/**
 * What a status move changes besides the status: milestone times (MQL, SQL), the nurture clock (stopped when
 * the lead leaves nurturing), and the revisit date of an archived lead. Legality is leads.policy's
 * `checkTransition`; this only computes the new column values.
 */

const DAY_MS = 86_400_000;

export type StatusColumns = Pick<
  LeadRow,
  'status' | 'statusReason' | 'statusChangedAt' | 'mqlAt' | 'sqlAt' | 'nurtureNextAt' | 'revisitAt'
>;

export function statusColumns(
  before: Pick<LeadRow, 'status' | 'mqlAt' | 'sqlAt' | 'nurtureNextAt' | 'revisitAt'>,
  to: LeadStatus,
  reason: string | null,
  now: Date,
  settings: Pick<LeadSettingsRow, 'revisitDays'>,
): StatusColumns {
  return {
    status: to,
    statusReason: reason?.trim() || null,
    statusChangedAt: now,
    mqlAt: to === 'mql' || to === 'sql' ? (before.mqlAt ?? now) : before.mqlAt,
    sqlAt: to === 'sql' ? (before.sqlAt ?? now) : before.sqlAt,
    nurtureNextAt: to === 'nurturing' ? before.nurtureNextAt : null,
    revisitAt: to === 'archived' ? new Date(now.getTime() + settings.revisitDays * DAY_MS) : null,
  };
}
