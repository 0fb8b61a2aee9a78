// Improved precision and recall (Kynkäänniemi et al. 2019), as NVIDIA's
// metrics/precision_recall.py: each set's manifold is the union of balls around its features
// with radius the distance to the k-th nearest neighbour (k = 3). Precision: the share of
// generated features inside the real manifold; recall: the share of real features inside the
// generated one. NVIDIA uses VGG16 features; we use the same InceptionV3 features as FID.
import * as tf from '@tensorflow/tfjs';

/** Pairwise squared distances [n, m] between rows of a [n, d] and b [m, d], batched on tfjs. */
function squaredDistances(a: Float32Array, n: number, b: Float32Array, m: number, d: number): Float32Array {
  const out = new Float32Array(n * m);
  const rows = 256;
  const bt = tf.tensor2d(b, [m, d]);
  const bNorm = tf.tidy(() => bt.square().sum(1).reshape([1, m]));
  try {
    for (let s = 0; s < n; s += rows) {
      const count = Math.min(rows, n - s);
      const block = tf.tidy(() => {
        const at = tf.tensor2d(a.subarray(s * d, (s + count) * d), [count, d]);
        const aNorm = at.square().sum(1).reshape([count, 1]);
        return aNorm.add(bNorm).sub(at.matMul(bt, false, true).mul(2)).relu();
      });
      out.set(block.dataSync(), s * m);
      block.dispose();
    }
  } finally {
    bt.dispose();
    bNorm.dispose();
  }
  return out;
}

/** Squared radius of each row's ball: distance² to its k-th nearest other row. */
function kthRadii(f: Float32Array, n: number, d: number, k: number): Float32Array {
  if (n <= k) throw new RangeError(`need more than k = ${k} features, got ${n}`);
  const dist = squaredDistances(f, n, f, n, d);
  const radii = new Float32Array(n);
  const row = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    row.set(dist.subarray(i * n, (i + 1) * n));
    row[i] = Infinity; // not its own neighbour
    radii[i] = row.sort()[k - 1];
  }
  return radii;
}

/** Share of `probe` rows that fall inside some ball of the manifold (centres, radii²). */
function coverage(probe: Float32Array, nProbe: number, centres: Float32Array, radii: Float32Array, nCentres: number, d: number): number {
  const dist = squaredDistances(probe, nProbe, centres, nCentres, d);
  let inside = 0;
  for (let i = 0; i < nProbe; i++) {
    for (let j = 0; j < nCentres; j++) {
      if (dist[i * nCentres + j] <= radii[j]) {
        inside++;
        break;
      }
    }
  }
  return inside / nProbe;
}

export function precisionRecall(
  real: Float32Array,
  nReal: number,
  gen: Float32Array,
  nGen: number,
  d: number,
  k = 3,
): { precision: number; recall: number } {
  const realRadii = kthRadii(real, nReal, d, k);
  const genRadii = kthRadii(gen, nGen, d, k);
  return {
    precision: coverage(gen, nGen, real, realRadii, nReal, d),
    recall: coverage(real, nReal, gen, genRadii, nGen, d),
  };
}
