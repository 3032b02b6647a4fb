import { describe, expect, it } from 'vitest';
import { draftSum, parsePercentages, splitRows } from './plan-draft';

describe('payment plan draft', () => {
  it('splits evenly to the cent, the remainder on the first parts', () => {
    const rows = splitRows([], 100_00, 'CNY', [1, 1, 1]);
    expect(rows.map((r) => r.amount)).toEqual(['33.34', '33.33', '33.33']);
    expect(draftSum(rows, 'CNY')).toBe(100_00);
  });

  it('splits by percentages that add up to 100, and refuses others', () => {
    expect(parsePercentages('30, 60，10')).toEqual([30, 60, 10]);
    expect(parsePercentages('30,60')).toBeNull();
    expect(parsePercentages('50.5,49.5')).toBeNull();
    const rows = splitRows(
      [{ title: '签约款', dueOn: '2026-03-01', amount: '' }],
      99_999,
      'CNY',
      [30, 60, 10],
    );
    expect(rows.map((r) => r.amount)).toEqual(['300.00', '599.99', '100.00']);
    expect(rows[0]?.title).toBe('签约款');
  });

  it('sums typed amounts exactly, and knows a wrong one', () => {
    expect(
      draftSum(
        [
          { title: '', dueOn: '', amount: '0.10' },
          { title: '', dueOn: '', amount: '0.20' },
        ],
        'CNY',
      ),
    ).toBe(30);
    expect(draftSum([{ title: '', dueOn: '', amount: '1.234' }], 'CNY')).toBeNull();
  });
});
