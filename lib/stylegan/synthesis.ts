/**
 * Synthesis network (official SynthesisNetwork, 'skip' architecture): a
 * learned 4×4 constant, then per resolution two modulated 3×3 convolutions
 * (the first upsampling 2×, except in the 4×4 block which has only `conv1`),
 * per-layer noise, and a toRGB whose output is added to the 2×-upsampled image
 * of the previous block. w index k feeds the k-th conv; each block's toRGB
 * reads the w that follows its last conv.
 */
import * as tf from '@tensorflow/tfjs';
import { blockResolutions, channelsAt, type GeneratorKwargs } from './config';
import { biasAct, deriveConvWeights, equalizedLinear, modulatedConv2d, setupFilter2d, upsample2d, type DerivedConvWeights } from './ops';
import type { DerivedWeightCache } from './weight-cache';
import { specs, type TensorSpec } from './name-map';

export type NoiseMode = 'const' | 'random' | 'none';

export interface SynthesisOptions {
  noiseMode?: NoiseMode;
  /**
   * Explicit noise per conv layer (in layer order b4.conv1, b8.conv0, b8.conv1, …),
   * each broadcastable to [N, res, res, 1] (e.g. [N, res, res, 1] or [res, res]).
   * Used for 'random' mode when given: the deterministic path for training.
   */
  noise?: tf.Tensor[];
  /** Seed for 'random' noise when `noise` is not given (tf.randomNormal seeded per layer); unseeded otherwise. */
  noiseSeed?: number;
}

export interface SynthesisLayerInfo {
  name: string; // 'synthesis.b8.conv0'
  resolution: number;
  inChannels: number;
  outChannels: number;
  up: boolean;
  wIndex: number;
}

export interface SynthesisBlockInfo {
  resolution: number;
  prefix: string; // 'synthesis.b8'
  convs: SynthesisLayerInfo[];
  torgb: { name: string; inChannels: number; wIndex: number };
}

export function synthesisLayout(g: GeneratorKwargs): SynthesisBlockInfo[] {
  const s = g.synthesis_kwargs;
  const blocks: SynthesisBlockInfo[] = [];
  let wIndex = 0;
  for (const res of blockResolutions(g.img_resolution)) {
    const prefix = `synthesis.b${res}`;
    const outC = channelsAt(res, s.channel_base, s.channel_max);
    const convs: SynthesisLayerInfo[] = [];
    if (res > 4) {
      const inC = channelsAt(res / 2, s.channel_base, s.channel_max);
      convs.push({ name: `${prefix}.conv0`, resolution: res, inChannels: inC, outChannels: outC, up: true, wIndex: wIndex++ });
    }
    convs.push({ name: `${prefix}.conv1`, resolution: res, inChannels: outC, outChannels: outC, up: false, wIndex: wIndex++ });
    blocks.push({ resolution: res, prefix, convs, torgb: { name: `${prefix}.torgb`, inChannels: outC, wIndex } });
  }
  return blocks;
}

export function synthesisSpecs(g: GeneratorKwargs): TensorSpec[] {
  const s = g.synthesis_kwargs;
  const filter = setupFilter2d(s.resample_filter);
  const out: TensorSpec[] = [];
  for (const block of synthesisLayout(g)) {
    if (block.resolution === 4) {
      const c = block.convs[0].outChannels;
      out.push({ name: `${block.prefix}.const`, officialShape: [c, 4, 4], layout: 'const', kind: 'param', init: { randn: 1 } });
    }
    out.push(specs.filter(`${block.prefix}.resample_filter`, filter));
    for (const conv of block.convs) {
      out.push(...specs.fc(`${conv.name}.affine`, g.w_dim, conv.inChannels, { biasInit: 1 }));
      out.push(...specs.conv(conv.name, conv.inChannels, conv.outChannels, s.kernel_size));
      if (s.use_noise) {
        out.push({ name: `${conv.name}.noise_strength`, officialShape: [], layout: 'scalar', kind: 'param', init: { fill: 0 } });
        out.push({
          name: `${conv.name}.noise_const`,
          officialShape: [conv.resolution, conv.resolution],
          layout: 'plain',
          kind: 'buffer',
          init: { randn: 1 },
        });
      }
      out.push(specs.filter(`${conv.name}.resample_filter`, filter));
    }
    out.push(...specs.fc(`${block.torgb.name}.affine`, g.w_dim, block.torgb.inChannels, { biasInit: 1 }));
    out.push(...specs.conv(block.torgb.name, block.torgb.inChannels, g.img_channels, 1));
  }
  return out;
}

function layerNoise(
  conv: SynthesisLayerInfo,
  layerIndex: number,
  n: number,
  p: Record<string, tf.Tensor>,
  opts: SynthesisOptions,
): tf.Tensor | null {
  const mode = opts.noiseMode ?? 'random';
  const strength = p[`${conv.name}.noise_strength`];
  if (!strength || mode === 'none') return null;
  const res = conv.resolution;
  if (mode === 'const') return p[`${conv.name}.noise_const`].reshape([1, res, res, 1]).mul(strength);
  let noise: tf.Tensor;
  if (opts.noise) {
    noise = opts.noise[layerIndex];
    if (!noise) throw new Error(`synthesis: noise[${layerIndex}] missing for ${conv.name}`);
  } else {
    const seed = opts.noiseSeed === undefined ? undefined : opts.noiseSeed * 1000 + layerIndex;
    noise = tf.randomNormal([n, res, res, 1], 0, 1, 'float32', seed);
  }
  return noise.mul(strength);
}

/** One SynthesisLayer: affine → modulated conv (optionally 2× up) → noise → bias + lrelu·√2 (+ clamp). */
function synthesisLayer(
  g: GeneratorKwargs,
  conv: SynthesisLayerInfo,
  x: tf.Tensor4D,
  w: tf.Tensor2D,
  noise: tf.Tensor | null,
  p: Record<string, tf.Tensor>,
  cache?: DerivedWeightCache<DerivedConvWeights>,
): tf.Tensor4D {
  const styles = equalizedLinear(w, p[`${conv.name}.affine.weight`] as tf.Tensor2D, p[`${conv.name}.affine.bias`] as tf.Tensor1D);
  const weight = p[`${conv.name}.weight`] as tf.Tensor4D;
  const derive = () => deriveConvWeights(weight, { demodulate: true, up: conv.up });
  const derived = cache && weight instanceof tf.Variable ? cache.get(conv.name, weight, derive) : undefined;
  // Nested tidies free each stage's intermediates before the next (peak memory at high resolution).
  const y = tf.tidy(() =>
    modulatedConv2d(x, weight, styles, {
      demodulate: true,
      up: conv.up ? 2 : 1,
      filter: g.synthesis_kwargs.resample_filter,
      noise,
      derived,
    }),
  );
  return tf.tidy(() => biasAct(y, p[`${conv.name}.bias`], { act: 'lrelu', clamp: g.synthesis_kwargs.conv_clamp }) as tf.Tensor4D);
}

/** ToRGBLayer: modulated 1×1 conv without demodulation, styles × 1/sqrt(in), bias, clamp. */
function toRgb(g: GeneratorKwargs, block: SynthesisBlockInfo, x: tf.Tensor4D, w: tf.Tensor2D, p: Record<string, tf.Tensor>): tf.Tensor4D {
  const name = block.torgb.name;
  const weightGain = 1 / Math.sqrt(block.torgb.inChannels);
  const styles = equalizedLinear(w, p[`${name}.affine.weight`] as tf.Tensor2D, p[`${name}.affine.bias`] as tf.Tensor1D).mul(
    weightGain,
  ) as tf.Tensor2D;
  const y = modulatedConv2d(x, p[`${name}.weight`] as tf.Tensor4D, styles, { demodulate: false });
  return biasAct(y, p[`${name}.bias`], { act: 'linear', clamp: g.synthesis_kwargs.conv_clamp }) as tf.Tensor4D;
}

/**
 * ws [N, num_ws, w_dim] → image NHWC [N, res, res, img_channels], unclamped.
 * Each layer runs in its own tf.tidy so that inference holds only one layer's
 * intermediates at a time (tensors a gradient tape needs are kept by tfjs).
 */
export function synthesisForward(
  g: GeneratorKwargs,
  layout: SynthesisBlockInfo[],
  p: Record<string, tf.Tensor>,
  ws: tf.Tensor3D,
  opts: SynthesisOptions = {},
  cache?: DerivedWeightCache<DerivedConvWeights>,
): tf.Tensor4D {
  const n = ws.shape[0];
  const inference = !tf.engine().isTapeOn();
  const wList = tf.unstack(ws, 1) as tf.Tensor2D[];
  let x: tf.Tensor4D | null = null;
  let img: tf.Tensor4D | null = null;
  let layerIndex = 0;
  for (const block of layout) {
    if (block.resolution === 4) {
      const c = p[`${block.prefix}.const`];
      x = tf.tile(c.reshape([1, 4, 4, c.shape[2]!]), [n, 1, 1, 1]) as tf.Tensor4D;
    }
    for (const conv of block.convs) {
      const index = layerIndex++;
      const input = x!;
      x = tf.tidy(() => synthesisLayer(g, conv, input, wList[conv.wIndex], layerNoise(conv, index, n, p, opts), p, cache));
      if (inference) input.dispose(); // keep only one layer's activations alive
    }
    const features = x!;
    const previous: tf.Tensor4D | null = img;
    img = tf.tidy((): tf.Tensor4D => {
      const y = toRgb(g, block, features, wList[block.torgb.wIndex], p);
      return previous ? (upsample2d(previous, g.synthesis_kwargs.resample_filter).add(y) as tf.Tensor4D) : y;
    });
    if (inference && previous) previous.dispose();
  }
  return img!;
}

/** Noise shapes per conv layer, for callers that supply explicit noise. */
export function noiseShapes(layout: SynthesisBlockInfo[], n: number): [number, number, number, number][] {
  return layout.flatMap((b) => b.convs.map((c) => [n, c.resolution, c.resolution, 1] as [number, number, number, number]));
}
