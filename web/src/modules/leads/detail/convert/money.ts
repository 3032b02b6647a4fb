/** Digits after the decimal point of a currency's minor unit (CNY 2, JPY 0), as the browser knows them. */
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

/**
 * A typed amount ("1234.5") as an integer count of minor units (123450), computed on the digits so no
 * floating-point rounding creeps in. Null for anything that is not a non-negative amount with at most
 * `digits` decimals, or too large to count exactly.
 */
export function toMinorUnits(amount: string, digits: number): number | null {
  const match = /^(\d+)(?:\.(\d*))?$/.exec(amount.trim());
  if (!match) return null;
  const [, whole = '', fraction = ''] = match;
  if (fraction.length > digits) return null;
  const minor = Number(`${whole}${fraction.padEnd(digits, '0')}`);
  return Number.isSafeInteger(minor) ? minor : null;
}
