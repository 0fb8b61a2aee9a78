import { describe, expect, it } from 'vitest';
import { fidFromFeatures, fidFromStats } from './fid';
import { kid } from './kid';
import { featureStats } from './linalg';
import { gaussian, mulberry32 } from './random';

const d = 16;
function gaussianSet(n: number, seed: number, shift = 0): Float32Array {
  const f = gaussian(mulberry32(seed), n * d);
  return f.map((v) => v + shift);
}

/** The unbiased MMD² estimator written out directly from its definition. */
function directMmd2(x: Float32Array, y: Float32Array, m: number): number {
  const k = (a: Float32Array, i: number, b: Float32Array, j: number) => {
    let dot = 0;
    for (let t = 0; t < d; t++) dot += a[i * d + t] * b[j * d + t];
    return (dot / d + 1) ** 3;
  };
  let xx = 0;
  let yy = 0;
  let xy = 0;
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < m; j++) {
      if (i !== j) {
        xx += k(x, i, x, j);
        yy += k(y, i, y, j);
      }
      xy += k(x, i, y, j);
    }
  }
  return xx / (m * (m - 1)) + yy / (m * (m - 1)) - (2 * xy) / (m * m);
}

describe('FID', () => {
  it('is 0 for a set against itself', () => {
    const s = featureStats(gaussianSet(200, 1), 200, d);
    expect(fidFromStats(s, s)).toBeLessThan(1e-9);
  });

  it('is the squared mean distance for two covariances that are equal (shifted set)', () => {
    const a = gaussianSet(300, 2);
    const sa = featureStats(a, 300, d);
    const sb = featureStats(a.map((v) => v + 0.5), 300, d);
    expect(fidFromStats(sa, sb)).toBeCloseTo(d * 0.25, 6);
  });
});

describe('KID', () => {
  it('matches the unbiased MMD² computed directly when the subset is the whole set', () => {
    const x = gaussianSet(40, 3);
    const y = gaussianSet(40, 4, 0.3);
    // With m = n each subset is a permutation of the set, and MMD² does not depend on order.
    expect(kid(x, 40, y, 40, d, { numSubsets: 3 })).toBeCloseTo(directMmd2(x, y, 40), 9);
  });

  it('is ≈ 0 for one distribution and clearly positive for a shifted one', () => {
    const a = gaussianSet(400, 5);
    const b = gaussianSet(400, 6);
    const shifted = gaussianSet(400, 7, 1);
    const same = kid(a, 400, b, 400, d, { numSubsets: 20, maxSubsetSize: 200 });
    const apart = kid(a, 400, shifted, 400, d, { numSubsets: 20, maxSubsetSize: 200 });
    expect(Math.abs(same)).toBeLessThan(apart / 50);
    expect(apart).toBeGreaterThan(0);
  });
});

describe('FID from features', () => {
  it('equals FID from statistics and is 0 for a set against itself', () => {
    const a = gaussianSet(12, 8);
    const b = gaussianSet(30, 9, 0.2);
    expect(fidFromFeatures(a, 12, b, 30, d)).toBeCloseTo(fidFromStats(featureStats(a, 12, d), featureStats(b, 30, d)), 6);
    expect(fidFromFeatures(a, 12, a, 12, d)).toBeLessThan(1e-9);
  });
});
