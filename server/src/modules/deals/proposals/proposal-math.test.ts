import { lineTotalMinor } from '@contracts/deal-proposals.contract';
import { describe, expect, it } from 'vitest';
import { diffLines, priceLines, storedRoi } from './proposal-math';

describe('proposal arithmetic', () => {
  it('computes a line total exactly and rounds half up to a whole minor unit', () => {
    expect(lineTotalMinor({ quantity: 3, unitPriceMinor: 19_999, discountPercent: 0 })).toBe(59_997);
    // 0.1 × 0.2 would drift in floating point; 3 × 333 × 0.9 = 899.1 → 899
    expect(lineTotalMinor({ quantity: 3, unitPriceMinor: 333, discountPercent: 10 })).toBe(899);
    // 1 × 5 × (1 − 0.5) = 2.5 → 3 (half up)
    expect(lineTotalMinor({ quantity: 1, unitPriceMinor: 5, discountPercent: 50 })).toBe(3);
    // 2.5 × 101 × 0.8765 = 221.31… → 221
    expect(lineTotalMinor({ quantity: 2.5, unitPriceMinor: 101, discountPercent: 12.35 })).toBe(221);
    expect(lineTotalMinor({ quantity: 0.001, unitPriceMinor: 1_000_000_000, discountPercent: 100 })).toBe(0);
  });

  it('sums the rounded line totals and gives new or repeated lines their own id', () => {
    const { lines, totalMinor } = priceLines([
      { description: 'Licences', quantity: 10, unitPriceMinor: 120_000, discountPercent: 15 },
      { description: 'Training', quantity: 1, unitPriceMinor: 5, discountPercent: 50 },
    ]);
    expect(lines.map((l) => l.totalMinor)).toEqual([1_020_000, 3]);
    expect(totalMinor).toBe(1_020_003);
    const id = lines[0]?.id ?? '';
    const again = priceLines([
      { id, description: 'A', quantity: 1, unitPriceMinor: 1 },
      { id, description: 'B', quantity: 1, unitPriceMinor: 1 },
    ]);
    expect(again.lines[0]?.id).toBe(id);
    expect(again.lines[1]?.id).not.toBe(id);
  });

  it('computes payback months and 3-year ROI, and nothing it cannot divide by', () => {
    expect(
      storedRoi({ investmentMinor: 1_200_000, yearlyBenefitMinor: 600_000, yearlySavingMinor: 300_000 }),
    ).toEqual({
      investmentMinor: 1_200_000,
      yearlyBenefitMinor: 600_000,
      yearlySavingMinor: 300_000,
      paybackMonths: 16,
      threeYearRoiPercent: 125,
    });
    expect(storedRoi({ investmentMinor: 0, yearlyBenefitMinor: 0 })).toMatchObject({
      paybackMonths: null,
      threeYearRoiPercent: null,
    });
    expect(storedRoi({ investmentMinor: 1000, yearlySavingMinor: 300 })).toMatchObject({
      paybackMonths: 40,
      threeYearRoiPercent: -10,
    });
    expect(storedRoi(null)).toBeNull();
  });

  it('tells changed lines from added and removed ones, by id and then by description', () => {
    const before = priceLines([
      { description: 'Licences', quantity: 10, unitPriceMinor: 100 },
      { description: 'Training', quantity: 1, unitPriceMinor: 500 },
      { description: 'Support', quantity: 1, unitPriceMinor: 900 },
    ]).lines;
    const [licences, training] = before;
    const after = priceLines([
      { ...licences, description: 'Licences (annual)', quantity: 12, unitPriceMinor: 100 },
      { description: ' training ', quantity: 1, unitPriceMinor: 500, discountPercent: 10 },
      { description: 'Data migration', quantity: 1, unitPriceMinor: 3000 },
    ]).lines;
    const diff = diffLines(before, after);
    expect(diff.added.map((l) => l.description)).toEqual(['Data migration']);
    expect(diff.removed.map((l) => l.description)).toEqual(['Support']);
    expect(diff.changed.map((c) => [c.before.id, c.fields])).toEqual([
      [licences?.id, ['description', 'quantity']],
      [training?.id, ['description', 'discountPercent']],
    ]);
  });
});
