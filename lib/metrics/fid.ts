// Fréchet Inception Distance between two sets of features (Heusel et al. 2017), as NVIDIA's
// metrics/frechet_inception_distance.py computes it: ‖μ₁ − μ₂‖² + tr(Σ₁ + Σ₂ − 2·(Σ₁Σ₂)^½).
import { covarianceFactor, featureStats, traceSqrtProduct, traceSqrtProductFromFactors, type Stats } from './linalg';

function fidParts(a: Stats, b: Stats): number {
  if (a.dim !== b.dim) throw new RangeError(`feature dimensions differ: ${a.dim} vs ${b.dim}`);
  const n = a.dim;
  let meanTerm = 0;
  for (let i = 0; i < n; i++) meanTerm += (a.mean[i] - b.mean[i]) ** 2;
  let traces = 0;
  for (let i = 0; i < n; i++) traces += a.cov[i * n + i] + b.cov[i * n + i];
  return meanTerm + traces;
}

/** FID from two sets' statistics, through the symmetric square root of Σ₁ (small dimensions). */
export function fidFromStats(a: Stats, b: Stats): number {
  // Round-off can take an exact 0 slightly below zero.
  return Math.max(fidParts(a, b) - 2 * traceSqrtProduct(a.cov, b.cov, a.dim), 0);
}

/** Mean and covariance trace without the d×d covariance (its O(n·d²) product is the slow part). */
function meanAndTrace(f: Float32Array, n: number, d: number): { mean: Float64Array; trace: number } {
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] += f[i * d + j];
  for (let j = 0; j < d; j++) mean[j] /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) ss += (f[i * d + j] - mean[j]) ** 2;
  return { mean, trace: ss / (n - 1) };
}

/**
 * FID of two feature sets [n, d]: the same value as fidFromStats, through covariance factors.
 * With no more images than feature dimensions the covariances are never formed: O(n²·d).
 */
export function fidFromFeatures(x: Float32Array, nx: number, y: Float32Array, ny: number, dim: number): number {
  if (nx < 2 || ny < 2) throw new RangeError('FID needs at least 2 features in each set');
  const factor = (f: Float32Array, n: number) => {
    if (n <= dim) {
      const { mean, trace } = meanAndTrace(f, n, dim);
      return { mean, trace, factor: covarianceFactor(f, n, dim, { dim, count: n, mean, cov: new Float64Array(0) }) };
    }
    const stats = featureStats(f, n, dim);
    let trace = 0;
    for (let i = 0; i < dim; i++) trace += stats.cov[i * dim + i];
    return { mean: stats.mean, trace, factor: covarianceFactor(f, n, dim, stats) };
  };
  const a = factor(x, nx);
  const b = factor(y, ny);
  let meanTerm = 0;
  for (let i = 0; i < dim; i++) meanTerm += (a.mean[i] - b.mean[i]) ** 2;
  const t = traceSqrtProductFromFactors(a.factor, b.factor, dim);
  return Math.max(meanTerm + a.trace + b.trace - 2 * t, 0);
}
