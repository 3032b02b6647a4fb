import type { ComplaintSeverity } from '@contracts/after-sales.contract';

/** Pure pieces of the after-sales screens: severity colours and how a usage change is written and judged. */

/** Tag colours by severity: the higher, the warmer. */
export const SEVERITY_COLORS: Record<ComplaintSeverity, string> = {
  low: 'blue',
  medium: 'orange',
  high: 'red',
};

/**
 * How a usage change reads: `falling` once it is down by the health rule's percent or more (the signal that
 * costs health points), `down` for a smaller fall, `up`, `flat`, or `none` without an earlier window to compare.
 */
export type UsageTrend = 'falling' | 'down' | 'flat' | 'up' | 'none';

export function usageTrend(changePercent: number | null, dropPercent: number | undefined): UsageTrend {
  if (changePercent === null || !Number.isFinite(changePercent)) return 'none';
  if (dropPercent !== undefined && changePercent <= -dropPercent) return 'falling';
  if (changePercent < 0) return 'down';
  return changePercent > 0 ? 'up' : 'flat';
}

/** The Typography tone of a trend: red when it costs health, amber for a smaller fall, green when rising. */
export function trendTone(trend: UsageTrend): 'danger' | 'warning' | 'success' | 'secondary' {
  switch (trend) {
    case 'falling':
      return 'danger';
    case 'down':
      return 'warning';
    case 'up':
      return 'success';
    default:
      return 'secondary';
  }
}

/** A change in whole percent with its sign ("+12%", "−30%" with a true minus, "0%"); a dash when unknown. */
export function formatChange(changePercent: number | null): string {
  if (changePercent === null || !Number.isFinite(changePercent)) return '—';
  const whole = Math.round(changePercent);
  if (whole > 0) return `+${whole}%`;
  if (whole < 0) return `\u2212${-whole}%`;
  return '0%';
}
