/**
 * Teach a direction by example (InterFaceGAN, Shen et al., CVPR 2020): a linear
 * classifier on w separates faces "with" a trait from faces "without"; the
 * direction is the unit normal of its hyperplane, pointing toward "with".
 * L2-regularised logistic regression (few examples, w_dim features: always
 * separable, so the penalty keeps the normal well defined), held-out accuracy
 * from stratified k-fold cross-validation, and optional conditioning that
 * removes the components along other directions.
 */
import { dot, norm } from './linalg';

export interface TeachInput {
  /** w vectors of faces with the trait */
  positives: ArrayLike<number>[];
  /** w vectors of faces without it */
  negatives: ArrayLike<number>[];
  /** unit-or-not directions to project out of the result */
  conditionOn?: ArrayLike<number>[];
  /** L2 penalty (default 1e-2) */
  lambda?: number;
  folds?: number;
}

export interface TeachResult {
  direction: Float32Array;
  /** fraction of held-out examples classified right (k-fold) */
  heldOutAccuracy: number;
  /** accuracy of the final model on all examples */
  trainAccuracy: number;
  folds: number;
}

export const TEACH_MIN_PER_CLASS = 10;

interface Fit {
  weights: Float64Array;
  bias: number;
}

/** Features are standardised internally; the returned weights are in raw w coordinates. */
function fitLogistic(x: Float64Array[], y: number[], lambda: number, iterations = 500): Fit {
  const d = x[0].length;
  const n = x.length;
  const mu = new Float64Array(d);
  const sd = new Float64Array(d);
  for (const row of x) for (let j = 0; j < d; j++) mu[j] += row[j] / n;
  for (const row of x) for (let j = 0; j < d; j++) sd[j] += (row[j] - mu[j]) ** 2 / n;
  // one common scale keeps the geometry of w (per-feature scaling would tilt the normal)
  let meanSd = 0;
  for (let j = 0; j < d; j++) meanSd += Math.sqrt(sd[j]) / d;
  const scale = meanSd > 0 ? 1 / meanSd : 1;
  const z = x.map((row) => Float64Array.from(row, (v, j) => (v - mu[j]) * scale));
  const w = new Float64Array(d);
  let b = 0;
  // plain gradient descent with a step from the Lipschitz bound of the logistic loss
  let maxSq = 0;
  for (const row of z) maxSq = Math.max(maxSq, dot(row, row));
  const step = 1 / (maxSq / 4 + lambda + 1e-12);
  const grad = new Float64Array(d);
  for (let it = 0; it < iterations; it++) {
    grad.fill(0);
    let gb = 0;
    for (let i = 0; i < n; i++) {
      const p = 1 / (1 + Math.exp(-(dot(z[i], w) + b)));
      const r = (p - y[i]) / n;
      for (let j = 0; j < d; j++) grad[j] += r * z[i][j];
      gb += r;
    }
    for (let j = 0; j < d; j++) w[j] -= step * (grad[j] + lambda * w[j]);
    b -= step * gb;
  }
  const weights = Float64Array.from(w, (v) => v * scale);
  return { weights, bias: b - dot(weights, mu) };
}

function accuracy(fit: Fit, x: Float64Array[], y: number[]): number {
  let right = 0;
  x.forEach((row, i) => {
    if ((dot(row, fit.weights) + fit.bias > 0 ? 1 : 0) === y[i]) right++;
  });
  return x.length ? right / x.length : 0;
}

export function projectOut(v: Float64Array, others: ArrayLike<number>[]): Float64Array {
  // Gram–Schmidt the others first so overlapping condition directions are removed once
  const basis: Float64Array[] = [];
  for (const o of others) {
    const u = Float64Array.from(o);
    for (const e of basis) {
      const c = dot(u, e);
      for (let j = 0; j < u.length; j++) u[j] -= c * e[j];
    }
    const l = norm(u);
    if (l > 1e-9) basis.push(u.map((x) => x / l));
  }
  const out = Float64Array.from(v);
  for (const e of basis) {
    const c = dot(out, e);
    for (let j = 0; j < out.length; j++) out[j] -= c * e[j];
  }
  return out;
}

export function teachDirection(input: TeachInput): TeachResult {
  const { positives, negatives } = input;
  if (positives.length < 2 || negatives.length < 2) throw new RangeError('need at least two examples with and two without the trait');
  const d = positives[0].length;
  for (const v of [...positives, ...negatives, ...(input.conditionOn ?? [])]) {
    if (v.length !== d) throw new RangeError(`every vector must have ${d} values`);
    for (let j = 0; j < d; j++) if (!Number.isFinite(v[j])) throw new RangeError('vectors must be finite numbers');
  }
  const lambda = input.lambda ?? 1e-2;
  const x = [...positives, ...negatives].map((v) => Float64Array.from(v));
  const y = [...positives.map(() => 1), ...negatives.map(() => 0)];
  const folds = Math.max(2, Math.min(input.folds ?? 5, positives.length, negatives.length));
  // stratified folds: the i-th example of each class goes to fold i mod folds
  const foldOf = [...positives.map((_, i) => i % folds), ...negatives.map((_, i) => i % folds)];
  let right = 0;
  for (let f = 0; f < folds; f++) {
    const trainIdx = foldOf.flatMap((g, i) => (g === f ? [] : [i]));
    const testIdx = foldOf.flatMap((g, i) => (g === f ? [i] : []));
    const fit = fitLogistic(
      trainIdx.map((i) => x[i]),
      trainIdx.map((i) => y[i]),
      lambda,
    );
    right += accuracy(fit, testIdx.map((i) => x[i]), testIdx.map((i) => y[i])) * testIdx.length;
  }
  const fit = fitLogistic(x, y, lambda);
  let normal = fit.weights;
  if (input.conditionOn?.length) normal = projectOut(normal, input.conditionOn);
  const l = norm(normal);
  if (!(l > 0)) throw new RangeError('the examples do not define a direction (it lies entirely along the conditioning directions)');
  return {
    direction: Float32Array.from(normal, (v) => v / l),
    heldOutAccuracy: right / x.length,
    trainAccuracy: accuracy(fit, x, y),
    folds,
  };
}
