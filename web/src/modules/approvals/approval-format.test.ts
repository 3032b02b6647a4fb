import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { bpText, bpToPercent, percentToBp, waitedText } from './approval-format';

const t = ((key: string, vars: Record<string, number>) =>
  `${key}:${JSON.stringify(vars)}`) as unknown as TFunction;

describe('approval formatting', () => {
  it('shows basis points as percentages', () => {
    expect(bpText(1250, 'en-US')).toBe('12.5%');
    expect(bpText(1234, 'en-US')).toBe('12.34%');
    expect(bpText(null, 'en-US')).toBe('—');
  });

  it('converts typed percentages to basis points exactly', () => {
    expect(percentToBp(12.5)).toBe(1250);
    // 0.07 * 100 is 7.000000000000001 in floating point: rounding keeps it 7.
    expect(percentToBp(0.07)).toBe(7);
    expect(percentToBp(bpToPercent(1533))).toBe(1533);
  });

  it('shows waiting time in hours, then days and hours', () => {
    const now = Date.parse('2026-05-02T12:00:00Z');
    expect(waitedText('2026-05-02T09:30:00Z', now, t)).toBe('approvals.waitedHours:{"hours":2}');
    expect(waitedText('2026-04-30T10:00:00Z', now, t)).toBe('approvals.waitedDays:{"days":2,"hours":2}');
    expect(waitedText(null, now, t)).toBe('—');
  });
});
