import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { auc } from './auc';

/** The definition itself: over every positive–negative pair, a win counts 1 and a tie ½. */
function pairwise(scores: readonly number[], labels: readonly number[]): number | null {
  let wins = 0;
  let pairs = 0;
  for (const [i, si] of scores.entries()) {
    if (labels[i] !== 1) continue;
    for (const [j, sj] of scores.entries()) {
      if (labels[j] !== 0) continue;
      pairs += 1;
      wins += si > sj ? 1 : si === sj ? 0.5 : 0;
    }
  }
  return pairs === 0 ? null : wins / pairs;
}

describe('auc', () => {
  it('is 1 when every positive outranks every negative, 0 when reversed', () => {
    expect(auc([0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1])).toBe(1);
    expect(auc([0.9, 0.8, 0.2, 0.1], [0, 0, 1, 1])).toBe(0);
  });

  it('matches a worked example', () => {
    expect(auc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])).toBe(0.75);
  });

  it('counts ties half', () => {
    expect(auc([0.5, 0.5], [1, 0])).toBe(0.5);
    expect(auc([1, 0.5, 0.5], [1, 1, 0])).toBe(0.75);
    expect(auc([3, 3, 3, 3], [1, 0, 1, 0])).toBe(0.5);
  });

  it('has no value without both classes', () => {
    expect(auc([0.2, 0.4], [1, 1])).toBeNull();
    expect(auc([], [])).toBeNull();
  });

  it('equals the pairwise definition on any data', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 6 }), fc.constantFrom(0, 1)), { maxLength: 40 }),
        (pairs) => {
          const scores = pairs.map(([s]) => s / 2);
          const labels = pairs.map(([, y]) => y);
          const expected = pairwise(scores, labels);
          const actual = auc(scores, labels);
          if (expected === null) expect(actual).toBeNull();
          else expect(actual).toBeCloseTo(expected, 12);
        },
      ),
    );
  });
});
