import { describe, expect, it } from 'vitest';
import { amountText, bpToPercent, parseAmount, percentToBp } from './catalog-money';

/** Typed prices and tax rates become exact minor units and basis points, and back. */

describe('catalog money fields', () => {
  it('reads amounts in the currency’s precision and refuses more decimals', () => {
    expect(parseAmount('12800', 'CNY')).toBe(1_280_000);
    expect(parseAmount('0.1', 'CNY')).toBe(10);
    expect(parseAmount('12.345', 'CNY')).toBeNull();
    expect(parseAmount('1500', 'JPY')).toBe(1500);
    expect(parseAmount('1500.5', 'JPY')).toBeNull();
    expect(amountText(1_280_000, 'CNY')).toBe('12800.00');
    expect(amountText(null, 'CNY')).toBe('');
  });

  it('turns percentages into basis points up to 100 %', () => {
    expect(percentToBp('13')).toBe(1300);
    expect(percentToBp('6.5')).toBe(650);
    expect(percentToBp('100.01')).toBeNull();
    expect(percentToBp('0.123')).toBeNull();
    expect(bpToPercent(1300)).toBe('13');
    expect(bpToPercent(650)).toBe('6.5');
    expect(bpToPercent(-1250)).toBe('-12.5');
    expect(bpToPercent(10_000)).toBe('100');
  });
});
