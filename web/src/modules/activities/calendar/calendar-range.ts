import type { CalendarEntry } from '@contracts/activities.contract';
import type { Dayjs } from 'dayjs';

export type CalendarMode = 'day' | 'week' | 'month';

/** Weeks start on Monday, as in China and most of Europe. */
export function startOfWeek(d: Dayjs): Dayjs {
  return d.startOf('day').subtract((d.day() + 6) % 7, 'day');
}

/**
 * The days a view shows and the time range it asks for: one day; a Monday-to-Sunday week; a month with a
 * week on either side, so the neighbouring days its grid shows have their entries too (whichever day the
 * grid's weeks start on).
 */
export function rangeOf(mode: CalendarMode, anchor: Dayjs): { start: Dayjs; end: Dayjs; days: Dayjs[] } {
  if (mode === 'month') {
    const first = anchor.startOf('month');
    const start = first.subtract(7, 'day');
    const end = first.add(1, 'month').add(14, 'day');
    return {
      start,
      end,
      days: Array.from({ length: end.diff(start, 'day') }, (_, i) => start.add(i, 'day')),
    };
  }
  const start = mode === 'day' ? anchor.startOf('day') : startOfWeek(anchor);
  const length = mode === 'day' ? 1 : 7;
  const days = Array.from({ length }, (_, i) => start.add(i, 'day'));
  return { start, end: start.add(length, 'day'), days };
}

/** The step the arrows move the view by. */
export function shift(mode: CalendarMode, anchor: Dayjs, direction: 1 | -1): Dayjs {
  return anchor.add(direction, mode);
}

/** Entries by the local day they start on (`YYYY-MM-DD`), in time order. */
export function byDay(entries: readonly CalendarEntry[], format: (iso: string) => string) {
  const out = new Map<string, CalendarEntry[]>();
  for (const entry of entries) {
    const key = format(entry.start);
    const list = out.get(key) ?? [];
    list.push(entry);
    out.set(key, list);
  }
  for (const list of out.values()) list.sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  return out;
}
