import type { AgeingBucket, InstalmentState } from '@contracts/receivables.contract';

/**
 * The calendar arithmetic and allocation rules of receivables, free of I/O so each is tested on its own.
 * Dates are calendar days (YYYY-MM-DD) in the company's time zone: an instalment due on the 1st is one day
 * overdue on the 2nd wherever the server runs.
 */

const DAY = 86_400_000;

/** Whole days from `from` to `to` (both YYYY-MM-DD); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY);
}

/** `day` moved by `days` calendar days. */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

export type InstalmentFacts = { dueOn: string; amountMinor: number; paidMinor: number };

export function openOf(i: InstalmentFacts): number {
  return Math.max(0, i.amountMinor - i.paidMinor);
}

/** Days past due on `today` (0 when paid or not yet due). */
export function daysOverdue(i: InstalmentFacts, today: string): number {
  if (openOf(i) === 0) return 0;
  return Math.max(0, daysBetween(i.dueOn, today));
}

export function stateOf(i: InstalmentFacts, today: string): InstalmentState {
  if (openOf(i) === 0) return 'paid';
  return daysOverdue(i, today) > 0 ? 'overdue' : 'due';
}

/** The ageing bucket of an open amount `days` past due (0: not yet due, due today included). */
export function bucketOf(days: number): AgeingBucket {
  if (days <= 0) return 'notDue';
  if (days <= 30) return 'd0_30';
  if (days <= 60) return 'd31_60';
  if (days <= 90) return 'd61_90';
  return 'd90plus';
}

export type OpenInstalment = {
  id: string;
  seq: number;
  dueOn: string;
  amountMinor: number;
  paidMinor: number;
};

/**
 * Spreads a payment over the open instalments, oldest due first (then by plan order), each up to its open
 * amount. Returns null when the payment is more than everything still open (an overpayment).
 */
export function allocateOldestFirst(
  instalments: readonly OpenInstalment[],
  amountMinor: number,
): { instalmentId: string; amountMinor: number }[] | null {
  const ordered = [...instalments].sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.seq - b.seq);
  const out: { instalmentId: string; amountMinor: number }[] = [];
  let left = amountMinor;
  for (const i of ordered) {
    if (left === 0) break;
    const take = Math.min(left, openOf(i));
    if (take > 0) {
      out.push({ instalmentId: i.id, amountMinor: take });
      left -= take;
    }
  }
  return left === 0 ? out : null;
}
