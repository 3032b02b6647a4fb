/**
 * Area under the ROC curve in its Mann–Whitney form: the chance that a random positive scores above a random
 * negative, ties counted half. Ranks with ties averaged make it O(n log n). Null when a class is missing.
 */
export function auc(scores: readonly number[], labels: readonly number[]): number | null {
  if (scores.length !== labels.length) throw new Error('scores and labels differ in length');
  const positives = labels.filter((y) => y === 1).length;
  const negatives = labels.length - positives;
  if (positives === 0 || negatives === 0) return null;
  const order = scores.map((score, i) => ({ score, i })).sort((a, b) => a.score - b.score);
  let positiveRankSum = 0;
  for (let start = 0; start < order.length; ) {
    let end = start;
    while (end + 1 < order.length && order[end + 1]?.score === order[start]?.score) end += 1;
    // Ranks are 1-based; a run of ties shares the mean of its ranks.
    const rank = (start + end) / 2 + 1;
    for (let k = start; k <= end; k++) {
      const entry = order[k];
      if (entry && labels[entry.i] === 1) positiveRankSum += rank;
    }
    start = end + 1;
  }
  return (positiveRankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}
