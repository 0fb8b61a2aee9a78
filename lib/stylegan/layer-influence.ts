/**
 * How much the style layers of a generator change its images: the mean |Δ pixel| (0–255
 * RGB, constant noise) between the images of sources A and the same images with some ws
 * indices taken from sources B — one index at a time, or a set (a layer group). It puts
 * numbers on a style-mixing figure: which layers carry what the eye sees change.
 */
import * as tf from '@tensorflow/tfjs';
import type { Generator } from './generator';
import { renderWs, seedsToWs } from './synthesize';

export interface InfluenceOptions {
  /** Seeds of sources A and B (same length); default 32 each, A 0–31, B 1000–1031. */
  seedsA?: number[];
  seedsB?: number[];
  /** Truncation of both sources (default 0.7). */
  psi?: number;
}

/** Mean |Δ pixel| for each mask (true = ws index taken from B), one value per mask. */
export function layerInfluence(G: Generator, masks: boolean[][], opts: InfluenceOptions = {}): number[] {
  const seedsA = opts.seedsA ?? Array.from({ length: 32 }, (_, i) => i);
  const seedsB = opts.seedsB ?? seedsA.map((s) => 1000 + s);
  if (seedsA.length !== seedsB.length || seedsA.length === 0) throw new Error('layerInfluence: seedsA and seedsB must be non-empty and of one length');
  for (const m of masks) if (m.length !== G.numWs) throw new Error(`layerInfluence: a mask has ${m.length} entries, the generator has ${G.numWs} ws`);
  const psi = opts.psi ?? 0.7;
  const A = seedsToWs(G, seedsA, { psi });
  const B = seedsToWs(G, seedsB, { psi });
  try {
    const base = renderWs(G, A, { noiseMode: 'const' });
    return masks.map((mask) => {
      const m = tf.tensor3d(mask.map((b) => (b ? 1 : 0)), [1, G.numWs, 1]);
      const ws = tf.tidy(() => tf.add(tf.mul(A, tf.sub(1, m)), tf.mul(B, m))) as tf.Tensor3D;
      try {
        const out = renderWs(G, ws, { noiseMode: 'const' });
        let sum = 0;
        let count = 0;
        out.forEach((img, k) => {
          const ref = base[k].pixels;
          for (let j = 0; j < img.pixels.length; j++) sum += Math.abs(img.pixels[j] - ref[j]);
          count += img.pixels.length;
        });
        return sum / count;
      } finally {
        tf.dispose([m, ws]);
      }
    });
  } finally {
    tf.dispose([A, B]);
  }
}

/** One mask per ws index. */
export function singleLayerMasks(numWs: number): boolean[][] {
  return Array.from({ length: numWs }, (_, i) => Array.from({ length: numWs }, (_, j) => j === i));
}
