import { describe, expect, it } from 'vitest';
import { buildCalendar, escapeText, foldLine, formatUtc } from './ics';

/** RFC 5545 details a phone calendar is strict about. */

const octets = (line: string) => new TextEncoder().encode(line).length;

describe('iCalendar text', () => {
  it('escapes backslashes, semicolons, commas and line breaks in text values', () => {
    expect(escapeText('a\\b;c,d\ne\r\nf\rg')).toBe('a\\\\b\\;c\\,d\\ne\\nf\\ng');
    expect(escapeText('会议: 讨论报价, 预算; 下一步')).toBe('会议: 讨论报价\\, 预算\\; 下一步');
  });

  it('writes times in UTC without milliseconds', () => {
    expect(formatUtc(new Date('2030-06-03T02:05:09.999Z'))).toBe('20300603T020509Z');
  });

  it('folds long lines at 75 octets without cutting a character', () => {
    const line = `SUMMARY:${'拜访客户讨论方案'.repeat(10)}😀end`;
    const folded = foldLine(line).split('\r\n');
    expect(folded.length).toBeGreaterThan(1);
    for (const part of folded) expect(octets(part)).toBeLessThanOrEqual(75);
    for (const part of folded.slice(1)) expect(part.startsWith(' ')).toBe(true);
    expect(folded.map((p, i) => (i === 0 ? p : p.slice(1))).join('')).toBe(line);
    expect(foldLine('SHORT:yes')).toBe('SHORT:yes');
  });

  it('builds a calendar with CRLF lines, events and alarms', () => {
    const text = buildCalendar({
      name: 'Closeloop · 李雷',
      prodId: '-//Closeloop//Closeloop CRM//EN',
      events: [
        {
          uid: 'a@closeloop',
          stamp: new Date('2030-06-01T00:00:00Z'),
          start: new Date('2030-06-03T02:00:00Z'),
          end: new Date('2030-06-03T03:00:00Z'),
          summary: 'Demo, with IT; bring slides',
          description: 'line 1\nline 2',
          location: '上海, 浦东',
          categories: ['Meeting'],
          sequence: 3,
          status: 'CONFIRMED',
          alarmAt: new Date('2030-06-03T01:45:00Z'),
        },
      ],
    });
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(text.split('\r\n').every((l) => !l.includes('\n'))).toBe(true);
    const lines = text.split('\r\n');
    expect(lines).toContain('SUMMARY:Demo\\, with IT\\; bring slides');
    expect(lines).toContain('DESCRIPTION:line 1\\nline 2');
    expect(lines).toContain('LOCATION:上海\\, 浦东');
    expect(lines).toContain('DTSTART:20300603T020000Z');
    expect(lines).toContain('TRIGGER;VALUE=DATE-TIME:20300603T014500Z');
    expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(1);
  });
});
