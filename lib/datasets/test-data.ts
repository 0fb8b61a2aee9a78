// Test material for dataset uploads: real face images (lib/faces), broken files, and zips
// built with fflate, including ones whose declared sizes lie.
import { zipSync } from 'fflate';
import sharp from 'sharp';
import { renderFace } from '@/lib/faces/render-face';

export async function faces(count: number, size = 64, seed = 1): Promise<Buffer[]> {
  return Promise.all(Array.from({ length: count }, async (_, i) => (await renderFace(seed * 1000 + i, { size })).png));
}

/** A face saved as JPEG (and WebP), to prove every accepted format goes through. */
export async function asJpeg(png: Buffer) {
  return sharp(png).jpeg({ quality: 90 }).toBuffer();
}
export async function asWebp(png: Buffer) {
  return sharp(png).webp({ quality: 90 }).toBuffer();
}

/** A PNG cut off half way: the header is fine, the pixels are not. */
export function truncated(png: Buffer) {
  return png.subarray(0, Math.floor(png.length / 2));
}

export async function tinyPng(size = 8) {
  return sharp({ create: { width: size, height: size, channels: 3, background: { r: 200, g: 40, b: 40 } } }).png().toBuffer();
}

export function zipOf(files: Record<string, Uint8Array | string>, level: 0 | 6 = 6): Buffer {
  const entries = Object.fromEntries(Object.entries(files).map(([k, v]) => [k, typeof v === 'string' ? new TextEncoder().encode(v) : v]));
  return Buffer.from(zipSync(entries, { level }));
}

/**
 * Rewrites the uncompressed size an entry declares (central directory and local header):
 * the way a zip bomb lies about what it will unpack to.
 */
export function withDeclaredSize(zip: Buffer, entryName: string, size: number): Buffer {
  const out = Buffer.from(zip);
  let eocd = -1;
  for (let i = out.length - 22; i >= 0; i--) {
    if (out.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('no end of central directory');
  const count = out.readUInt16LE(eocd + 10);
  let p = out.readUInt32LE(eocd + 16);
  for (let n = 0; n < count; n++) {
    if (out.readUInt32LE(p) !== 0x02014b50) throw new Error('bad central directory');
    const nameLen = out.readUInt16LE(p + 28);
    const extraLen = out.readUInt16LE(p + 30);
    const commentLen = out.readUInt16LE(p + 32);
    const name = out.subarray(p + 46, p + 46 + nameLen).toString('utf8');
    if (name === entryName) {
      out.writeUInt32LE(size, p + 24);
      const local = out.readUInt32LE(p + 42);
      out.writeUInt32LE(size, local + 22);
      return out;
    }
    p += 46 + nameLen + extraLen + commentLen;
  }
  throw new Error(`no entry ${entryName}`);
}
