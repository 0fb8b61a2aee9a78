// Computes the requested metrics of one generator against one real image source: the one
// place the CLI (lib/stylegan/cli.ts metrics) and the metrics job call.
import * as tf from '@tensorflow/tfjs';
import type { Generator } from '@/lib/stylegan/generator';
import { fidFromFeatures } from './fid';
import { extractFeatures, FEATURE_DIM, FEATURE_NETWORK, FEATURE_NETWORK_LABEL, DEFAULT_INPUT_SIZE, featureNetwork, featuresOfTensor } from './inception';
import { generatorSource, type ImageSource } from './image-sources';
import { kid } from './kid';
import { ppl, PPL_EPSILON } from './ppl';
import { precisionRecall } from './precision-recall';

import type { MetricName } from './labels';

export { METRIC_NAMES, type MetricName } from './labels';

import type { MetricResult } from './results';

export type { MetricResult } from './results';

/** Real-image features are the expensive, repeatable half: cached by the source's key. */
export type FeatureCache = {
  get(key: string): Promise<Float32Array | null>;
  set(key: string, features: Float32Array): Promise<void>;
};

export type ComputeMetricsInput = {
  G: Generator;
  real: ImageSource;
  metrics: MetricName[];
  /** Images per side (capped by the real source's size for the real side). */
  num: number;
  inputSize?: number;
  batchSize?: number;
  cache?: FeatureCache;
  signal?: AbortSignal;
  onProgress?: (fraction: number, message: string) => Promise<void> | void;
  /** Called as each metric finishes (the CLI prints one JSON line per metric). */
  onResult?: (result: MetricResult) => Promise<void> | void;
};

export function realFeatureCacheKey(real: ImageSource, num: number, inputSize: number): string {
  return `${FEATURE_NETWORK}|${inputSize}|${real.key}|${Math.min(num, real.count)}`;
}

function checkAborted(signal?: AbortSignal) {
  if (signal?.aborted) throw signal.reason instanceof Error ? signal.reason : new Error('cancelled');
}

export async function computeMetrics(input: ComputeMetricsInput): Promise<MetricResult[]> {
  const inputSize = input.inputSize ?? DEFAULT_INPUT_SIZE;
  const batch = input.batchSize ?? 8;
  const wanted = new Set(input.metrics);
  const needFeatures = wanted.has('fid') || wanted.has('kid') || wanted.has('pr');
  const nReal = Math.min(input.num, input.real.count);
  const nGen = input.num;
  // Work units: images through the feature network (PPL pushes 2 per pair).
  const total = (needFeatures ? nReal + nGen : 0) + (wanted.has('ppl') ? 2 * input.num : 0);
  let done = 0;
  const report = async (n: number, message: string) => {
    done += n;
    await input.onProgress?.(total ? Math.min(done / total, 0.999) : 0, message);
  };

  const results: MetricResult[] = [];
  const emit = async (r: MetricResult) => {
    results.push(r);
    await input.onResult?.(r);
  };
  const common = (started: number) => ({ num: nGen, featureNetwork: FEATURE_NETWORK, note: FEATURE_NETWORK_LABEL, inputSize, seconds: (Date.now() - started) / 1000 });

  const featuresOf = async (source: ImageSource, count: number, label: string) => {
    const out = new Float32Array(count * FEATURE_DIM);
    for (let start = 0; start < count; start += batch) {
      checkAborted(input.signal);
      const n = Math.min(batch, count - start);
      const images = await source.read(start, n);
      out.set(await extractFeatures(images, { inputSize, batchSize: batch }), start * FEATURE_DIM);
      await report(n, `${label} ${start + n}/${count}`);
    }
    return out;
  };

  if (needFeatures) {
    if (nReal < 4) throw new RangeError(`need at least 4 real images, the source has ${input.real.count}`);
    let started = Date.now();
    const key = realFeatureCacheKey(input.real, input.num, inputSize);
    let real = (await input.cache?.get(key)) ?? null;
    if (real && real.length === nReal * FEATURE_DIM) {
      await report(nReal, 'real-image features (cached)');
    } else {
      real = await featuresOf(input.real, nReal, 'real-image features');
      await input.cache?.set(key, real);
    }
    const gen = await featuresOf(generatorSource(input.G, nGen), nGen, 'generated-image features');
    const featureSeconds = (Date.now() - started) / 1000;
    if (wanted.has('fid')) {
      started = Date.now();
      await input.onProgress?.(done / total, 'FID: covariance square root');
      const value = fidFromFeatures(real, nReal, gen, nGen, FEATURE_DIM);
      await emit({ metric: 'fid', value, ...common(started), seconds: featureSeconds + (Date.now() - started) / 1000 });
    }
    checkAborted(input.signal);
    if (wanted.has('kid')) {
      started = Date.now();
      const value = kid(gen, nGen, real, nReal, FEATURE_DIM);
      await emit({ metric: 'kid', value, ...common(started), seconds: featureSeconds + (Date.now() - started) / 1000 });
    }
    checkAborted(input.signal);
    if (wanted.has('pr')) {
      started = Date.now();
      const pr = precisionRecall(real, nReal, gen, nGen, FEATURE_DIM, 3);
      await emit({ metric: 'pr', ...pr, k: 3, ...common(started), seconds: featureSeconds + (Date.now() - started) / 1000 });
    }
  }

  if (wanted.has('ppl')) {
    const started = Date.now();
    const net = await featureNetwork();
    const G = input.G;
    const value = await ppl(
      {
        zDim: G.config.z_dim,
        mapping: (z) => G.mapping(z, { psi: 1 }),
        synthesis: (ws) => G.synthesis(ws, { noiseMode: 'const' }),
      },
      (images) => featuresOfTensor(net, images as tf.Tensor4D, inputSize),
      { num: input.num, batchSize: Math.max(1, Math.floor(batch / 2)), signal: input.signal, onProgress: async () => report(2 * Math.max(1, Math.floor(batch / 2)), 'PPL pairs') },
    );
    await emit({ metric: 'ppl', value, epsilon: PPL_EPSILON, space: 'w', sampling: 'end', ...common(started) });
  }
  return results;
}
