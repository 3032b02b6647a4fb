import { minorDigits } from '@contracts/money';
import { computeQuote, type QuoteMathLine } from '@contracts/quote-math';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const quantity = fc
  .tuple(fc.integer({ min: 0, max: 99_999 }), fc.integer({ min: 0, max: 999 }))
  .map(([whole, thousandths]) => `${whole}.${String(thousandths).padStart(3, '0')}`);

const line: fc.Arbitrary<QuoteMathLine> = fc.record({
  quantity,
  unitPriceMinor: fc.integer({ min: 0, max: 50_000_000 }),
  discountBp: fc.integer({ min: 0, max: 10_000 }),
  taxRateBp: fc.constantFrom(0, 300, 600, 900, 1300, 2000),
  listPriceMinor: fc.option(fc.integer({ min: 0, max: 60_000_000 }), { nil: null }),
  unitCostMinor: fc.option(fc.integer({ min: 0, max: 30_000_000 }), { nil: null }),
});

const quote = fc.record({
  currency: fc.constantFrom('CNY', 'USD', 'JPY', 'KWD'),
  discountBp: fc.integer({ min: 0, max: 10_000 }),
  lines: fc.array(line, { minLength: 1, maxLength: 200 }),
});

describe('quote math', () => {
  it('works a small quote by hand: line discount, overall discount spread, tax per line', () => {
    const result = computeQuote({
      currency: 'CNY',
      discountBp: 1000,
      lines: [
        { quantity: '3', unitPriceMinor: 10_000, discountBp: 0, taxRateBp: 1300, listPriceMinor: 12_000 },
        { quantity: '1.5', unitPriceMinor: 3_333, discountBp: 500, taxRateBp: 600, unitCostMinor: 1_000 },
      ],
    });
    // gross 30000 and 5000 (4999.5 rounded away from zero); line nets 30000 and 4750.
    expect(result.lines.map((l) => l.grossMinor)).toEqual([30_000, 5_000]);
    expect(result.lines.map((l) => l.lineNetMinor)).toEqual([30_000, 4_750]);
    // 10 % of 34750 = 3475, spread 3000.0 / 475.0.
    expect(result.overallDiscountMinor).toBe(3_475);
    expect(result.lines.map((l) => l.netMinor)).toEqual([27_000, 4_275]);
    expect(result.lines.map((l) => l.taxMinor)).toEqual([3_510, 257]);
    expect(result.totalMinor).toBe(27_000 + 4_275 + 3_510 + 257);
    expect(result.listMinor).toBe(36_000 + 5_000);
    // Line 1 sells 27000 against a list of 36000: 25 % below list.
    expect(result.lines[0]?.effectiveDiscountBp).toBe(2_500);
    expect(result.maxDiscountBp).toBe(2_500);
    expect(result.costMinor).toBe(1_500);
    expect(result.marginMinor).toBe(27_000 + 4_275 - 1_500);
  });

  it('has no cost and no margin when no line has a unit cost', () => {
    const result = computeQuote({
      currency: 'USD',
      discountBp: 0,
      lines: [{ quantity: '1', unitPriceMinor: 100, discountBp: 0, taxRateBp: 0 }],
    });
    expect(result.costMinor).toBeNull();
    expect(result.marginBp).toBeNull();
  });

  it('refuses what is not a quote (bad quantity, discount over 100 %)', () => {
    expect(() =>
      computeQuote({
        currency: 'CNY',
        discountBp: 0,
        lines: [{ quantity: '1.2345', unitPriceMinor: 1, discountBp: 0, taxRateBp: 0 }],
      }),
    ).toThrow(RangeError);
    expect(() => computeQuote({ currency: 'CNY', discountBp: 10_001, lines: [] })).toThrow(RangeError);
  });

  it('keeps totals equal to the sum of their parts for any quote', () => {
    fc.assert(
      fc.property(quote, (q) => {
        expect(minorDigits(q.currency)).toBeGreaterThanOrEqual(0);
        const r = computeQuote(q);
        const sum = (pick: (l: (typeof r.lines)[number]) => number) =>
          r.lines.reduce((a, l) => a + pick(l), 0);
        expect(r.netMinor).toBe(sum((l) => l.netMinor));
        expect(r.taxMinor).toBe(sum((l) => l.taxMinor));
        expect(r.totalMinor).toBe(sum((l) => l.totalMinor));
        expect(r.totalMinor).toBe(r.netMinor + r.taxMinor);
        expect(r.listMinor).toBe(sum((l) => l.listMinor));
        // The shares of the overall discount add up to exactly the discount on the sum of line nets.
        const expected = Number((BigInt(r.lineNetMinor) * BigInt(q.discountBp) * 2n + 10_000n) / 20_000n);
        expect(sum((l) => l.overallShareMinor)).toBe(expected);
        expect(r.overallDiscountMinor).toBe(expected);
        for (const l of r.lines) {
          expect(l.totalMinor).toBe(l.netMinor + l.taxMinor);
          expect(l.netMinor).toBe(l.lineNetMinor - l.overallShareMinor);
          for (const amount of [l.grossMinor, l.lineNetMinor, l.overallShareMinor, l.netMinor, l.taxMinor]) {
            expect(amount).toBeGreaterThanOrEqual(0);
          }
          expect(l.effectiveDiscountBp).toBeLessThanOrEqual(r.maxDiscountBp);
        }
        expect(r.maxDiscountBp).toBeGreaterThanOrEqual(0);
        expect(r.maxDiscountBp).toBeLessThanOrEqual(10_000);
      }),
      { numRuns: 300 },
    );
  });
});
