/** Seeded randomness for training: the same outcomes always give the same split and so the same model. */

/** mulberry32: a small, fast 32-bit generator; plenty for shuffling a training set. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/**
 * Indexes of a stratified split: each class keeps its share in both parts, so a rare outcome is never left
 * out of the held-out set. Each class with two or more members gives at least one to each side.
 */
export function stratifiedSplit(
  labels: readonly number[],
  testFraction: number,
  seed: number,
): { train: number[]; test: number[] } {
  const random = seededRandom(seed);
  const train: number[] = [];
  const test: number[] = [];
  for (const label of [...new Set(labels)].sort()) {
    const members = shuffle(
      labels.flatMap((y, i) => (y === label ? [i] : [])),
      random,
    );
    let n = Math.round(members.length * testFraction);
    if (members.length >= 2) n = Math.min(Math.max(n, 1), members.length - 1);
    test.push(...members.slice(0, n));
    train.push(...members.slice(n));
  }
  return { train: train.sort((a, b) => a - b), test: test.sort((a, b) => a - b) };
}
