/**
 * Calendar days and wall-clock times in a user's time zone. Times are stored in UTC; a daily log's day,
 * a reminder's "10:00" and a calendar feed's text are the user's local ones.
 */

type Parts = { year: number; month: number; day: number; hour: number; minute: number; second: number };

const formatters = new Map<string, Intl.DateTimeFormat>();

function partsIn(date: Date, timeZone: string): Parts {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, format);
  }
  const out: Record<string, number> = {};
  for (const p of format.formatToParts(date)) if (p.type !== 'literal') out[p.type] = Number(p.value);
  return {
    year: out.year ?? 0,
    month: out.month ?? 1,
    day: out.day ?? 1,
    hour: out.hour ?? 0,
    minute: out.minute ?? 0,
    second: out.second ?? 0,
  };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** How far the zone's wall clock is ahead of UTC at this instant, in milliseconds. */
function offsetAt(date: Date, timeZone: string): number {
  const p = partsIn(date, timeZone);
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return wall - Math.floor(date.getTime() / 1000) * 1000;
}

/** `YYYY-MM-DD` of the instant in the zone. */
export function localDay(date: Date, timeZone: string): string {
  const p = partsIn(date, timeZone);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
}

/** `YYYY-MM-DD HH:mm` of the instant in the zone: readable in both languages. */
export function localDateTime(date: Date, timeZone: string): string {
  const p = partsIn(date, timeZone);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}`;
}

/** `HH:mm` of the instant in the zone. */
export function localTime(date: Date, timeZone: string): string {
  const p = partsIn(date, timeZone);
  return `${pad(p.hour)}:${pad(p.minute)}`;
}

/** The day `n` days after `day` (both `YYYY-MM-DD`). */
export function addDays(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number);
  const next = new Date(Date.UTC(y ?? 0, (m ?? 1) - 1, (d ?? 1) + n));
  return next.toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (both `YYYY-MM-DD`). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * The instant the day begins in the zone. Midnight may not exist on a daylight-saving day, so the offset is
 * read again at the first guess; the result is the first instant whose local day is `day`.
 */
export function startOfDay(day: string, timeZone: string): Date {
  const midnight = Date.parse(`${day}T00:00:00Z`);
  let guess = midnight - offsetAt(new Date(midnight), timeZone);
  guess = midnight - offsetAt(new Date(guess), timeZone);
  // A spring-forward gap at midnight: the day starts at the first minute that exists.
  while (localDay(new Date(guess), timeZone) < day) guess += 60_000;
  return new Date(guess);
}

/** The instants `[start, end)` of a local day. */
export function dayRange(day: string, timeZone: string): { start: Date; end: Date } {
  return { start: startOfDay(day, timeZone), end: startOfDay(addDays(day, 1), timeZone) };
}
