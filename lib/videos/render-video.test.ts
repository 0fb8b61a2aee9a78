import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '@/lib/stylegan/backend';
import { Generator } from '@/lib/stylegan/generator';
import { seedsToZ } from '@/lib/stylegan/synthesize';
import { coreRenderBatch } from '@/lib/videos/core-renderer';
import { probeVideo } from '@/lib/videos/probe';
import { CancelledError, renderVideo, type FrameBatch, type RenderBatch } from '@/lib/videos/render-video';

let G: Generator;
let dir: string;

beforeAll(async () => {
  await initBackend({ backend: 'wasm', quiet: true });
  G = Generator.init(
    { z_dim: 16, w_dim: 16, img_resolution: 16, img_channels: 3, mapping_kwargs: { num_layers: 2 }, synthesis_kwargs: { channel_base: 256, channel_max: 16 } },
    7,
  );
  dir = await mkdtemp(path.join(os.tmpdir(), 'render-video-'));
});
afterAll(async () => {
  G?.dispose();
  await rm(dir, { recursive: true, force: true });
});

const zOf = (seed: number) => seedsToZ([seed], 16);

describe('renderVideo', () => {
  it('renders every frame in batches through the renderer and encodes them, starting and ending on the keyframes', async () => {
    const batches: FrameBatch[] = [];
    const inner = coreRenderBatch(G);
    const spy: RenderBatch = (b) => {
      batches.push(b);
      return inner(b);
    };
    const progress: number[] = [];
    await inner({ space: 'z', latents: [zOf(9)] }); // warm-up: the core caches derived weights once
    const before = tf.memory().numTensors;
    const out = await renderVideo({
      keyframes: [zOf(1), zOf(2)],
      keyframeCount: 2,
      space: 'z',
      easing: 'ease-in-out',
      loop: false,
      secondsPerTransition: 1,
      fps: 8,
      outputSize: 32,
      batchSize: 3,
      renderBatch: spy,
      outDir: path.join(dir, 'a'),
      onProgress: (done) => void progress.push(done),
    });
    expect(tf.memory().numTensors).toBe(before);
    expect(batches.map((b) => b.latents.length)).toEqual([3, 3, 2]);
    expect(progress).toEqual([3, 6, 8]);
    const frames = batches.flatMap((b) => b.latents);
    expect(Array.from(frames[0])).toEqual(Array.from(zOf(1)));
    frames[7].forEach((v, i) => expect(v).toBeCloseTo(zOf(2)[i], 5));
    expect(out.frames).toBe(8);
    expect(out.durationSec).toBe(1);
    const mp4 = await probeVideo(out.mp4);
    expect(mp4).toMatchObject({ codec: 'h264', frames: 8, width: 32, height: 32 });
    expect(mp4.durationSec).toBeCloseTo(1, 1);
  });

  it('uses constant noise: the same latent renders the same pixels in any batch', async () => {
    const render = coreRenderBatch(G);
    const [alone] = await render({ space: 'z', latents: [zOf(3)] });
    const pair = await render({ space: 'z', latents: [zOf(4), zOf(3)] });
    expect(Buffer.from(pair[1].pixels).equals(Buffer.from(alone.pixels))).toBe(true);
    expect(Buffer.from(pair[0].pixels).equals(Buffer.from(alone.pixels))).toBe(false);
  });

  it('renders W-space keyframes (flattened w+) the same as Z when W comes from the same z', async () => {
    const wsOf = (seed: number) => {
      const ws = tf.tidy(() => G.mapping(tf.tensor2d(zOf(seed), [1, 16])));
      const flat = ws.dataSync() as Float32Array;
      ws.dispose();
      return Float32Array.from(flat);
    };
    const render = coreRenderBatch(G);
    const [fromZ] = await render({ space: 'z', latents: [zOf(5)] });
    const [fromW] = await render({ space: 'w', latents: [wsOf(5)] });
    expect(Buffer.from(fromW.pixels).equals(Buffer.from(fromZ.pixels))).toBe(true);
  });

  it('stops between batches when cancelled, kills the encoder and reports the cancellation', async () => {
    const controller = new AbortController();
    let rendered = 0;
    const inner = coreRenderBatch(G);
    await expect(
      renderVideo({
        keyframes: [zOf(1), zOf(2), zOf(3)],
        keyframeCount: 3,
        space: 'z',
        easing: 'spline',
        loop: true,
        secondsPerTransition: 2,
        fps: 10,
        outputSize: 32,
        batchSize: 4,
        renderBatch: async (b) => {
          rendered += b.latents.length;
          return inner(b);
        },
        outDir: path.join(dir, 'b'),
        signal: controller.signal,
        onProgress: (done) => {
          if (done >= 8) controller.abort();
        },
      }),
    ).rejects.toBeInstanceOf(CancelledError);
    expect(rendered).toBe(8); // of 60: it stopped right after the batch that saw the cancel
  });
});
