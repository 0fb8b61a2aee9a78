// Fréchet Inception Distance between two sets of features (Heusel et al. 2017), as NVIDIA's
// metrics/frechet_inception_distance.py computes it: ‖μ₁ − μ₂‖² + tr(Σ₁ + Σ₂ − 2·(Σ₁Σ₂)^½).
import { traceSqrtProduct, type Stats } from './linalg';

export function fidFromStats(a: Stats, b: Stats): number {
  if (a.dim !== b.dim) throw new RangeError(`feature dimensions differ: ${a.dim} vs ${b.dim}`);
  const n = a.dim;
  let meanTerm = 0;
  for (let i = 0; i < n; i++) meanTerm += (a.mean[i] - b.mean[i]) ** 2;
  let traces = 0;
  for (let i = 0; i < n; i++) traces += a.cov[i * n + i] + b.cov[i * n + i];
  const fid = meanTerm + traces - 2 * traceSqrtProduct(a.cov, b.cov, n);
  // Round-off can take an exact 0 slightly below zero.
  return Math.max(fid, 0);
}
