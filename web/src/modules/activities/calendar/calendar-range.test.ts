import type { CalendarEntry } from '@contracts/activities.contract';
import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { byDay, rangeOf, shift, startOfWeek } from './calendar-range';

const fmt = (d: dayjs.Dayjs) => d.format('YYYY-MM-DD');

describe('calendar ranges', () => {
  it('starts weeks on Monday, also from a Sunday', () => {
    expect(fmt(startOfWeek(dayjs('2030-06-09T15:00:00')))).toBe('2030-06-03');
    expect(fmt(startOfWeek(dayjs('2030-06-03T00:00:00')))).toBe('2030-06-03');
  });

  it('covers a day, a week, and a month with a week either side', () => {
    const anchor = dayjs('2030-06-12T10:30:00');
    const day = rangeOf('day', anchor);
    expect([fmt(day.start), fmt(day.end), day.days.length]).toEqual(['2030-06-12', '2030-06-13', 1]);
    const week = rangeOf('week', anchor);
    expect([fmt(week.start), fmt(week.end), week.days.length]).toEqual(['2030-06-10', '2030-06-17', 7]);
    const month = rangeOf('month', anchor);
    // Whether the grid's weeks start on Sunday or Monday, its first and last cells are inside the range.
    expect([fmt(month.start), fmt(month.end)]).toEqual(['2030-05-25', '2030-07-15']);
    expect(month.end.diff(month.start, 'day')).toBeLessThanOrEqual(62);
  });

  it('moves by the view’s own step', () => {
    const anchor = dayjs('2030-01-31T09:00:00');
    expect(fmt(shift('day', anchor, 1))).toBe('2030-02-01');
    expect(fmt(shift('week', anchor, -1))).toBe('2030-01-24');
    expect(fmt(shift('month', anchor, 1))).toBe('2030-02-28');
  });

  it('groups entries by the day they start, in time order', () => {
    const entry = (start: string, id: string) =>
      ({ start, end: null, activity: { id } }) as unknown as CalendarEntry;
    const grouped = byDay(
      [
        entry('2030-06-03T09:00:00Z', 'b'),
        entry('2030-06-03T01:00:00Z', 'a'),
        entry('2030-06-04T01:00:00Z', 'c'),
      ],
      (iso) => iso.slice(0, 10),
    );
    expect(grouped.get('2030-06-03')?.map((e) => e.activity.id)).toEqual(['a', 'b']);
    expect(grouped.get('2030-06-04')?.map((e) => e.activity.id)).toEqual(['c']);
  });
});
