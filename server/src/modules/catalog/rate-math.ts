import { divideRounded } from '@contracts/money';

/**
 * Exchange-rate arithmetic on exact decimals. A rate says how many units of the company's currency one unit
 * of a foreign currency is worth; it is kept as an integer count of 10^-10 units (the column's scale), so a
 * conversion is one BigInt product and one division, rounded once, half away from zero.
 */

export const RATE_SCALE = 10;
const RATE_FACTOR = 10n ** BigInt(RATE_SCALE);
const RATE_RE = /^(\d{1,10})(?:\.(\d{1,10}))?$/;

/** A positive decimal rate ("7.1234") as scaled integer, or null when it is not one (zero, signs, >10 decimals). */
export function parseRate(text: string): bigint | null {
  const match = RATE_RE.exec(text.trim());
  if (!match) return null;
  const [, whole = '0', fraction = ''] = match;
  const scaled = BigInt(whole) * RATE_FACTOR + BigInt(fraction.padEnd(RATE_SCALE, '0'));
  return scaled > 0n ? scaled : null;
}

/** The canonical text of a scaled rate, without trailing zeros ("7.1000000000" → "7.1"). */
export function formatRate(scaled: bigint): string {
  const whole = scaled / RATE_FACTOR;
  const fraction = (scaled % RATE_FACTOR).toString().padStart(RATE_SCALE, '0').replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : whole.toString();
}

/** The scaled rate of the company's own currency: one unit is worth one unit. */
export const UNIT_RATE = RATE_FACTOR;

/**
 * `amountMinor` of a currency with `fromDigits` minor digits worth `fromRate` (scaled) each, expressed in a
 * currency with `toDigits` worth `toRate`: amount × fromRate / toRate, rescaled between the minor units. Going
 * through the company's currency without rounding in between keeps EUR → USD as exact as one rounding allows.
 */
export function convertScaled(
  amountMinor: number,
  from: { digits: number; rate: bigint },
  to: { digits: number; rate: bigint },
): number {
  const numerator = BigInt(amountMinor) * from.rate * 10n ** BigInt(to.digits);
  const denominator = to.rate * 10n ** BigInt(from.digits);
  const result = Number(divideRounded(numerator, denominator));
  if (!Number.isSafeInteger(result)) throw new RangeError('amount too large to count exactly');
  return result;
}
