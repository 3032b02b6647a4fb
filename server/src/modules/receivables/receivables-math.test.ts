import { describe, expect, it } from 'vitest';
import { dayIn } from '../../platform/calendar';
import {
  addDays,
  allocateOldestFirst,
  bucketOf,
  daysBetween,
  daysOverdue,
  stateOf,
} from './receivables-math';

/** The calendar and allocation rules of receivables, on their own. */

describe('receivables math', () => {
  it('counts days in the company’s time zone', () => {
    const at = new Date('2026-06-30T16:30:00.000Z');
    expect(dayIn(at, 'Asia/Shanghai')).toBe('2026-07-01');
    expect(dayIn(at, 'America/New_York')).toBe('2026-06-30');
    expect(daysBetween('2026-02-28', '2026-03-01')).toBe(1);
    expect(daysBetween('2026-03-01', '2026-02-28')).toBe(-1);
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });

  it('is overdue from the day after the due date, and never once paid', () => {
    const i = { dueOn: '2026-03-10', amountMinor: 100, paidMinor: 40 };
    expect(daysOverdue(i, '2026-03-10')).toBe(0);
    expect(stateOf(i, '2026-03-10')).toBe('due');
    expect(daysOverdue(i, '2026-03-11')).toBe(1);
    expect(stateOf(i, '2026-03-11')).toBe('overdue');
    expect(stateOf({ ...i, paidMinor: 100 }, '2026-09-01')).toBe('paid');
    expect(daysOverdue({ ...i, paidMinor: 100 }, '2026-09-01')).toBe(0);
  });

  it('puts ages in buckets of 1–30, 31–60, 61–90 and over 90 days', () => {
    expect([0, 1, 30, 31, 60, 61, 90, 91, 400].map(bucketOf)).toEqual([
      'notDue',
      'd0_30',
      'd0_30',
      'd31_60',
      'd31_60',
      'd61_90',
      'd61_90',
      'd90plus',
      'd90plus',
    ]);
  });

  it('allocates oldest due first, up to each open amount, and refuses an overpayment', () => {
    const plan = [
      { id: 'c', seq: 3, dueOn: '2026-09-01', amountMinor: 100, paidMinor: 0 },
      { id: 'a', seq: 1, dueOn: '2026-03-01', amountMinor: 300, paidMinor: 300 },
      { id: 'b', seq: 2, dueOn: '2026-05-01', amountMinor: 600, paidMinor: 100 },
    ];
    expect(allocateOldestFirst(plan, 550)).toEqual([
      { instalmentId: 'b', amountMinor: 500 },
      { instalmentId: 'c', amountMinor: 50 },
    ]);
    expect(allocateOldestFirst(plan, 600)).toEqual([
      { instalmentId: 'b', amountMinor: 500 },
      { instalmentId: 'c', amountMinor: 100 },
    ]);
    expect(allocateOldestFirst(plan, 601)).toBeNull();
  });
});
