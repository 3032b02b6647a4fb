import { describe, expect, it } from 'vitest';
import { addTotals, amountSeries, currenciesOf } from './deal-money';

/** Board and summary sums stay exact integers per currency; charts get decimal strings from them. */

const row = (...totals: [string, number, number][]) => ({
  totals: totals.map(([currency, amountMinor, weightedMinor]) => ({ currency, amountMinor, weightedMinor })),
});

describe('deal money', () => {
  it('adds totals per currency exactly, never mixing currencies', () => {
    const sum = addTotals(
      row(['CNY', 10_000_001, 5_000_000]).totals,
      row(['USD', 99, 10], ['CNY', 2, 1]).totals,
    );
    expect(sum).toEqual([
      { currency: 'CNY', amountMinor: 10_000_003, weightedMinor: 5_000_001 },
      { currency: 'USD', amountMinor: 99, weightedMinor: 10 },
    ]);
    expect(addTotals()).toEqual([]);
  });

  it('keeps sums beyond floating-point cents exact', () => {
    const big = 900_719_925_474_099; // 9 007 199 254 740.99 in cents
    const [total] = addTotals([{ currency: 'CNY', amountMinor: big, weightedMinor: 0 }]);
    expect(amountSeries([{ totals: total ? [total] : [] }], 'CNY')).toEqual(['9007199254740.99']);
  });

  it('lists the currencies used most first', () => {
    expect(
      currenciesOf([
        row(['USD', 1, 0]),
        row(['CNY', 1, 0], ['USD', 2, 0]),
        row(['EUR', 1, 0], ['CNY', 1, 0]),
      ]),
    ).toEqual(['CNY', 'USD', 'EUR']);
    expect(currenciesOf([])).toEqual([]);
  });

  it('turns one currency of each row into major units, zero where the row has none', () => {
    const rows = [row(['CNY', 123_456, 61_728]), row(['USD', 500, 250]), row(['JPY', 980, 98])];
    expect(amountSeries(rows, 'CNY')).toEqual(['1234.56', '0.00', '0.00']);
    expect(amountSeries(rows, 'CNY', 'weightedMinor')).toEqual(['617.28', '0.00', '0.00']);
    expect(amountSeries(rows, 'JPY')).toEqual(['0', '0', '980']);
  });
});
