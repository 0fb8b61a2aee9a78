// Perceptual path length in W (Karras et al. 2019), end-point sampling, as NVIDIA's
// metrics/perceptual_path_length.py computes `ppl2_wend`: for pairs z₀, z₁ → w₀, w₁ (no
// truncation), t = 0, the images at w₀ and at w₀ + ε·(w₁ − w₀) (ε = 1e-4) are compared with a
// perceptual distance d, and PPL is the mean of d / ε² over the pairs between the 1st and 99th
// percentiles. NVIDIA's d is LPIPS (VGG16), which no npm package ships: here d is the squared
// distance between the same InceptionV3 features FID uses, so the number is labelled as ours.
import * as tf from '@tensorflow/tfjs';
import { gaussian, mulberry32 } from './random';

export const PPL_EPSILON = 1e-4;

/** What PPL needs of a generator: z → ws without truncation, ws → image (NHWC, ≈ [-1, 1]). */
export type PplGenerator = {
  zDim: number;
  mapping(z: tf.Tensor2D): tf.Tensor3D;
  synthesis(ws: tf.Tensor3D): tf.Tensor4D;
};

/** Images NHWC in [0, 255] (float) → one feature row per image. */
export type FeatureFn = (images: tf.Tensor4D) => tf.Tensor2D;

export type PplOptions = {
  num: number;
  epsilon?: number;
  batchSize?: number;
  seed?: number;
  /** Called after each batch with the number of pairs done. */
  onProgress?: (done: number) => Promise<void> | void;
  signal?: AbortSignal;
};

/** Per-pair distances d / ε² (before the percentile filter). */
export async function pplDistances(G: PplGenerator, features: FeatureFn, opts: PplOptions): Promise<Float64Array> {
  const eps = opts.epsilon ?? PPL_EPSILON;
  const batch = Math.max(1, opts.batchSize ?? 4);
  const rand = mulberry32(opts.seed ?? 0);
  const dist = new Float64Array(opts.num);
  for (let start = 0; start < opts.num; start += batch) {
    if (opts.signal?.aborted) throw opts.signal.reason ?? new Error('aborted');
    const count = Math.min(batch, opts.num - start);
    const d = tf.tidy(() => {
      const z = tf.tensor2d(gaussian(rand, count * 2 * G.zDim), [count * 2, G.zDim]);
      const ws = G.mapping(z);
      const [numWs, wDim] = ws.shape.slice(1);
      const pairs = ws.reshape([count, 2, numWs, wDim]);
      const w0 = pairs.slice([0, 0, 0, 0], [count, 1, numWs, wDim]).reshape([count, numWs, wDim]);
      const w1 = pairs.slice([0, 1, 0, 0], [count, 1, numWs, wDim]).reshape([count, numWs, wDim]);
      // t = 0 ('end' sampling): lerp(w0, w1, 0) = w0 and lerp(w0, w1, ε).
      const wt1 = w0.add(w1.sub(w0).mul(eps));
      const img = G.synthesis(tf.concat([w0, wt1], 0) as tf.Tensor3D);
      const scaled = img.add(1).mul(255 / 2) as tf.Tensor4D;
      const f = features(scaled);
      const f0 = f.slice([0, 0], [count, -1]);
      const f1 = f.slice([count, 0], [count, -1]);
      return f0.sub(f1).square().sum(1).div(eps * eps);
    });
    dist.set(await d.data(), start);
    d.dispose();
    await opts.onProgress?.(start + count);
  }
  return dist;
}

/** Mean of the values between the 1st (lower) and 99th (higher) percentiles, as numpy does it there. */
export function filteredMean(values: Float64Array): number {
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  const lo = sorted[Math.floor(0.01 * (n - 1))];
  const hi = sorted[Math.ceil(0.99 * (n - 1))];
  let sum = 0;
  let count = 0;
  for (const v of values) {
    if (v >= lo && v <= hi) {
      sum += v;
      count++;
    }
  }
  return sum / count;
}

export async function ppl(G: PplGenerator, features: FeatureFn, opts: PplOptions): Promise<number> {
  return filteredMean(await pplDistances(G, features, opts));
}
