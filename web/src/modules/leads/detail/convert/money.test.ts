import { describe, expect, it } from 'vitest';
import { minorDigits, toMinorUnits } from './money';

/** Deal amounts go to the API as exact integer minor units. */

describe('money input', () => {
  it('counts minor units on the digits, without floating-point error', () => {
    expect(toMinorUnits('1234.56', 2)).toBe(123456);
    expect(toMinorUnits('0.29', 2)).toBe(29);
    expect(toMinorUnits('1.1', 2)).toBe(110);
    expect(toMinorUnits('15000', 2)).toBe(1500000);
    expect(toMinorUnits('980', 0)).toBe(980);
  });

  it('refuses negative, malformed, too precise or too large amounts', () => {
    expect(toMinorUnits('-5', 2)).toBeNull();
    expect(toMinorUnits('1,000', 2)).toBeNull();
    expect(toMinorUnits('1.234', 2)).toBeNull();
    expect(toMinorUnits('99999999999999999', 2)).toBeNull();
  });

  it('knows the minor unit of common currencies', () => {
    expect(minorDigits('CNY')).toBe(2);
    expect(minorDigits('JPY')).toBe(0);
  });
});
