import { describe, expect, it } from 'vitest';
import { addDays, dayRange, daysBetween, localDateTime, localDay, startOfDay } from './zoned-time';

describe('days and times in a time zone', () => {
  it('finds where a Shanghai day starts and ends in UTC', () => {
    expect(dayRange('2030-06-03', 'Asia/Shanghai')).toEqual({
      start: new Date('2030-06-02T16:00:00.000Z'),
      end: new Date('2030-06-03T16:00:00.000Z'),
    });
  });

  it('gives daylight-saving days their 23 and 25 hours', () => {
    const spring = dayRange('2030-03-10', 'America/New_York');
    expect(spring.start.toISOString()).toBe('2030-03-10T05:00:00.000Z');
    expect(spring.end.getTime() - spring.start.getTime()).toBe(23 * 3_600_000);
    const autumn = dayRange('2030-11-03', 'America/New_York');
    expect(autumn.end.getTime() - autumn.start.getTime()).toBe(25 * 3_600_000);
  });

  it('starts a day whose midnight does not exist at its first minute', () => {
    // Santiago moves its clocks from 00:00 to 01:00 in September.
    const start = startOfDay('2030-09-08', 'America/Santiago');
    expect(localDay(start, 'America/Santiago')).toBe('2030-09-08');
    expect(localDay(new Date(start.getTime() - 60_000), 'America/Santiago')).toBe('2030-09-07');
  });

  it('reads local days and times, and counts days', () => {
    const instant = new Date('2030-06-03T17:30:00Z');
    expect(localDay(instant, 'Asia/Shanghai')).toBe('2030-06-04');
    expect(localDateTime(instant, 'Asia/Shanghai')).toBe('2030-06-04 01:30');
    expect(localDateTime(instant, 'UTC')).toBe('2030-06-03 17:30');
    expect(addDays('2030-02-27', 2)).toBe('2030-03-01');
    expect(daysBetween('2030-06-01', '2030-06-07')).toBe(6);
  });
});
