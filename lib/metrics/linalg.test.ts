import { describe, expect, it } from 'vitest';
import { covarianceFactor, featureStats, matMul, sqrtPsd, symmetricEigen, traceSqrtProduct, traceSqrtProductFromFactors } from './linalg';
import { gaussian, mulberry32 } from './random';

/** A random covariance: features of n samples of dimension d. */
function randomCov(d: number, n: number, seed: number): Float64Array {
  const f = gaussian(mulberry32(seed), n * d);
  // Correlate the columns so the matrix is not near-diagonal.
  for (let i = 0; i < n; i++) for (let j = 1; j < d; j++) f[i * d + j] += 0.6 * f[i * d + j - 1];
  return featureStats(f, n, d).cov;
}

/** Reference: Denman–Beavers / Newton–Schulz-free square root of a general (non-symmetric) matrix. */
function denmanBeaversSqrt(a: Float64Array, n: number, iters = 60): Float64Array {
  let Y = Float64Array.from(a);
  let Z = new Float64Array(n * n);
  for (let i = 0; i < n; i++) Z[i * n + i] = 1;
  for (let k = 0; k < iters; k++) {
    const Yi = invert(Y, n);
    const Zi = invert(Z, n);
    Y = Y.map((v, i) => (v + Zi[i]) / 2);
    Z = Z.map((v, i) => (v + Yi[i]) / 2);
  }
  return Y;
}

function invert(a: Float64Array, n: number): Float64Array {
  const m = Array.from({ length: n }, (_, i) => [...a.subarray(i * n, (i + 1) * n), ...Array.from({ length: n }, (_, j) => (i === j ? 1 : 0))]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r][c]) > Math.abs(m[p][c])) p = r;
    [m[c], m[p]] = [m[p], m[c]];
    const pv = m[c][c];
    for (let j = 0; j < 2 * n; j++) m[c][j] /= pv;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r][c];
      for (let j = 0; j < 2 * n; j++) m[r][j] -= f * m[c][j];
    }
  }
  return Float64Array.from(m.flatMap((row) => row.slice(n)));
}

describe('symmetric eigendecomposition', () => {
  it('reconstructs A = V diag(λ) Vᵀ with orthonormal V', () => {
    const n = 7;
    const a = randomCov(n, 40, 1);
    const { values, vectors } = symmetricEigen(a, n);
    const V = vectors!;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let rec = 0;
        let orth = 0;
        for (let k = 0; k < n; k++) {
          rec += V[i * n + k] * values[k] * V[j * n + k];
          orth += V[k * n + i] * V[k * n + j];
        }
        expect(rec).toBeCloseTo(a[i * n + j], 10);
        expect(orth).toBeCloseTo(i === j ? 1 : 0, 10);
      }
    }
    for (let k = 1; k < n; k++) expect(values[k]).toBeGreaterThanOrEqual(values[k - 1]);
  });
});

describe('matrix square root for FID', () => {
  it('sqrtPsd squares back to the covariance and matches the Denman–Beavers iteration', () => {
    for (const [n, seed] of [[3, 2], [6, 3], [10, 4]] as const) {
      const a = randomCov(n, 50, seed);
      const root = sqrtPsd(a, n);
      const sq = matMul(root, root, n);
      const ref = denmanBeaversSqrt(a, n);
      for (let i = 0; i < n * n; i++) {
        expect(sq[i]).toBeCloseTo(a[i], 9);
        expect(root[i]).toBeCloseTo(ref[i], 8);
      }
    }
  });

  it('tr(sqrtm(Σ₁Σ₂)) matches the trace of the Denman–Beavers root of the non-symmetric product', () => {
    for (const [n, seed] of [[4, 5], [8, 6], [12, 7]] as const) {
      const a = randomCov(n, 60, seed);
      const b = randomCov(n, 60, seed + 100);
      const ref = denmanBeaversSqrt(matMul(a, b, n), n);
      let refTrace = 0;
      for (let i = 0; i < n; i++) refTrace += ref[i * n + i];
      expect(traceSqrtProduct(a, b, n)).toBeCloseTo(refTrace, 8);
    }
  });

  it('matches the closed form for commuting (diagonal) covariances: Σ √(aᵢbᵢ)', () => {
    const n = 5;
    const da = [1, 4, 9, 0.25, 2];
    const db = [16, 1, 4, 4, 8];
    const a = new Float64Array(n * n);
    const b = new Float64Array(n * n);
    da.forEach((v, i) => (a[i * n + i] = v));
    db.forEach((v, i) => (b[i * n + i] = v));
    expect(traceSqrtProduct(a, b, n)).toBeCloseTo(4 + 2 + 6 + 1 + 4, 12);
  });
});

describe('FID trace through covariance factors', () => {
  it('eigenvalues without vectors equal those with vectors', () => {
    const n = 9;
    const a = randomCov(n, 30, 21);
    const withV = symmetricEigen(a, n).values;
    const without = symmetricEigen(a, n, { vectors: false }).values;
    withV.forEach((v, i) => expect(without[i]).toBeCloseTo(v, 10));
  });

  it('matches the square-root path for fewer and for more samples than dimensions', () => {
    const d = 8;
    for (const [n1, n2] of [[5, 7], [20, 30], [6, 25]] as const) {
      const x = gaussian(mulberry32(n1 * 100 + n2), n1 * d);
      const y = gaussian(mulberry32(n1 * 100 + n2 + 1), n2 * d).map((v, i) => v * (1 + (i % d) / 4));
      const sx = featureStats(x, n1, d);
      const sy = featureStats(y, n2, d);
      const fast = traceSqrtProductFromFactors(covarianceFactor(x, n1, d, sx), covarianceFactor(y, n2, d, sy), d);
      expect(fast).toBeCloseTo(traceSqrtProduct(sx.cov, sy.cov, d), 6);
    }
  });
});
