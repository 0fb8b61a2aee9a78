/**
 * How much the style layers of a generator change its images: the mean |Δ pixel| (0–255
 * RGB, constant noise) between the images of sources A and the same images with some ws
 * indices taken from sources B — one index at a time, or a set (a layer group). It puts
 * numbers on a style-mixing figure: which layers carry what the eye sees change.
 */
import * as tf from '@tensorflow/tfjs';
import type { Generator } from './generator';
import { renderWs, seedsToWs, type RenderedImage } from './synthesize';

export interface InfluenceOptions {
  /** Seeds of sources A and B (same length); default 32 each, A 0–31, B 1000–1031. */
  seedsA?: number[];
  seedsB?: number[];
  /** Truncation of both sources (default 0.7). */
  psi?: number;
}

/** Mean |Δ pixel| for each mask (true = ws index taken from B), one value per mask. */
export async function layerInfluence(G: Generator, masks: boolean[][], opts: InfluenceOptions = {}): Promise<number[]> {
  const seedsA = opts.seedsA ?? Array.from({ length: 32 }, (_, i) => i);
  const seedsB = opts.seedsB ?? seedsA.map((s) => 1000 + s);
  if (seedsA.length !== seedsB.length || seedsA.length === 0) throw new Error('layerInfluence: seedsA and seedsB must be non-empty and of one length');
  for (const m of masks) if (m.length !== G.numWs) throw new Error(`layerInfluence: a mask has ${m.length} entries, the generator has ${G.numWs} ws`);
  const psi = opts.psi ?? 0.7;
  const A = seedsToWs(G, seedsA, { psi });
  const B = seedsToWs(G, seedsB, { psi });
  try {
    const base = await renderWs(G, A, { noiseMode: 'const' });
    const out: number[] = [];
    for (const mask of masks) {
      const m = tf.tensor3d(mask.map((b) => (b ? 1 : 0)), [1, G.numWs, 1]);
      const ws = tf.tidy(() => tf.add(tf.mul(A, tf.sub(1, m)), tf.mul(B, m))) as tf.Tensor3D;
      try {
        out.push(meanAbsDiff(await renderWs(G, ws, { noiseMode: 'const' }), base));
      } finally {
        tf.dispose([m, ws]);
      }
    }
    return out;
  } finally {
    tf.dispose([A, B]);
  }
}

/** One mask per ws index. */
export function singleLayerMasks(numWs: number): boolean[][] {
  return Array.from({ length: numWs }, (_, i) => Array.from({ length: numWs }, (_, j) => j === i));
}

/**
 * How much each resolution's toRGB output adds to the image (the skip architecture sums
 * them, each upsampled to the output size): the mean |Δ pixel| (0–255, constant noise) when
 * that toRGB's weight and bias are zero, for seeds at ψ. The StyleGAN2 paper's "resolution
 * usage" (section 4.1) in the units of layerInfluence. Keys are resolutions, 4 px upward.
 * It zeroes and restores G's toRGB variables, so it must not run while G renders elsewhere.
 */
export async function resolutionUsage(G: Generator, opts: Pick<InfluenceOptions, 'seedsA' | 'psi'> = {}): Promise<Map<number, number>> {
  const seeds = opts.seedsA ?? Array.from({ length: 32 }, (_, i) => i);
  if (seeds.length === 0) throw new Error('resolutionUsage: seeds must be non-empty');
  const ws = seedsToWs(G, seeds, { psi: opts.psi ?? 0.7 });
  const usage = new Map<number, number>();
  try {
    const base = await renderWs(G, ws, { noiseMode: 'const' });
    for (let res = 4; res <= G.config.img_resolution; res *= 2) {
      const vars = [`synthesis.b${res}.torgb.weight`, `synthesis.b${res}.torgb.bias`].map((name) => {
        const v = G.params[name];
        if (!v) throw new Error(`resolutionUsage: the generator has no ${name}`);
        return v;
      });
      const saved = vars.map((v) => v.clone());
      let out: RenderedImage[];
      try {
        tf.tidy(() => vars.forEach((v) => v.assign(tf.zerosLike(v))));
        out = await renderWs(G, ws, { noiseMode: 'const' });
      } finally {
        vars.forEach((v, i) => v.assign(saved[i]));
        tf.dispose(saved);
      }
      usage.set(res, meanAbsDiff(out, base));
    }
    return usage;
  } finally {
    ws.dispose();
  }
}

function meanAbsDiff(a: RenderedImage[], b: RenderedImage[]): number {
  let sum = 0;
  let count = 0;
  a.forEach((img, k) => {
    const ref = b[k].pixels;
    for (let j = 0; j < img.pixels.length; j++) sum += Math.abs(img.pixels[j] - ref[j]);
    count += img.pixels.length;
  });
  return sum / count;
}
