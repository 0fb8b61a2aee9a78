/**
 * Projection: find the latent whose image is closest to a target image, by
 * gradient descent through the generator, following the projector described
 * in the StyleGAN2 paper (Karras et al. 2020, §5 and appendix D), written
 * from the paper:
 *
 *  - start from w_avg; σ_w is the RMS distance of mapped random z from it;
 *  - Adam (β = 0.9, 0.999) with a linear learning-rate ramp-up and a cosine
 *    ramp-down (schedule.ts);
 *  - Gaussian noise added to w, decaying quadratically to zero over the first
 *    three quarters of the steps (explores before it settles);
 *  - optionally the per-layer noise maps as variables, renormalised after every
 *    step and kept white by the autocorrelation regulariser (noise-regularizer.ts);
 *  - optionally W+ (one w per layer) instead of a single w.
 *
 * The image distance is PerceptualDistance (distance.ts). Without noise
 * optimisation the generator uses its own constant noise maps, which is how
 * the rest of the product renders a latent.
 */
import * as tf from '@tensorflow/tfjs';
import type { Discriminator } from '../discriminator';
import type { Generator } from '../generator';
import { imageToUint8 } from '../synthesize';
import { DEFAULT_DISTANCE_WEIGHTS, PerceptualDistance, type DistanceWeights, type IdentityEmbedder } from './distance';
import { noiseRegularizer, normalizeNoise } from './noise-regularizer';
import { psnr } from './psnr';
import { learningRateAt, wNoiseStdAt, type ScheduleOptions } from './schedule';

export interface ProjectOptions extends ScheduleOptions {
  steps: number;
  /** one w per layer (W+) instead of one w for all */
  wPlus: boolean;
  /** optimise the per-layer noise maps too */
  optimizeNoise: boolean;
  /** weight of the noise regulariser */
  noiseRegularize: number;
  /** start the noise maps from the model's constant noise (true) or from fresh N(0, 1) (false) */
  noiseFromConst: boolean;
  /** seeds the noise added to w (and fresh noise maps): same seed, same result */
  seed: number;
  distance: DistanceWeights;
  /** random z mapped to estimate σ_w */
  wStatsSamples: number;
  /** report a rendered snapshot every this many steps (0: none) */
  snapshotEvery: number;
}

export const DEFAULT_PROJECT_OPTIONS: ProjectOptions = {
  steps: 1000,
  wPlus: false,
  optimizeNoise: false,
  noiseRegularize: 1e5,
  noiseFromConst: true,
  seed: 0,
  lr: 0.1,
  lrRampUp: 0.05,
  lrRampDown: 0.25,
  initialNoiseFactor: 0.05,
  noiseRampLength: 0.75,
  distance: DEFAULT_DISTANCE_WEIGHTS,
  wStatsSamples: 10000,
  snapshotEvery: 0,
};

export interface StepDistances {
  pixel: number;
  discriminator: number;
  identity: number;
  noiseReg: number;
  /** weighted distance + weighted regulariser: what is minimised */
  loss: number;
}

export interface ProjectionProgress extends StepDistances {
  step: number;
  steps: number;
  lr: number;
  /** uint8 HWC image of the current latent (without the exploration noise), on snapshot steps */
  snapshot?: Uint8Array;
}

export interface ProjectionResult {
  /** [1, num_ws, w_dim] row-major (w repeated across layers unless W+) */
  ws: Float32Array;
  numWs: number;
  wDim: number;
  /** optimised noise maps in layer order ([res, res] each), or null */
  noise: { name: string; resolution: number; data: Float32Array }[] | null;
  /** uint8 HWC projection at model resolution */
  image: Uint8Array;
  /** dB between target and projection at model resolution */
  psnr: number;
  /** the last step's distances (what the optimiser saw, with w exploration noise off by then) */
  final: StepDistances;
  /** loss after every step */
  lossHistory: number[];
  steps: number;
}

export interface ProjectHooks {
  identity?: IdentityEmbedder | null;
  onProgress?: (p: ProjectionProgress) => void | Promise<void>;
  signal?: AbortSignal;
}

export class ProjectionCancelled extends Error {
  constructor() {
    super('projection cancelled');
    this.name = 'ProjectionCancelled';
  }
}

/** w_avg and σ_w = sqrt(E‖w − w_avg‖²) over `samples` mapped z (seeded, so repeatable). */
export function wStatistics(G: Generator, samples: number, seed = 123456): { wAvg: tf.Tensor1D; sigma: number } {
  return tf.tidy(() => {
    const batch = 1000;
    let sum = tf.zeros([G.config.w_dim]) as tf.Tensor1D;
    const chunks: tf.Tensor2D[] = [];
    for (let start = 0; start < samples; start += batch) {
      const n = Math.min(batch, samples - start);
      const z = tf.randomNormal([n, G.config.z_dim], 0, 1, 'float32', tfSeed(seed + start)) as tf.Tensor2D;
      const w = G.mapW(z);
      chunks.push(w);
      sum = sum.add(w.sum(0));
    }
    const mean = sum.div(samples) as tf.Tensor1D;
    // The tracked w_avg is what the product truncates toward; the sample mean is only a fallback.
    const wAvg = (G.wAvg ? G.wAvg.clone() : mean) as tf.Tensor1D;
    const sq = tf.addN(chunks.map((w) => w.sub(wAvg).square().sum()));
    const sigma = Math.sqrt(sq.dataSync()[0] / samples);
    return { wAvg, sigma };
  });
}

/** tfjs treats seed 0 as "no seed" (Math.random()): shift every seed by one so 0 is repeatable too. */
function tfSeed(n: number): number {
  return n + 1;
}

/** A trainable variable holding `initial`'s values (tf.variable leaves its argument alive). */
function variableFrom(initial: tf.Tensor, name: string): tf.Variable {
  const v = tf.variable(initial, true, name);
  initial.dispose();
  return v;
}

function noiseLayerNames(G: Generator): string[] {
  return G.specs.filter((s) => s.name.endsWith('.noise_const')).map((s) => s.name.slice(0, -'.noise_const'.length));
}

/** Project `target` (uint8 HWC, model resolution, RGB) into G's latent space. */
export async function project(
  G: Generator,
  D: Discriminator | null,
  target: Uint8Array,
  options: Partial<ProjectOptions> = {},
  hooks: ProjectHooks = {},
): Promise<ProjectionResult> {
  const o: ProjectOptions = { ...DEFAULT_PROJECT_OPTIONS, ...options, distance: { ...DEFAULT_DISTANCE_WEIGHTS, ...options.distance } };
  const res = G.config.img_resolution;
  const channels = G.config.img_channels;
  if (target.length !== res * res * channels) throw new Error(`project: target must be ${res}×${res}×${channels} uint8`);
  if (!Number.isInteger(o.steps) || o.steps < 1) throw new Error('project: steps must be a positive integer');
  const numWs = G.numWs;
  const wDim = G.config.w_dim;

  const targetImage = tf.tidy(() => tf.tensor4d(target, [1, res, res, channels], 'float32').div(127.5).sub(1) as tf.Tensor4D);
  const distance = new PerceptualDistance(targetImage, o.distance, D, hooks.identity ?? null);
  targetImage.dispose();

  const { wAvg, sigma } = wStatistics(G, o.wStatsSamples);
  const wVar = variableFrom(tf.tidy(() => tf.tile(wAvg.reshape([1, 1, wDim]), [1, o.wPlus ? numWs : 1, 1])), 'proj_w');
  wAvg.dispose();

  const names = noiseLayerNames(G);
  const shapes = G.noiseShapes(1);
  const noiseVars = o.optimizeNoise
    ? shapes.map((shape, i) =>
        variableFrom(
          tf.tidy(() => {
            const constMap = G.buffers[`${names[i]}.noise_const`];
            const start = o.noiseFromConst && constMap ? constMap.reshape(shape) : tf.randomNormal(shape, 0, 1, 'float32', tfSeed(o.seed * 7919 + i));
            return normalizeNoise(start);
          }),
          `proj_noise_${i}`,
        ),
      )
    : [];
  const vars: tf.Variable[] = [wVar, ...noiseVars];
  const moments: { m: tf.Tensor; v: tf.Tensor }[] = vars.map((v) => ({ m: tf.keep(tf.zerosLike(v as tf.Tensor)), v: tf.keep(tf.zerosLike(v as tf.Tensor)) }));
  const beta1 = 0.9;
  const beta2 = 0.999;

  const render = (): tf.Tensor4D =>
    tf.tidy(() => {
      const ws = o.wPlus ? wVar : tf.tile(wVar, [1, numWs, 1]);
      return G.synthesis(ws as tf.Tensor3D, o.optimizeNoise ? { noiseMode: 'random', noise: noiseVars } : { noiseMode: 'const' });
    });

  const lossHistory: number[] = [];
  let final: StepDistances = { pixel: NaN, discriminator: NaN, identity: NaN, noiseReg: NaN, loss: NaN };
  try {
    for (let step = 0; step < o.steps; step++) {
      if (hooks.signal?.aborted) throw new ProjectionCancelled();
      const t = step / o.steps;
      const lr = learningRateAt(t, o);
      const wStd = wNoiseStdAt(t, sigma, o);
      let partsTensor: tf.Tensor1D | null = null;
      const { grads, value } = tf.variableGrads(() => {
        const wNoisy = wStd > 0 ? wVar.add(tf.randomNormal(wVar.shape, 0, wStd, 'float32', tfSeed(o.seed * 100003 + step))) : wVar;
        const ws = o.wPlus ? wNoisy : tf.tile(wNoisy, [1, numWs, 1]);
        const img = G.synthesis(
          ws as tf.Tensor3D,
          o.optimizeNoise ? { noiseMode: 'random', noise: noiseVars } : { noiseMode: 'const' },
        );
        const parts = distance.parts(img);
        const reg = o.optimizeNoise ? noiseRegularizer(noiseVars) : tf.scalar(0);
        const loss = parts.total.add(reg.mul(o.noiseRegularize)) as tf.Scalar;
        partsTensor = tf.keep(tf.stack([parts.pixel, parts.discriminator, parts.identity, reg, loss]) as tf.Tensor1D);
        return loss;
      }, vars);
      value.dispose();
      const tStep = step + 1;
      tf.tidy(() => {
        vars.forEach((v, i) => {
          const g = grads[v.name];
          const m = moments[i].m.mul(beta1).add(g.mul(1 - beta1));
          const s = moments[i].v.mul(beta2).add(g.square().mul(1 - beta2));
          const update = m.div(1 - beta1 ** tStep).div(s.div(1 - beta2 ** tStep).sqrt().add(1e-8)).mul(lr);
          v.assign(v.sub(update));
          moments[i].m.dispose();
          moments[i].v.dispose();
          moments[i] = { m: tf.keep(m), v: tf.keep(s) };
        });
        for (const n of noiseVars) n.assign(normalizeNoise(n));
      });
      tf.dispose(Object.values(grads));
      const values = await (partsTensor as unknown as tf.Tensor1D).data();
      (partsTensor as unknown as tf.Tensor1D).dispose();
      final = { pixel: values[0], discriminator: values[1], identity: values[2], noiseReg: values[3], loss: values[4] };
      lossHistory.push(final.loss);
      if (hooks.onProgress) {
        const snapshotDue = o.snapshotEvery > 0 && (step % o.snapshotEvery === 0 || step === o.steps - 1);
        let snapshot: Uint8Array | undefined;
        if (snapshotDue) {
          const img = render();
          snapshot = await imageToUint8(img).finally(() => img.dispose());
        }
        await hooks.onProgress({ step: step + 1, steps: o.steps, lr, ...final, snapshot });
      }
    }

    const img = render();
    const image = await imageToUint8(img).finally(() => img.dispose());
    const wsTensor = tf.tidy(() => (o.wPlus ? wVar.clone() : tf.tile(wVar, [1, numWs, 1])));
    const ws = (await wsTensor.data()) as Float32Array;
    wsTensor.dispose();
    const noise = o.optimizeNoise
      ? await Promise.all(
          noiseVars.map(async (n, i) => ({ name: names[i], resolution: n.shape[1]!, data: (await n.data()) as Float32Array })),
        )
      : null;
    return { ws, numWs, wDim, noise, image, psnr: psnr(image, target), final, lossHistory, steps: o.steps };
  } finally {
    distance.dispose();
    tf.dispose(vars);
    for (const m of moments) tf.dispose([m.m, m.v]);
  }
}

/** Re-render a projection result (ws plus noise maps if any) as uint8 HWC; the same pixels as `result.image`. */
export async function renderProjection(G: Generator, ws: Float32Array, noise: ProjectionResult['noise']): Promise<Uint8Array> {
  const img = tf.tidy((): tf.Tensor4D => {
    const wsT = tf.tensor3d(ws, [1, G.numWs, G.config.w_dim]);
    if (!noise) return G.synthesis(wsT, { noiseMode: 'const' });
    const maps = noise.map((n) => tf.tensor4d(n.data, [1, n.resolution, n.resolution, 1]));
    return G.synthesis(wsT, { noiseMode: 'random', noise: maps });
  });
  try {
    return await imageToUint8(img);
  } finally {
    img.dispose();
  }
}

