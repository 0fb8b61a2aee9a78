/**
 * Mapping network (official MappingNetwork): z (and optional class label c)
 * → w through num_layers equalised FC layers with lr multiplier 0.01 and
 * leaky ReLU; truncation toward the tracked average w_avg.
 */
import * as tf from '@tensorflow/tfjs';
import { equalizedLinear, normalize2ndMoment, torchLerp } from './ops';
import { specs, type TensorSpec } from './name-map';

export interface MappingShape {
  prefix: string; // 'mapping.'
  zDim: number;
  cDim: number;
  wDim: number;
  numLayers: number;
  embedFeatures: number | null;
  layerFeatures: number | null;
  lrMultiplier: number;
  /** null: no w_avg buffer (the discriminator's conditioning mapping) */
  wAvgBeta: number | null;
}

function featuresList(m: MappingShape): number[] {
  const embed = m.cDim === 0 ? 0 : (m.embedFeatures ?? m.wDim);
  const layer = m.layerFeatures ?? m.wDim;
  return [m.zDim + embed, ...Array<number>(m.numLayers - 1).fill(layer), m.wDim];
}

export function mappingSpecs(m: MappingShape): TensorSpec[] {
  const out: TensorSpec[] = [];
  if (m.cDim > 0) out.push(...specs.fc(`${m.prefix}embed`, m.cDim, m.embedFeatures ?? m.wDim));
  const f = featuresList(m);
  for (let i = 0; i < m.numLayers; i++) {
    out.push(...specs.fc(`${m.prefix}fc${i}`, f[i], f[i + 1], { lrMultiplier: m.lrMultiplier }));
  }
  if (m.wAvgBeta !== null) {
    out.push({ name: `${m.prefix}w_avg`, officialShape: [m.wDim], layout: 'plain', kind: 'buffer', init: { fill: 0 } });
  }
  return out;
}

/** z, c → w [N, w_dim] (before broadcasting to num_ws and truncation). */
export function mappingForward(
  m: MappingShape,
  p: Record<string, tf.Tensor>,
  z: tf.Tensor2D | null,
  c: tf.Tensor2D | null,
): tf.Tensor2D {
  let x: tf.Tensor2D | null = null;
  if (m.zDim > 0) {
    if (!z) throw new Error('mapping: z is required');
    if (z.shape[1] !== m.zDim) throw new Error(`mapping: z must be [N, ${m.zDim}], got [${z.shape}]`);
    x = normalize2ndMoment(z);
  }
  if (m.cDim > 0) {
    if (!c) throw new Error(`mapping: this model is conditional (c_dim=${m.cDim}); pass c`);
    const embedded = equalizedLinear(c, p[`${m.prefix}embed.weight`] as tf.Tensor2D, p[`${m.prefix}embed.bias`] as tf.Tensor1D);
    const y = normalize2ndMoment(embedded);
    x = x ? (tf.concat([x, y], 1) as tf.Tensor2D) : y;
  }
  for (let i = 0; i < m.numLayers; i++) {
    x = equalizedLinear(x!, p[`${m.prefix}fc${i}.weight`] as tf.Tensor2D, p[`${m.prefix}fc${i}.bias`] as tf.Tensor1D, {
      lrMultiplier: m.lrMultiplier,
      act: 'lrelu',
    });
  }
  return x!;
}

export interface TruncationOptions {
  /** ψ for every truncated layer (default 1 = no truncation) */
  psi?: number;
  /** apply ψ only to layers [0, cutoff) (official truncation_cutoff) */
  truncationCutoff?: number | null;
  /** per-layer ψ, length num_ws; overrides psi/truncationCutoff */
  psiLayers?: number[];
}

/** Per-layer ψ values resolved from the options. */
export function resolvePsiLayers(numWs: number, opts: TruncationOptions = {}): number[] {
  if (opts.psiLayers) {
    if (opts.psiLayers.length !== numWs) throw new Error(`psiLayers must have ${numWs} entries, got ${opts.psiLayers.length}`);
    return opts.psiLayers.slice();
  }
  const psi = opts.psi ?? 1;
  const cutoff = opts.truncationCutoff ?? numWs;
  return Array.from({ length: numWs }, (_, i) => (i < cutoff ? psi : 1));
}

/**
 * Broadcast w to [N, num_ws, w_dim] and truncate toward w_avg per layer:
 * w_avg.lerp(w, ψ_i). Layers with ψ = 1 are passed through untouched, as in
 * the official code.
 */
export function broadcastAndTruncate(w: tf.Tensor2D, wAvg: tf.Tensor1D | null, psiLayers: number[]): tf.Tensor3D {
  const [n, wDim] = w.shape;
  const numWs = psiLayers.length;
  if (psiLayers.every((psi) => psi === 1)) {
    return tf.tile(w.reshape([n, 1, wDim]), [1, numWs, 1]) as tf.Tensor3D;
  }
  if (!wAvg) throw new Error('truncation needs w_avg (w_avg_beta is null)');
  const cache = new Map<number, tf.Tensor>();
  const layers = psiLayers.map((psi) => {
    if (!cache.has(psi)) cache.set(psi, psi === 1 ? w : torchLerp(wAvg.reshape([1, wDim]), w, psi));
    return cache.get(psi)!;
  });
  return tf.stack(layers, 1) as tf.Tensor3D;
}

/** w_avg ← mean(w).lerp(w_avg, β), the official training-time update. */
export function updatedWAvg(wAvg: tf.Tensor1D, w: tf.Tensor2D, beta: number): tf.Tensor1D {
  return torchLerp(w.mean(0), wAvg, beta) as tf.Tensor1D;
}
