import { describe, expect, it } from 'vitest';
import { formatChange, trendTone, usageTrend } from './after-sales-format';

describe('usage change', () => {
  it('is falling once usage is down by the health rule’s percent or more', () => {
    expect(usageTrend(-30, 30)).toBe('falling');
    expect(usageTrend(-45.5, 30)).toBe('falling');
    expect(trendTone(usageTrend(-30, 30))).toBe('danger');
  });

  it('is only down for a smaller fall, or any fall when the rule is not known', () => {
    expect(usageTrend(-29.9, 30)).toBe('down');
    expect(usageTrend(-80, undefined)).toBe('down');
    expect(trendTone('down')).toBe('warning');
  });

  it('is up, flat, or not comparable without earlier usage', () => {
    expect(usageTrend(12, 30)).toBe('up');
    expect(usageTrend(0, 30)).toBe('flat');
    expect(usageTrend(null, 30)).toBe('none');
    expect(trendTone('up')).toBe('success');
    expect(trendTone('none')).toBe('secondary');
  });

  it('writes the change in whole percent with its sign and a true minus', () => {
    expect(formatChange(12.4)).toBe('+12%');
    expect(formatChange(-30.2)).toBe('\u221230%');
    expect(formatChange(0.2)).toBe('0%');
    expect(formatChange(null)).toBe('—');
  });
});
