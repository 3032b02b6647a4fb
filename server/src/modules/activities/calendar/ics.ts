/**
 * iCalendar (RFC 5545) text for phone and desktop calendars: CRLF line ends, TEXT values escaped (§3.3.11),
 * lines folded at 75 octets without splitting a UTF-8 character (§3.1), and every time in UTC (form #2 of
 * §3.3.5), so no VTIMEZONE is needed.
 */

export type IcsEvent = {
  uid: string;
  /** Last change of the record: DTSTAMP and LAST-MODIFIED. */
  stamp: Date;
  start: Date;
  end: Date;
  summary: string;
  description?: string | undefined;
  location?: string | null | undefined;
  categories?: readonly string[] | undefined;
  /** Bumped with every change, so subscribers replace their copy. */
  sequence: number;
  status?: 'CONFIRMED' | 'TENTATIVE' | 'CANCELLED' | undefined;
  /** An alarm at this instant (the reminder). */
  alarmAt?: Date | null | undefined;
};

export type IcsCalendar = { name: string; prodId: string; events: readonly IcsEvent[] };

/** TEXT escaping: backslash, semicolon and comma are escaped; any line break becomes `\n`. */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/** `20300603T020000Z` */
export function formatUtc(date: Date): string {
  return date
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
}

const encoder = new TextEncoder();

/**
 * Splits a content line into lines of at most 75 octets; each continuation starts with one space, which
 * counts towards its 75. Characters are never cut in half (a surrogate pair stays together too).
 */
export function foldLine(line: string): string {
  if (encoder.encode(line).length <= 75) return line;
  const out: string[] = [];
  let current = '';
  let size = 0;
  let limit = 75;
  for (const char of line) {
    const bytes = encoder.encode(char).length;
    if (size + bytes > limit) {
      out.push(current);
      current = ' ';
      size = 1;
      limit = 75;
    }
    current += char;
    size += bytes;
  }
  out.push(current);
  return out.join('\r\n');
}

function eventLines(e: IcsEvent): string[] {
  const lines = [
    'BEGIN:VEVENT',
    `UID:${escapeText(e.uid)}`,
    `DTSTAMP:${formatUtc(e.stamp)}`,
    `LAST-MODIFIED:${formatUtc(e.stamp)}`,
    `DTSTART:${formatUtc(e.start)}`,
    `DTEND:${formatUtc(e.end)}`,
    `SEQUENCE:${e.sequence}`,
    `SUMMARY:${escapeText(e.summary)}`,
  ];
  if (e.description) lines.push(`DESCRIPTION:${escapeText(e.description)}`);
  if (e.location) lines.push(`LOCATION:${escapeText(e.location)}`);
  if (e.categories?.length) lines.push(`CATEGORIES:${e.categories.map(escapeText).join(',')}`);
  if (e.status) lines.push(`STATUS:${e.status}`);
  if (e.alarmAt) {
    lines.push(
      'BEGIN:VALARM',
      'ACTION:DISPLAY',
      `DESCRIPTION:${escapeText(e.summary)}`,
      `TRIGGER;VALUE=DATE-TIME:${formatUtc(e.alarmAt)}`,
      'END:VALARM',
    );
  }
  lines.push('END:VEVENT');
  return lines;
}

export function buildCalendar(calendar: IcsCalendar): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${calendar.prodId}`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(calendar.name)}`,
    ...calendar.events.flatMap(eventLines),
    'END:VCALENDAR',
  ];
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}
