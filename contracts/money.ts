/**
 * Exact money for server and browser alike. Amounts are integer minor units of their currency (fen, cents);
 * quantities are decimal strings with at most three places ("2.5"); rates and discounts are basis points of a
 * percent (1 300 = 13 %). Every product is computed in BigInt and rounded once, half away from zero
 * (四舍五入), to the currency's minor unit, so no floating-point error ever reaches a total.
 */

export const QUANTITY_SCALE = 3;
const QUANTITY_FACTOR = 10n ** BigInt(QUANTITY_SCALE);
export const BP_FACTOR = 10_000n;
const QUANTITY_RE = /^\d{1,11}(?:\.\d{1,3})?$/;

/** Digits after the decimal point of a currency's minor unit (CNY 2, JPY 0), from ISO 4217 as Intl knows it. */
export function minorDigits(currency: string): number {
  try {
    return (
      new Intl.NumberFormat('en-US', { style: 'currency', currency }).resolvedOptions()
        .maximumFractionDigits ?? 2
    );
  } catch {
    return 2;
  }
}

/** Whether `value` is a non-negative quantity with at most three decimals (and below 10^11). */
export function isQuantity(value: string): boolean {
  return QUANTITY_RE.test(value);
}

/** A quantity string as an integer count of thousandths ("2.5" → 2500n). */
export function quantityThousandths(value: string): bigint {
  if (!isQuantity(value)) throw new RangeError(`not a quantity: ${value}`);
  const [whole = '0', fraction = ''] = value.split('.');
  return BigInt(whole) * QUANTITY_FACTOR + BigInt(fraction.padEnd(QUANTITY_SCALE, '0'));
}

/** The canonical text of a quantity: no trailing zeros ("2.500" → "2.5", "3.000" → "3"). */
export function normalizeQuantity(value: string): string {
  const thousandths = quantityThousandths(value);
  const whole = thousandths / QUANTITY_FACTOR;
  const fraction = (thousandths % QUANTITY_FACTOR)
    .toString()
    .padStart(QUANTITY_SCALE, '0')
    .replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : whole.toString();
}

/** `numerator / denominator` rounded half away from zero (denominator > 0). */
export function divideRounded(numerator: bigint, denominator: bigint): bigint {
  if (denominator <= 0n) throw new RangeError('denominator must be positive');
  const negative = numerator < 0n;
  const magnitude = negative ? -numerator : numerator;
  const rounded = (magnitude * 2n + denominator) / (denominator * 2n);
  return negative ? -rounded : rounded;
}

function toSafe(value: bigint): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError('amount too large to count exactly');
  return n;
}

/** Unit price × quantity, rounded to the minor unit. */
export function extend(unitMinor: number, quantity: string): number {
  return toSafe(divideRounded(BigInt(unitMinor) * quantityThousandths(quantity), QUANTITY_FACTOR));
}

/** `amountMinor` × `bp` / 10 000, rounded: the part a rate or discount takes (13 % tax on 100.00 → 13.00). */
export function portion(amountMinor: number, bp: number): number {
  return toSafe(divideRounded(BigInt(amountMinor) * BigInt(bp), BP_FACTOR));
}

/** `amountMinor` less `bp` basis points, the remainder after rounding the discount (so the two add up). */
export function discounted(amountMinor: number, bp: number): number {
  return amountMinor - portion(amountMinor, bp);
}

/**
 * Splits `totalMinor` over `weights` in proportion, to the minor unit, so the parts add up exactly (largest
 * remainder; ties to the earlier part). Used to spread an overall discount over lines before their tax.
 */
export function allocate(totalMinor: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + BigInt(b), 0n);
  if (weights.length === 0) return [];
  if (sum === 0n) return weights.map(() => 0);
  const total = BigInt(totalMinor);
  const floors = weights.map((w) => (total * BigInt(w)) / sum);
  const remainders = weights.map((w, i) => total * BigInt(w) - (floors[i] ?? 0n) * sum);
  let left = total - floors.reduce((a, b) => a + b, 0n);
  const order = remainders
    .map((r, i) => ({ r, i }))
    .sort((a, b) => (b.r > a.r ? 1 : b.r < a.r ? -1 : a.i - b.i));
  const parts = [...floors];
  for (const { i } of order) {
    if (left <= 0n) break;
    parts[i] = (parts[i] ?? 0n) + 1n;
    left -= 1n;
  }
  return parts.map(toSafe);
}

/**
 * A typed amount ("1234.5") as minor units (123450 for 2 digits), on the digits alone. Null for anything that
 * is not a non-negative amount with at most `digits` decimals, or too large to count exactly.
 */
export function toMinor(amount: string, digits: number): number | null {
  const match = /^(\d+)(?:\.(\d*))?$/.exec(amount.trim());
  if (!match) return null;
  const [, whole = '', fraction = ''] = match;
  if (fraction.length > digits) return null;
  const minor = Number(`${whole}${fraction.padEnd(digits, '0')}`);
  return Number.isSafeInteger(minor) ? minor : null;
}

/** Minor units as a plain decimal string ("123450" with 2 digits → "1234.50"), for CSV, PDF and inputs. */
export function fromMinor(minor: number, digits: number): string {
  const negative = minor < 0;
  const text = Math.abs(minor)
    .toString()
    .padStart(digits + 1, '0');
  const whole = digits === 0 ? text : text.slice(0, -digits);
  const fraction = digits === 0 ? '' : `.${text.slice(-digits)}`;
  return `${negative ? '-' : ''}${whole}${fraction}`;
}

/** Minor units formatted for people in `locale` (¥1,234.50 / US$1,234.50), without floating-point rounding. */
export function formatMoney(minor: number, currency: string, locale: string): string {
  const digits = minorDigits(currency);
  const format = new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
  // Intl formats a decimal string exactly (no binary rounding) where supported.
  return format.format(fromMinor(minor, digits) as `${number}`);
}
