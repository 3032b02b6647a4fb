import type { TFunction } from 'i18next';

/** Basis points as a percentage in the reader's language (1250 → "12.5%"); null is a dash. */
export function bpText(bp: number | null | undefined, language: string): string {
  if (bp === null || bp === undefined) return '—';
  return new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 2 }).format(bp / 10_000);
}

/** How long a step has waited, in whole hours (and days beyond a day). */
export function waitedText(since: string | null, now: number, t: TFunction): string {
  if (!since) return '—';
  const hours = Math.max(0, Math.floor((now - Date.parse(since)) / 3_600_000));
  return hours < 24
    ? t('approvals.waitedHours', { hours })
    : t('approvals.waitedDays', { days: Math.floor(hours / 24), hours: hours % 24 });
}

/** Percent typed in a form (12.5) as basis points (1250), exactly to the hundredth of a percent. */
export const percentToBp = (percent: number): number => Math.round(percent * 100);
export const bpToPercent = (bp: number): number => bp / 100;
