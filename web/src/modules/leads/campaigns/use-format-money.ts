import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { minorDigits } from '../detail/convert/money';

/** Integer minor units as the written amount ("123450" fen → "1234.50"), exactly, without floating point. */
export function minorToAmount(minor: number, digits: number): `${number}` {
  if (digits === 0) return `${minor}`;
  const text = String(Math.abs(minor)).padStart(digits + 1, '0');
  return `${minor < 0 ? '-' : ''}${text.slice(0, -digits)}.${text.slice(-digits)}` as `${number}`;
}

/** Formats minor units of a currency in the user's language ("¥1,234.50"); null becomes a dash. */
export function useFormatMoney(): (minor: number | null | undefined, currency: string) => string {
  const { t, i18n } = useTranslation();
  return useCallback(
    (minor, currency) => {
      if (minor === null || minor === undefined) return t('common.empty');
      const amount = minorToAmount(minor, minorDigits(currency));
      try {
        // The amount travels as a decimal string, so large sums keep every digit.
        return new Intl.NumberFormat(i18n.language, { style: 'currency', currency }).format(amount);
      } catch {
        return `${currency} ${amount}`;
      }
    },
    [t, i18n.language],
  );
}

/** A ratio as a percentage in the user's language (0.256 → "25.6%"); null becomes a dash. */
export function useFormatPercent(): (ratio: number | null | undefined) => string {
  const { t, i18n } = useTranslation();
  return useCallback(
    (ratio) =>
      ratio === null || ratio === undefined || !Number.isFinite(ratio)
        ? t('common.empty')
        : new Intl.NumberFormat(i18n.language, { style: 'percent', maximumFractionDigits: 1 }).format(ratio),
    [t, i18n.language],
  );
}
