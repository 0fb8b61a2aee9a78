// Encodes rendered images as PNG (sharp) and stores them as assets of the job's owner.
// No TensorFlow.js here: pixels arrive as plain bytes.
import sharp from 'sharp';
import { storeAsset } from '@/lib/assets/store-asset';
import { newRowId } from '@/lib/provenance/record-provenance';
import { storage } from '@/lib/storage';
import type { RenderedImage } from '@/lib/stylegan/synthesize';

export type Owner = { userId: string | null; teamId: string | null };

export function assetUrl(assetId: string) {
  return `/api/v1/assets/${assetId}`;
}

/** Interleaved HWC uint8 → PNG (1, 3 or 4 channels), as the core's toPng does. */
export function pngOf(image: RenderedImage): Promise<Buffer> {
  return sharp(Buffer.from(image.pixels.buffer, image.pixels.byteOffset, image.pixels.byteLength), {
    raw: { width: image.width, height: image.height, channels: image.channels as 1 | 3 | 4 },
  })
    .png()
    .toBuffer();
}

export async function storePngs(images: RenderedImage[], owner: Owner, timings?: { pngMs: number; storageMs: number }) {
  const t0 = performance.now();
  const pngs = await Promise.all(images.map(pngOf));
  const t1 = performance.now();
  const out = [];
  for (const png of pngs) out.push(await storeAsset(png, 'image/png', owner));
  if (timings) {
    timings.pngMs = t1 - t0;
    timings.storageMs = performance.now() - t1;
  }
  return out;
}

/** A file in storage and the id its asset row will have (written later, with the job's other rows). */
export type StoredFile = { id: string; storageKey: string; sha256: string; bytes: number; mime: string };

/** Encodes and stores images as PNG files; their asset rows go in with the job's usage and provenance (record-outputs.ts). */
export async function storePngFiles(images: RenderedImage[], timings?: { pngMs: number; storageMs: number }): Promise<StoredFile[]> {
  const t0 = performance.now();
  const pngs = await Promise.all(images.map(pngOf));
  const t1 = performance.now();
  const files = await Promise.all(
    pngs.map(async (png) => {
      const stored = await storage().put(png, 'image/png');
      return { id: newRowId(), storageKey: stored.key, sha256: stored.sha256, bytes: stored.bytes, mime: 'image/png' };
    }),
  );
  if (timings) {
    timings.pngMs = t1 - t0;
    timings.storageMs = performance.now() - t1;
  }
  return files;
}
