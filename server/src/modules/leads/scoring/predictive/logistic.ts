/**
 * L2-regularised logistic regression on standardised features, trained by accelerated gradient descent on
 * the whole training set. Full batches and a zero start make it deterministic: the same data gives the same
 * weights. Pure, so it is tested without a database.
 */

export type Standardisation = { means: number[]; scales: number[] };

export type LogisticFit = {
  weights: number[];
  intercept: number;
  iterations: number;
  converged: boolean;
};

export type TrainOptions = {
  /** Strength of the penalty on the weights (not on the intercept), per training example. */
  l2: number;
  maxIterations: number;
  /** Stop when no component of the gradient exceeds this. */
  tolerance: number;
};

export const DEFAULT_TRAIN_OPTIONS: TrainOptions = { l2: 0.01, maxIterations: 3000, tolerance: 1e-6 };

export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/** Mean and population standard deviation of each column; a constant column gets scale 0. */
export function standardisation(rows: readonly (readonly number[])[], width: number): Standardisation {
  const means = new Array<number>(width).fill(0);
  const scales = new Array<number>(width).fill(0);
  if (rows.length === 0) return { means, scales };
  for (const row of rows) for (let j = 0; j < width; j++) means[j] = (means[j] ?? 0) + (row[j] ?? 0);
  for (let j = 0; j < width; j++) means[j] = (means[j] ?? 0) / rows.length;
  for (const row of rows) {
    for (let j = 0; j < width; j++) {
      const d = (row[j] ?? 0) - (means[j] ?? 0);
      scales[j] = (scales[j] ?? 0) + d * d;
    }
  }
  for (let j = 0; j < width; j++) {
    const sd = Math.sqrt((scales[j] ?? 0) / rows.length);
    scales[j] = sd > 1e-12 ? sd : 0;
  }
  return { means, scales };
}

export function standardise(row: readonly number[], s: Standardisation): number[] {
  return s.means.map((mean, j) => {
    const scale = s.scales[j] ?? 0;
    return scale === 0 ? 0 : ((row[j] ?? 0) - mean) / scale;
  });
}

/** Log-odds of the positive class for one standardised row. */
export function linear(fit: Pick<LogisticFit, 'weights' | 'intercept'>, row: readonly number[]): number {
  let z = fit.intercept;
  for (let j = 0; j < fit.weights.length; j++) z += (fit.weights[j] ?? 0) * (row[j] ?? 0);
  return z;
}

/**
 * Fits weights and intercept to labels 0/1. The step is 1/L with L a bound on the curvature of the mean
 * log-loss (a quarter of the trace of XᵀX/n, plus the penalty), so every step is safe whatever the data;
 * Nesterov momentum with a gradient restart makes up for the short step.
 */
export function trainLogistic(
  rows: readonly (readonly number[])[],
  labels: readonly number[],
  options: TrainOptions = DEFAULT_TRAIN_OPTIONS,
): LogisticFit {
  const n = rows.length;
  const d = rows[0]?.length ?? 0;
  if (n === 0) return { weights: new Array<number>(d).fill(0), intercept: 0, iterations: 0, converged: true };
  const x = new Float64Array(n * d);
  let trace = 1;
  for (let i = 0; i < n; i++) {
    const row = rows[i] ?? [];
    for (let j = 0; j < d; j++) {
      const v = row[j] ?? 0;
      x[i * d + j] = v;
      trace += (v * v) / n;
    }
  }
  const y = Float64Array.from(labels);
  const lipschitz = 0.25 * trace + options.l2;

  // θ = [w_0 … w_{d-1}, b]
  const size = d + 1;
  let theta = new Float64Array(size);
  let look = new Float64Array(size);
  const grad = new Float64Array(size);
  let t = 1;
  let iterations = 0;
  let converged = false;

  const gradient = (at: Float64Array) => {
    grad.fill(0);
    const b = at[d] ?? 0;
    for (let i = 0; i < n; i++) {
      let z = b;
      const base = i * d;
      for (let j = 0; j < d; j++) z += (at[j] ?? 0) * (x[base + j] ?? 0);
      const r = sigmoid(z) - (y[i] ?? 0);
      for (let j = 0; j < d; j++) grad[j] = (grad[j] ?? 0) + r * (x[base + j] ?? 0);
      grad[d] = (grad[d] ?? 0) + r;
    }
    for (let j = 0; j < d; j++) grad[j] = (grad[j] ?? 0) / n + options.l2 * (at[j] ?? 0);
    grad[d] = (grad[d] ?? 0) / n;
  };

  while (iterations < options.maxIterations) {
    iterations += 1;
    gradient(look);
    let largest = 0;
    for (let k = 0; k < size; k++) largest = Math.max(largest, Math.abs(grad[k] ?? 0));
    if (largest < options.tolerance) {
      theta = look;
      converged = true;
      break;
    }
    const next = new Float64Array(size);
    let uphill = 0;
    for (let k = 0; k < size; k++) {
      next[k] = (look[k] ?? 0) - (grad[k] ?? 0) / lipschitz;
      uphill += (grad[k] ?? 0) * ((next[k] ?? 0) - (theta[k] ?? 0));
    }
    const tNext = (1 + Math.sqrt(1 + 4 * t * t)) / 2;
    const nextLook = new Float64Array(size);
    if (uphill > 0) {
      // Momentum pointing uphill: drop it and restart from the plain step.
      nextLook.set(next);
      t = 1;
    } else {
      const momentum = (t - 1) / tNext;
      for (let k = 0; k < size; k++) {
        nextLook[k] = (next[k] ?? 0) + momentum * ((next[k] ?? 0) - (theta[k] ?? 0));
      }
      t = tNext;
    }
    theta = next;
    look = nextLook;
  }
  return { weights: Array.from(theta.subarray(0, d)), intercept: theta[d] ?? 0, iterations, converged };
}
