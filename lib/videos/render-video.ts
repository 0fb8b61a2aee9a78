// Frames of an interpolation video, rendered batch by batch and piped straight into the
// encoder. The renderer is injected: the worker's job passes the shared synthesis renderer
// (generator cache, batched forward passes); the benchmark and tests pass the core directly.
import { mkdir } from 'node:fs/promises';
import sharp from 'sharp';
import type { RenderedImage } from '@/lib/stylegan/synthesize';
import { VideoEncoder, type EncodedFiles } from '@/lib/videos/encode';
import { frameCount, framePosition, interpolateAt, type Easing, type FrameScheduleOptions, type InterpolationSpace } from '@/lib/videos/interpolate';

/** Latents of one batch of frames: z rows (Z space) or flattened w+ rows (W space). */
export type FrameBatch = { space: InterpolationSpace; latents: Float32Array[] };
export type RenderBatch = (batch: FrameBatch) => Promise<RenderedImage[]>;

export type RenderVideoOptions = FrameScheduleOptions & {
  space: InterpolationSpace;
  easing: Easing;
  /** z vectors (Z) or flattened w+ (W), one per keyframe */
  keyframes: Float32Array[];
  outputSize: number;
  batchSize: number;
  renderBatch: RenderBatch;
  outDir: string;
  /** the ffmpeg binary (default: ffmpeg on PATH) */
  ffmpegPath?: string;
  signal?: AbortSignal;
  onProgress?: (framesDone: number, total: number) => Promise<void> | void;
};

export type RenderVideoResult = EncodedFiles & { durationSec: number; renderSeconds: number; totalSeconds: number };

export class CancelledError extends Error {
  constructor() {
    super('Cancelled');
  }
}

/** Fast PNG (level 1): the frames are decoded again by ffmpeg a moment later. */
export function framePng(img: RenderedImage): Promise<Buffer> {
  return sharp(Buffer.from(img.pixels.buffer, img.pixels.byteOffset, img.pixels.byteLength), {
    raw: { width: img.width, height: img.height, channels: img.channels as 1 | 3 | 4 },
  })
    .png({ compressionLevel: 1 })
    .toBuffer();
}

export async function renderVideo(o: RenderVideoOptions): Promise<RenderVideoResult> {
  const started = process.hrtime.bigint();
  const total = frameCount(o);
  await mkdir(o.outDir, { recursive: true });
  const encoder = new VideoEncoder({ fps: o.fps, outputSize: o.outputSize, outDir: o.outDir, signal: o.signal, ffmpegPath: o.ffmpegPath });
  let renderNs = 0n;
  try {
    for (let start = 0; start < total; start += o.batchSize) {
      if (o.signal?.aborted) throw new CancelledError();
      const count = Math.min(o.batchSize, total - start);
      const latents = Array.from({ length: count }, (_, i) => interpolateAt(o.keyframes, framePosition(o, start + i), o));
      const t0 = process.hrtime.bigint();
      const images = await o.renderBatch({ space: o.space, latents });
      renderNs += process.hrtime.bigint() - t0;
      if (images.length !== count) throw new Error(`renderer returned ${images.length} frames for a batch of ${count}`);
      for (const img of images) await encoder.writeFrame(await framePng(img));
      await o.onProgress?.(start + count, total);
      // Let timers (cancel polling, lock renewal) run between batches of synchronous tensor work.
      await new Promise((r) => setImmediate(r));
    }
    if (o.signal?.aborted) throw new CancelledError();
    const files = await encoder.finish();
    return {
      ...files,
      durationSec: total / o.fps,
      renderSeconds: Number(renderNs) / 1e9,
      totalSeconds: Number(process.hrtime.bigint() - started) / 1e9,
    };
  } catch (err) {
    encoder.abort();
    if (o.signal?.aborted) throw new CancelledError();
    throw err;
  }
}
