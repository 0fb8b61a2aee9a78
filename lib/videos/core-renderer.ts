// A RenderBatch straight on the StyleGAN core, for a Generator already in memory (the
// benchmark and tests; the worker goes through the shared synthesis renderer instead).
import * as tf from '@tensorflow/tfjs';
import type { Generator } from '@/lib/stylegan/generator';
import type { TruncationOptions } from '@/lib/stylegan/mapping';
import { renderWs } from '@/lib/stylegan/synthesize';
import type { NoiseMode } from '@/lib/stylegan/synthesis';
import type { RenderBatch } from '@/lib/videos/render-video';

export function coreRenderBatch(G: Generator, opts: TruncationOptions & { noiseMode?: NoiseMode } = {}): RenderBatch {
  const noiseMode = opts.noiseMode ?? 'const';
  return async ({ space, latents }) => {
    const n = latents.length;
    const flat = new Float32Array(n * latents[0].length);
    latents.forEach((l, i) => flat.set(l, i * l.length));
    const ws =
      space === 'z'
        ? tf.tidy(() => G.mapping(tf.tensor2d(flat, [n, G.config.z_dim]), opts))
        : tf.tensor3d(flat, [n, G.numWs, G.config.w_dim]);
    try {
      return await renderWs(G, ws, { noiseMode, batchSize: n });
    } finally {
      ws.dispose();
    }
  };
}
