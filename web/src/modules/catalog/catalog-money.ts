import { fromMinor, minorDigits, toMinor } from '@contracts/money';

/**
 * Amounts as people type them and as the API stores them: a price field holds the decimal text of the
 * currency's minor unit ("12800.00"), converted exactly (no floating point) both ways.
 */

export function amountText(minor: number | null | undefined, currency: string): string {
  return minor === null || minor === undefined ? '' : fromMinor(minor, minorDigits(currency));
}

/** Minor units of a typed amount, or null when it is not one for this currency. */
export function parseAmount(text: string, currency: string): number | null {
  return toMinor(text, minorDigits(currency));
}

/** A tax rate typed as a percentage with up to two decimals ("13", "6.5") in basis points. */
export function percentToBp(text: string): number | null {
  const bp = toMinor(text, 2);
  return bp !== null && bp <= 10_000 ? bp : null;
}

export function bpToPercent(bp: number | null | undefined): string {
  return bp === null || bp === undefined ? '' : fromMinor(bp, 2).replace(/\.?0+$/, '');
}
