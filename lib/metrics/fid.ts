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

/** FID of two feature sets [n, d]: the same value, computed through covariance factors (fast for n ≤ d). */
export function fidFromFeatures(x: Float32Array, nx: number, y: Float32Array, ny: number, dim: number): number {
  const sx = featureStats(x, nx, dim);
  const sy = featureStats(y, ny, dim);
  const t = traceSqrtProductFromFactors(covarianceFactor(x, nx, dim, sx), covarianceFactor(y, ny, dim, sy), dim);
  return Math.max(fidParts(sx, sy) - 2 * t, 0);
}
