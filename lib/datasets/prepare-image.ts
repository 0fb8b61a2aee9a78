// Checks one uploaded file and turns it into a training image: decoded in full with sharp
// (so truncated files are caught), EXIF-rotated, centre-cropped or padded to a square,
// resized to the dataset's resolution, stored as PNG.
import sharp from 'sharp';
import { sha256Hex } from '@/lib/storage/storage';

export type Fit = 'crop' | 'pad';

export type SkipCode = 'empty' | 'not_an_image' | 'unsupported_format' | 'corrupt' | 'too_small' | 'too_large' | 'duplicate' | 'size_mismatch' | 'encrypted' | 'unreadable' | 'system_file';

export type Prepared = { ok: true; sha256: string; png: Buffer; width: number; height: number; format: string };
export type Rejected = { ok: false; code: SkipCode; reason: string };

/** What the first bytes say the file is (not what its name claims). */
export function sniffFormat(bytes: Uint8Array): 'png' | 'jpeg' | 'webp' | 'gif' | 'other' {
  if (bytes.length >= 8 && bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) return 'png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (bytes.length >= 12 && Buffer.from(bytes.subarray(0, 4)).toString('latin1') === 'RIFF' && Buffer.from(bytes.subarray(8, 12)).toString('latin1') === 'WEBP') return 'webp';
  if (bytes.length >= 6 && Buffer.from(bytes.subarray(0, 3)).toString('latin1') === 'GIF') return 'gif';
  return 'other';
}

const MAX_PIXELS = 100_000_000;

export async function prepareImage(bytes: Buffer, opts: { resolution: number; fit: Fit }): Promise<Prepared | Rejected> {
  if (bytes.length === 0) return { ok: false, code: 'empty', reason: 'empty file' };
  const kind = sniffFormat(bytes);
  if (kind === 'gif') return { ok: false, code: 'unsupported_format', reason: 'GIF is not supported (PNG, JPEG or WebP)' };
  if (kind === 'other') {
    // sharp reads more than we accept (TIFF, SVG, AVIF…): say which, but refuse them.
    const format = await sharp(bytes, { limitInputPixels: MAX_PIXELS }).metadata().then((m) => m.format, () => null);
    if (format) return { ok: false, code: 'unsupported_format', reason: `${String(format).toUpperCase()} is not supported (PNG, JPEG or WebP)` };
    return { ok: false, code: 'not_an_image', reason: 'not an image (not PNG, JPEG or WebP data)' };
  }
  let width: number;
  let height: number;
  try {
    const meta = await sharp(bytes, { failOn: 'error', limitInputPixels: MAX_PIXELS }).metadata();
    // EXIF orientations 5–8 swap width and height once rotated.
    const swap = (meta.orientation ?? 1) >= 5;
    width = swap ? meta.height! : meta.width!;
    height = swap ? meta.width! : meta.height!;
    if (!width || !height) throw new Error('no dimensions');
  } catch (err) {
    return { ok: false, code: 'corrupt', reason: `corrupt ${kind.toUpperCase()} (${firstLine(err)})` };
  }
  const side = opts.fit === 'crop' ? Math.min(width, height) : Math.max(width, height);
  if (side < opts.resolution) {
    const which = opts.fit === 'crop' ? 'shorter' : 'longer';
    return { ok: false, code: 'too_small', reason: `too small: ${width}×${height}, the ${which} side must be at least ${opts.resolution} px` };
  }
  try {
    const png = await sharp(bytes, { failOn: 'error', limitInputPixels: MAX_PIXELS })
      .rotate()
      .toColourspace('srgb')
      .flatten({ background: { r: 0, g: 0, b: 0 } })
      .resize(opts.resolution, opts.resolution, {
        fit: opts.fit === 'crop' ? 'cover' : 'contain',
        position: 'centre',
        background: { r: 0, g: 0, b: 0 },
        kernel: 'lanczos3',
      })
      .removeAlpha()
      .png({ compressionLevel: 9 })
      .toBuffer();
    return { ok: true, sha256: sha256Hex(bytes), png, width, height, format: kind };
  } catch (err) {
    return { ok: false, code: 'corrupt', reason: `corrupt ${kind.toUpperCase()} (${firstLine(err)})` };
  }
}

function firstLine(err: unknown) {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0].slice(0, 160);
}
