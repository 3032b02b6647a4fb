import type { MoneyTotal as MoneyTotalSchema } from '@contracts/deals.contract';
import type { z } from 'zod';
import { minorToAmount } from '../leads/campaigns/use-format-money';
import { minorDigits } from '../leads/detail/convert/money';

/** A sum per currency as the board and the summary send it. */
export type MoneyTotal = z.infer<typeof MoneyTotalSchema>;

/** Currencies appearing in any of the rows' totals, the most used first (ties alphabetically). */
export function currenciesOf(rows: readonly { totals: readonly MoneyTotal[] }[]): string[] {
  const seen = new Map<string, number>();
  for (const row of rows)
    for (const total of row.totals) seen.set(total.currency, (seen.get(total.currency) ?? 0) + 1);
  return [...seen.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([currency]) => currency);
}

/**
 * One chart series per currency: for each row, the amount in major units (as a decimal string, exact, from the
 * integer minor units) or 0 when the row has none in that currency.
 */
export function amountSeries(
  rows: readonly { totals: readonly MoneyTotal[] }[],
  currency: string,
  field: 'amountMinor' | 'weightedMinor' = 'amountMinor',
): string[] {
  const digits = minorDigits(currency);
  return rows.map((row) => {
    const total = row.totals.find((x) => x.currency === currency);
    return minorToAmount(total ? total[field] : 0, digits);
  });
}

/** Adds money totals per currency (exact integer sums), keeping the order currencies first appear in. */
export function addTotals(...lists: readonly (readonly MoneyTotal[])[]): MoneyTotal[] {
  const sums = new Map<string, MoneyTotal>();
  for (const list of lists) {
    for (const total of list) {
      const sum = sums.get(total.currency) ?? { currency: total.currency, amountMinor: 0, weightedMinor: 0 };
      sum.amountMinor += total.amountMinor;
      sum.weightedMinor += total.weightedMinor;
      sums.set(total.currency, sum);
    }
  }
  return [...sums.values()];
}
