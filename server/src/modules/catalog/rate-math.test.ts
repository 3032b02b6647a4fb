import { describe, expect, it } from 'vitest';
import { convertScaled, formatRate, parseRate, UNIT_RATE } from './rate-math';

/** Exchange-rate arithmetic: exact decimals, one rounding, half away from zero. */

describe('parseRate', () => {
  it('reads positive decimals with up to ten places and refuses the rest', () => {
    expect(parseRate('7.1234')).toBe(71_234_000_000n);
    expect(parseRate('0.0000000001')).toBe(1n);
    expect(parseRate('1')).toBe(UNIT_RATE);
    for (const bad of ['0', '0.0', '-7.1', '7.12345678901', '1e3', '', '7,1', '.5']) {
      expect(parseRate(bad), bad).toBeNull();
    }
  });

  it('writes a rate back without trailing zeros', () => {
    expect(formatRate(parseRate('7.1000000000') ?? 0n)).toBe('7.1');
    expect(formatRate(parseRate('12') ?? 0n)).toBe('12');
  });
});

describe('convertScaled', () => {
  const usd = (rate: string) => ({ digits: 2, rate: parseRate(rate) ?? 0n });
  const cny = { digits: 2, rate: UNIT_RATE };

  it('converts into the company currency at the rate', () => {
    // US$1,390.00 at 7.1194 = ¥9,895.966 → ¥9,895.97
    expect(convertScaled(139_000, usd('7.1194'), cny)).toBe(989_597);
  });

  it('converts out of the company currency by dividing', () => {
    // ¥10,000.00 / 7.1194 = 1,404.6127… → US$1,404.61
    expect(convertScaled(1_000_000, cny, usd('7.1194'))).toBe(140_461);
  });

  it('rounds a half away from zero, never to even', () => {
    // 0.05 × 0.5 = 0.025 → 0.03; 0.15 × 0.5 = 0.075 → 0.08
    expect(convertScaled(5, usd('0.5'), cny)).toBe(3);
    expect(convertScaled(15, usd('0.5'), cny)).toBe(8);
    expect(convertScaled(-5, usd('0.5'), cny)).toBe(-3);
  });

  it('goes between two foreign currencies through the company currency with one rounding', () => {
    // €1,200.00 at 7.8295 = ¥9,395.40; / 7.1194 = US$1,319.69…
    expect(convertScaled(120_000, usd('7.8295'), usd('7.1194'))).toBe(131_969);
  });

  it('respects each currency’s minor digits (JPY has none)', () => {
    // ¥(JPY)10,000 at 0.0478 CNY = ¥478.00
    expect(convertScaled(10_000, { digits: 0, rate: parseRate('0.0478') ?? 0n }, cny)).toBe(47_800);
    // ¥478.00 back into JPY at 0.0478 = 10,000 yen
    expect(convertScaled(47_800, cny, { digits: 0, rate: parseRate('0.0478') ?? 0n })).toBe(10_000);
  });
});
