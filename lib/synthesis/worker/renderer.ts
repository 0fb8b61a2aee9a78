// Worker-side synthesis (tfjs): loads generators from storage into the LRU cache and renders
// groups of requests in shared forward passes. Only worker code imports this file.
import type * as TF from '@tensorflow/tfjs';
import { db } from '@/lib/db';
import { env } from '@/lib/env';
import { storage } from '@/lib/storage';
import { PermanentJobError } from '@/lib/queue/define-job';
import { parseModelConfig } from '@/lib/models/architecture';
import type { Generator } from '@/lib/stylegan/generator';
import type { RenderedImage } from '@/lib/stylegan/synthesize';
import type { NoiseMode } from '@/lib/stylegan/synthesis';
import { Batcher } from '@/lib/synthesis/worker/batcher';
import { LruCache } from '@/lib/synthesis/worker/generator-cache';

type Core = typeof import('@/lib/synthesis/worker/tf-core');
let core: Core | null = null;

/** TensorFlow.js and the StyleGAN core, loaded on first use (worker only). */
async function loadCore(): Promise<Core> {
  core ??= (await import(/* webpackIgnore: true */ /* turbopackIgnore: true */ '@/lib/synthesis/worker/tf-core')) as Core;
  return core;
}

export type Source =
  | { kind: 'seeds'; seeds: number[] }
  | { kind: 'z'; z: number[][] }
  | { kind: 'w'; w: number[][] }
  | { kind: 'wplus'; wplus: number[][][] };

export type RenderRequest = {
  checkpointId: string;
  source: Source;
  psi: number;
  psiLayers: number[] | null;
  truncationCutoff: number | null;
  noiseMode: NoiseMode;
  noiseSeed: number;
  nudge: { count: number; step: number; seed: number } | null;
};

export type RenderOutput = {
  images: RenderedImage[];
  /** w+ of each image, [num_ws][w_dim] */
  wplus: number[][][];
  noiseSeeds: (number | null)[];
  computeSeconds: number;
  error?: unknown;
};

const globalState = globalThis as unknown as {
  atelierGenerators?: LruCache<Generator>;
  /** backendEpoch() when the cached generators were loaded (a lost GPU device invalidates them) */
  atelierGeneratorsEpoch?: number;
  atelierBatcher?: Batcher<Generator, RenderRequest, RenderOutput>;
};

export function generatorCache(): LruCache<Generator> {
  const e = env();
  globalState.atelierGenerators ??= new LruCache<Generator>(e.SYNTH_CACHE_MODELS, e.SYNTH_CACHE_MB * 1024 * 1024);
  return globalState.atelierGenerators;
}

/** Loads a checkpoint's G_ema (or G) weights from storage. */
async function loadCheckpoint(checkpointId: string): Promise<{ value: Generator; bytes: number }> {
  const row = await db.checkpoint.findUnique({
    where: { id: checkpointId },
    select: { gEmaAssetId: true, model: { select: { config: true } } },
  });
  if (!row) throw new PermanentJobError(`Checkpoint ${checkpointId} no longer exists`);
  const asset = await db.asset.findUnique({ where: { id: row.gEmaAssetId }, select: { storageKey: true } });
  if (!asset) throw new PermanentJobError(`The weights of checkpoint ${checkpointId} are missing`);
  const bytes = await storage().get(asset.storageKey);
  const { initBackend, safetensorsToTensors, Generator } = await loadCore();
  await initBackend({ quiet: true });
  const config = parseModelConfig(row.model.config);
  const tensors = safetensorsToTensors(bytes);
  try {
    return { value: Generator.fromTensors(config.generator_kwargs, tensors), bytes: bytes.byteLength };
  } finally {
    for (const t of Object.values(tensors)) t.dispose();
  }
}

/** A checkpoint's generator outside the cache, for long work (direction discovery); the caller disposes it. */
export async function loadGeneratorUncached(checkpointId: string): Promise<Generator> {
  return (await loadCheckpoint(checkpointId)).value;
}

function check(cond: boolean, message: string) {
  if (!cond) throw new PermanentJobError(message);
}

/** The request's w+ [n, num_ws, w_dim] (and per-image noise seeds). */
function requestWs(G: Generator, req: RenderRequest): { ws: TF.Tensor3D; noiseSeeds: (number | null)[] } {
  const { tf, seedsToZ, NumpyRandomState } = core!;
  const { z_dim: zDim, w_dim: wDim } = G.config;
  const numWs = G.numWs;
  const truncation = { psi: req.psi, psiLayers: req.psiLayers ?? undefined, truncationCutoff: req.truncationCutoff };
  if (req.psiLayers) check(req.psiLayers.length === numWs, `psiLayers must have ${numWs} entries`);
  const src = req.source;
  let ws = tf.tidy(() => {
    switch (src.kind) {
      case 'seeds':
        return G.mapping(tf.tensor2d(seedsToZ(src.seeds, zDim), [src.seeds.length, zDim]), truncation);
      case 'z':
        check(src.z.every((v) => v.length === zDim), `z must have ${zDim} values`);
        return G.mapping(tf.tensor2d(src.z.flat(), [src.z.length, zDim]), truncation);
      case 'w':
        check(src.w.every((v) => v.length === wDim), `w must have ${wDim} values`);
        return G.truncate(tf.tensor2d(src.w.flat(), [src.w.length, wDim]), truncation);
      case 'wplus':
        check(src.wplus.every((l) => l.length === numWs && l.every((v) => v.length === wDim)), `w+ must be [${numWs}][${wDim}]`);
        return tf.tensor3d(src.wplus.flat(2), [src.wplus.length, numWs, wDim]);
    }
  });
  let n = ws.shape[0];
  if (req.nudge) {
    check(n === 1, 'nudge needs exactly one source latent');
    const { count, step, seed } = req.nudge;
    // Steps in W: one random direction per neighbour, applied to every layer, scaled by the
    // focus's RMS so that `step` is relative to the latent's own size.
    const rng = new NumpyRandomState(seed >>> 0);
    const dirs = Float32Array.from(rng.randn(count * wDim));
    const next = tf.tidy(() => {
      const rms = ws.square().mean().sqrt();
      const d = tf.tensor3d(dirs, [count, 1, wDim]).mul(rms.mul(step));
      return ws.add(d) as TF.Tensor3D; // [1, L, D] + [count, 1, D]
    });
    ws.dispose();
    ws = next;
    n = count;
  }
  const noiseSeeds = Array.from({ length: n }, (_, i) => (req.noiseMode === 'random' ? req.noiseSeed + i : null));
  return { ws, noiseSeeds };
}

/** Per-image random noise (seeded per image, so an image never depends on its batch). */
function randomNoise(G: Generator, noiseSeeds: number[]): TF.Tensor[] {
  const { tf } = core!;
  return G.noiseShapes(1).map(([, h, w], layer) =>
    tf.concat(noiseSeeds.map((s) => tf.randomNormal([1, h, w, 1], 0, 1, 'float32', s * 1000 + layer))),
  );
}

async function runGroup(G: Generator, reqs: RenderRequest[]): Promise<RenderOutput[]> {
  const { tf, imageToUint8, assertBackendAlive } = await loadCore();
  const epoch = globalState.atelierGeneratorsEpoch;
  const started = process.hrtime.bigint();
  const prepared = reqs.map((req) => {
    try {
      return requestWs(G, req);
    } catch (err) {
      return { error: err };
    }
  });
  const ok = prepared.filter((p): p is { ws: TF.Tensor3D; noiseSeeds: (number | null)[] } => 'ws' in p);
  const outputs: RenderOutput[] = [];
  try {
    if (ok.length) {
      const noiseMode = reqs[0].noiseMode;
      const all = ok.length === 1 ? ok[0].ws : (tf.concat(ok.map((p) => p.ws)) as TF.Tensor3D);
      const seeds = ok.flatMap((p) => p.noiseSeeds);
      const total = all.shape[0];
      const batch = env().SYNTH_BATCH_MAX;
      const res = G.config.img_resolution;
      const per = res * res * G.config.img_channels;
      const pixels = new Uint8Array(total * per);
      for (let start = 0; start < total; start += batch) {
        const count = Math.min(batch, total - start);
        const img = tf.tidy(() => {
          const slice = all.slice([start, 0, 0], [count, -1, -1]) as TF.Tensor3D;
          const noise = noiseMode === 'random' ? randomNoise(G, seeds.slice(start, start + count) as number[]) : undefined;
          return G.synthesis(slice, { noiseMode, noise });
        });
        try {
          pixels.set(await imageToUint8(img), start * per);
        } finally {
          img.dispose();
        }
      }
      const wsData = (await all.data()) as Float32Array;
      // A GPU device lost during the pass computed nothing: fail these jobs clearly.
      assertBackendAlive(epoch);
      if (all !== ok[0].ws) all.dispose();
      const wsPer = G.numWs * G.config.w_dim;
      let offset = 0;
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      for (const p of prepared) {
        if (!('ws' in p)) {
          outputs.push({ images: [], wplus: [], noiseSeeds: [], computeSeconds: 0, error: p.error });
          continue;
        }
        const n = p.ws.shape[0];
        outputs.push({
          images: Array.from({ length: n }, (_, i) => ({
            width: res,
            height: res,
            channels: G.config.img_channels,
            pixels: pixels.slice((offset + i) * per, (offset + i + 1) * per),
          })),
          wplus: Array.from({ length: n }, (_, i) =>
            Array.from({ length: G.numWs }, (_, l) => {
              const at = (offset + i) * wsPer + l * G.config.w_dim;
              return Array.from(wsData.subarray(at, at + G.config.w_dim));
            }),
          ),
          noiseSeeds: p.noiseSeeds,
          computeSeconds: (seconds * n) / total,
        });
        offset += n;
      }
    } else {
      for (const p of prepared) outputs.push({ images: [], wplus: [], noiseSeeds: [], computeSeconds: 0, error: (p as { error: unknown }).error });
    }
  } finally {
    for (const p of ok) p.ws.dispose();
  }
  return outputs;
}

/**
 * After a GPU device loss the backend has moved on (lib/stylegan/backend) and the cached
 * generators' tensors lived on the lost device: drop them, so the next render reloads.
 */
async function dropGeneratorsOfLostDevice(): Promise<void> {
  const { initBackend, backendEpoch } = await loadCore();
  await initBackend({ quiet: true });
  const epoch = backendEpoch();
  if (globalState.atelierGeneratorsEpoch !== epoch) {
    if (globalState.atelierGeneratorsEpoch !== undefined) generatorCache().clear();
    globalState.atelierGeneratorsEpoch = epoch;
  }
}

function batcher(): Batcher<Generator, RenderRequest, RenderOutput> {
  const e = env();
  globalState.atelierBatcher ??= new Batcher<Generator, RenderRequest, RenderOutput>(e.SYNTH_BATCH_MAX, runGroup, 15, e.SYNTH_GATHER_MS, e.SYNTH_CONCURRENCY);
  return globalState.atelierBatcher;
}

function imageCount(req: RenderRequest): number {
  if (req.nudge) return req.nudge.count;
  const s = req.source;
  return s.kind === 'seeds' ? s.seeds.length : s.kind === 'z' ? s.z.length : s.kind === 'w' ? s.w.length : s.wplus.length;
}

/**
 * Call at the start of a job that will render: lets a forward pass that is about to start
 * wait a few ms for it. Pass the result to render(), or call it if the job gives up.
 */
export function expectRender(): () => void {
  return batcher().expect();
}

/** Renders one request, sharing forward passes with concurrent requests for the same checkpoint and noise mode. */
export async function render(req: RenderRequest, expectation?: () => void): Promise<RenderOutput & { batchImages: number }> {
  await dropGeneratorsOfLostDevice();
  const out = await batcher().submit(
    {
      ...req,
      key: `${req.checkpointId}:${req.noiseMode}`,
      images: imageCount(req),
      load: () => generatorCache().get(req.checkpointId, () => loadCheckpoint(req.checkpointId)),
    },
    expectation,
  );
  if (out.error) throw out.error;
  return out;
}
