import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EncodeError, VideoEncoder, ffmpegArgs } from '@/lib/videos/encode';
import { probeVideo } from '@/lib/videos/probe';

/** A moving gradient, so consecutive frames differ and the encoders cannot collapse them. */
async function frame(i: number, size = 32): Promise<Buffer> {
  const px = Buffer.alloc(size * size * 3);
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      const o = (y * size + x) * 3;
      px[o] = (x * 8 + i * 5) & 255;
      px[o + 1] = (y * 8) & 255;
      px[o + 2] = (i * 11) & 255;
    }
  return sharp(px, { raw: { width: size, height: size, channels: 3 } }).png().toBuffer();
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'encode-test-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('VideoEncoder', () => {
  it('writes an H.264 yuv420p faststart MP4, a VP9 WebM and a GIF with every frame and the right duration', async () => {
    const enc = new VideoEncoder({ fps: 24, outputSize: 64, outDir: dir });
    for (let i = 0; i < 48; i++) await enc.writeFrame(await frame(i));
    const files = await enc.finish();
    expect(files.frames).toBe(48);

    const mp4 = await probeVideo(files.mp4);
    expect(mp4).toMatchObject({ codec: 'h264', pixelFormat: 'yuv420p', width: 64, height: 64, frames: 48 });
    expect(mp4.durationSec).toBeCloseTo(2, 1);
    const bytes = await readFile(files.mp4);
    const moov = bytes.indexOf('moov');
    const mdat = bytes.indexOf('mdat');
    expect(moov).toBeGreaterThan(0);
    expect(moov).toBeLessThan(mdat); // +faststart: the index comes first

    const webm = await probeVideo(files.webm);
    expect(webm).toMatchObject({ codec: 'vp9', pixelFormat: 'yuv420p', width: 64, height: 64, frames: 48 });
    expect(webm.durationSec).toBeCloseTo(2, 1);

    const gif = await readFile(files.gif);
    expect(gif.subarray(0, 6).toString()).toBe('GIF89a');
    const gifInfo = await probeVideo(files.gif);
    expect(gifInfo.codec).toBe('gif');
    expect(gifInfo.frames).toBe(24); // preview capped at 12 fps: 2 s → 24 frames
  });

  it('stops ffmpeg when the signal aborts, and finish() reports the cancellation', async () => {
    const controller = new AbortController();
    const enc = new VideoEncoder({ fps: 10, outputSize: 32, outDir: dir, signal: controller.signal });
    await enc.writeFrame(await frame(0));
    controller.abort();
    await expect(enc.writeFrame(await frame(1))).rejects.toThrow(/cancelled/);
    await expect(enc.finish()).rejects.toThrow(/cancelled/);
  });

  it('refuses an fps of 0, an odd output size, and an empty video', async () => {
    expect(() => ffmpegArgs({ fps: 0, outputSize: 64, outDir: dir })).toThrow(EncodeError);
    expect(() => ffmpegArgs({ fps: 24, outputSize: 63, outDir: dir })).toThrow(/even/);
    const enc = new VideoEncoder({ fps: 10, outputSize: 32, outDir: dir });
    await expect(enc.finish()).rejects.toThrow(/no frames/);
  });

  it('reports what ffmpeg says when the input is not PNG', async () => {
    const enc = new VideoEncoder({ fps: 10, outputSize: 32, outDir: dir });
    await enc.writeFrame(Buffer.from('this is not a png'));
    await expect(enc.finish()).rejects.toThrow(/ffmpeg/);
  });
});
