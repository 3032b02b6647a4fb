import { allocate, fromMinor, minorDigits, toMinor } from '@contracts/money';

/**
 * The payment-plan editor's arithmetic: rows as typed (amounts as decimal strings), the split helpers (evenly,
 * by percentages, with the largest-remainder `allocate` so the parts add up to the cent), and the check the
 * server makes again.
 */

export type DraftRow = { id?: string; title: string; dueOn: string; amount: string };

/** Splits the contract amount over the rows by weights, keeping each row's title and date. */
export function splitRows(
  rows: readonly DraftRow[],
  totalMinor: number,
  currency: string,
  weights: readonly number[],
) {
  const digits = minorDigits(currency);
  const parts = allocate(totalMinor, weights);
  return weights.map((_, i) => ({
    ...(rows[i] ?? { title: '', dueOn: rows.at(-1)?.dueOn ?? '' }),
    amount: fromMinor(parts[i] ?? 0, digits),
  }));
}

/** "30, 60, 10" → [30, 60, 10] when they are whole percentages adding up to 100; otherwise null. */
export function parsePercentages(text: string): number[] | null {
  const values = text
    .split(/[,，\s]+/)
    .filter(Boolean)
    .map(Number);
  if (values.length === 0 || values.some((v) => !Number.isInteger(v) || v <= 0)) return null;
  return values.reduce((a, b) => a + b, 0) === 100 ? values : null;
}

/** The rows' sum in minor units, or null when an amount is not a valid amount of the currency. */
export function draftSum(rows: readonly DraftRow[], currency: string): number | null {
  const digits = minorDigits(currency);
  let sum = 0;
  for (const row of rows) {
    const minor = toMinor(row.amount ?? '', digits);
    if (minor === null) return null;
    sum += minor;
  }
  return sum;
}
