import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allocate,
  discounted,
  divideRounded,
  extend,
  formatMoney,
  fromMinor,
  minorDigits,
  normalizeQuantity,
  portion,
  toMinor,
} from './money';

describe('money', () => {
  it('knows the minor unit of each currency', () => {
    expect(minorDigits('CNY')).toBe(2);
    expect(minorDigits('JPY')).toBe(0);
    expect(minorDigits('KWD')).toBe(3);
  });

  it('rounds half away from zero', () => {
    expect(divideRounded(5n, 10n)).toBe(1n);
    expect(divideRounded(4n, 10n)).toBe(0n);
    expect(divideRounded(-5n, 10n)).toBe(-1n);
    expect(divideRounded(15n, 10n)).toBe(2n);
  });

  it('extends a unit price by a decimal quantity exactly', () => {
    expect(extend(333, '3')).toBe(999);
    expect(extend(1999, '2.5')).toBe(4998); // 4997.5 rounds up
    expect(extend(10, '0.001')).toBe(0);
    expect(extend(500, '0.001')).toBe(1); // 0.5 rounds up
  });

  it('takes a portion and leaves the rest so the two add up', () => {
    expect(portion(10000, 1300)).toBe(1300);
    expect(portion(999, 1300)).toBe(130); // 129.87
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 12 }), fc.integer({ min: 0, max: 10000 }), (amount, bp) => {
        expect(discounted(amount, bp) + portion(amount, bp)).toBe(amount);
      }),
    );
  });

  it('allocates a total in proportion with parts that add up exactly', () => {
    expect(allocate(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(allocate(0, [5, 7])).toEqual([0, 0]);
    expect(allocate(10, [0, 0])).toEqual([0, 0]);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10 ** 10 }),
        fc.array(fc.integer({ min: 0, max: 10 ** 9 }), { minLength: 1, maxLength: 30 }),
        (total, weights) => {
          const parts = allocate(total, weights);
          const sum = parts.reduce((a, b) => a + b, 0);
          expect(sum).toBe(weights.some((w) => w > 0) ? total : 0);
          for (const part of parts) expect(part).toBeGreaterThanOrEqual(0);
        },
      ),
    );
  });

  it('reads and writes decimal amounts on the digits', () => {
    expect(toMinor('1234.5', 2)).toBe(123450);
    expect(toMinor('0.001', 2)).toBeNull();
    expect(toMinor('-1', 2)).toBeNull();
    expect(fromMinor(123450, 2)).toBe('1234.50');
    expect(fromMinor(5, 2)).toBe('0.05');
    expect(fromMinor(-5, 2)).toBe('-0.05');
    expect(fromMinor(42, 0)).toBe('42');
    expect(normalizeQuantity('2.500')).toBe('2.5');
    expect(normalizeQuantity('3.000')).toBe('3');
  });

  it('formats money for people', () => {
    expect(formatMoney(123450, 'CNY', 'zh-CN')).toBe('¥1,234.50');
    expect(formatMoney(123450, 'USD', 'en-US')).toBe('$1,234.50');
  });
});
