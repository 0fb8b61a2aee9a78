// The live preview's renderer (run in its own process, lib/directions/preview-process.ts): one image
// of an edited w+, without a job row, a queue hand-off or a stored asset.
// Generators are cached (LRU, as on workers) and the forward pass is the same code a worker runs,
// so a preview is pixel-identical to the image the saved edit renders on a worker (same backend).
import * as tf from '@tensorflow/tfjs';
import { db } from '@/lib/db';
import { env } from '@/lib/env';
import { notFound } from '@/lib/api/errors';
import { parseModelConfig } from '@/lib/models/architecture';
import { storage } from '@/lib/storage';
import { backendEpoch, getBackendInfo, initBackend } from '@/lib/stylegan/backend';
import { Generator } from '@/lib/stylegan/generator';
import { safetensorsToTensors } from '@/lib/stylegan/model-io';
import { imageToUint8, type RenderedImage } from '@/lib/stylegan/synthesize';
import { LruCache } from '@/lib/synthesis/worker/generator-cache';

const state = globalThis as unknown as { atelierPreviewGenerators?: LruCache<Generator>; atelierPreviewEpoch?: number };

function cache(): LruCache<Generator> {
  const e = env();
  state.atelierPreviewGenerators ??= new LruCache<Generator>(e.SYNTH_CACHE_MODELS, e.SYNTH_CACHE_MB * 1024 * 1024);
  return state.atelierPreviewGenerators;
}

async function load(checkpointId: string): Promise<{ value: Generator; bytes: number }> {
  const row = await db.checkpoint.findUnique({ where: { id: checkpointId }, select: { gEmaAssetId: true, model: { select: { config: true } } } });
  if (!row) throw notFound('Checkpoint');
  const asset = await db.asset.findUnique({ where: { id: row.gEmaAssetId }, select: { storageKey: true } });
  if (!asset) throw notFound('Weights of this checkpoint');
  const bytes = await storage().get(asset.storageKey);
  const tensors = safetensorsToTensors(bytes);
  try {
    return { value: Generator.fromTensors(parseModelConfig(row.model.config).generator_kwargs, tensors), bytes: bytes.byteLength };
  } finally {
    for (const t of Object.values(tensors)) t.dispose();
  }
}

/** Renders one w+ [num_ws][w_dim] of a checkpoint. */
export async function renderPreview(
  checkpointId: string,
  wplus: number[][],
  noiseMode: 'const' | 'random' | 'none',
): Promise<RenderedImage & { backend: string; renderMs: number }> {
  // logged once (to the web server's log), like a worker logs its backend
  await initBackend({ quiet: false });
  const started = performance.now();
  // a lost GPU device (lib/stylegan/backend) invalidates every cached generator
  if (state.atelierPreviewEpoch !== backendEpoch()) {
    if (state.atelierPreviewEpoch !== undefined) cache().clear();
    state.atelierPreviewEpoch = backendEpoch();
  }
  const G = await cache().get(checkpointId, () => load(checkpointId));
  const numWs = wplus.length;
  const wDim = wplus[0].length;
  const img = tf.tidy(() => {
    const ws = tf.tensor3d(wplus.flat(), [1, numWs, wDim]);
    const noise = noiseMode === 'random' ? G.noiseShapes(1).map(([, h, w], layer) => tf.randomNormal([1, h, w, 1], 0, 1, 'float32', layer)) : undefined;
    return G.synthesis(ws, { noiseMode, noise });
  });
  try {
    const res = G.config.img_resolution;
    const pixels = await imageToUint8(img);
    return { width: res, height: res, channels: G.config.img_channels, pixels, backend: getBackendInfo()?.choice ?? 'unknown', renderMs: performance.now() - started };
  } finally {
    img.dispose();
  }
}
