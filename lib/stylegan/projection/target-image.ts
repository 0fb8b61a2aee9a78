/**
 * Turn an uploaded photo into the projector's target: decode (fully, so
 * truncated files are caught), EXIF-rotate, then either find and align a face
 * (face/detect-faces.ts, face/align.ts) or, without alignment, centre-crop to
 * a square; resize to the model's resolution. Failures are TargetImageError
 * with a stable code and a sentence a person can act on.
 */
import sharp from 'sharp';
import { cropQuad, ffhqQuad, scaleQuad, type AlignedQuad, type RawImage } from './face/align';

export type TargetErrorCode = 'empty' | 'not_an_image' | 'unsupported_format' | 'corrupt' | 'too_small' | 'too_large' | 'no_face' | 'face_too_small' | 'choose_face' | 'bad_face_index';

export class TargetImageError extends Error {
  constructor(
    readonly code: TargetErrorCode,
    message: string,
    /** for 'choose_face': the faces found, so the caller can offer a choice */
    readonly faces?: DetectedFace[],
  ) {
    super(message);
    this.name = 'TargetImageError';
  }
}

export interface DetectedFace {
  /** box in photo pixels (after EXIF rotation) */
  box: { x: number; y: number; width: number; height: number };
  score: number;
  /** 68 landmarks in photo pixels */
  landmarks: { x: number; y: number }[];
}

export const TARGET_LIMITS = {
  /** shorter side of the photo, px */
  minSide: 64,
  /** longer side, px */
  maxSide: 12000,
  maxPixels: 50_000_000,
  /** detection runs on a copy whose longer side is at most this */
  detectSide: 1024,
  /** a face box narrower than this (photo px) is too small to align usefully */
  minFaceSide: 24,
};

function sniff(bytes: Uint8Array): 'png' | 'jpeg' | 'webp' | 'other' {
  if (bytes.length >= 8 && bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) return 'png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (bytes.length >= 12 && Buffer.from(bytes.subarray(0, 4)).toString('latin1') === 'RIFF' && Buffer.from(bytes.subarray(8, 12)).toString('latin1') === 'WEBP') return 'webp';
  return 'other';
}

/** Decode to RGB (EXIF-rotated, alpha flattened on black), checking format and size. */
export async function decodePhoto(bytes: Uint8Array): Promise<RawImage> {
  if (bytes.length === 0) throw new TargetImageError('empty', 'the file is empty');
  const kind = sniff(bytes);
  if (kind === 'other') {
    const format = await sharp(bytes, { limitInputPixels: TARGET_LIMITS.maxPixels }).metadata().then((m) => m.format, () => null);
    if (format) throw new TargetImageError('unsupported_format', `${String(format).toUpperCase()} is not supported: upload a PNG, JPEG or WebP photo`);
    throw new TargetImageError('not_an_image', 'this file is not an image: upload a PNG, JPEG or WebP photo');
  }
  let meta: Awaited<ReturnType<ReturnType<typeof sharp>["metadata"]>>;
  try {
    meta = await sharp(bytes, { failOn: 'error', limitInputPixels: false }).metadata();
  } catch (err) {
    throw new TargetImageError('corrupt', `the ${kind.toUpperCase()} file is damaged and cannot be read (${firstLine(err)})`);
  }
  const swap = (meta.orientation ?? 1) >= 5;
  const width = (swap ? meta.height : meta.width) ?? 0;
  const height = (swap ? meta.width : meta.height) ?? 0;
  if (Math.max(width, height) > TARGET_LIMITS.maxSide || width * height > TARGET_LIMITS.maxPixels) {
    throw new TargetImageError('too_large', `the photo is ${width}×${height}: at most ${TARGET_LIMITS.maxSide} px a side and ${TARGET_LIMITS.maxPixels / 1e6} megapixels`);
  }
  if (Math.min(width, height) < TARGET_LIMITS.minSide) {
    throw new TargetImageError('too_small', `the photo is ${width}×${height}: the shorter side must be at least ${TARGET_LIMITS.minSide} px`);
  }
  try {
    const { data, info } = await sharp(bytes, { failOn: 'error', limitInputPixels: TARGET_LIMITS.maxPixels })
      .rotate()
      .toColourspace('srgb')
      .flatten({ background: { r: 0, g: 0, b: 0 } })
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    return { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
  } catch (err) {
    throw new TargetImageError('corrupt', `the ${kind.toUpperCase()} file is damaged and cannot be read (${firstLine(err)})`);
  }
}

function firstLine(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0].slice(0, 120);
}

/** Centre square crop resized to `resolution` (the --no-align path). */
export async function centreCrop(photo: RawImage, resolution: number): Promise<Uint8Array> {
  const out = await sharp(Buffer.from(photo.data), { raw: { width: photo.width, height: photo.height, channels: 3 } })
    .resize(resolution, resolution, { fit: 'cover', position: 'centre', kernel: 'lanczos3' })
    .raw()
    .toBuffer();
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}

/** The aligned face crop at `resolution`: the photo is box-shrunk first so the quad spans ≤ 2·resolution px. */
export async function alignedCrop(photo: RawImage, face: DetectedFace, resolution: number): Promise<{ pixels: Uint8Array; quad: AlignedQuad }> {
  const quad = ffhqQuad(face.landmarks);
  const shrink = Math.max(1, Math.floor(quad.size / (2 * resolution)));
  let src = photo;
  if (shrink > 1) {
    const w = Math.max(1, Math.round(photo.width / shrink));
    const h = Math.max(1, Math.round(photo.height / shrink));
    const buf = await sharp(Buffer.from(photo.data), { raw: { width: photo.width, height: photo.height, channels: 3 } })
      .resize(w, h, { fit: 'fill', kernel: 'cubic' })
      .raw()
      .toBuffer();
    src = { width: w, height: h, data: new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength) };
  }
  const scaled = scaleQuad(quad, src.width / photo.width);
  return { pixels: cropQuad(src, scaled, resolution), quad };
}

export interface PreparedTarget {
  /** uint8 RGB HWC at the model's resolution */
  pixels: Uint8Array;
  resolution: number;
  /** faces found (empty without alignment) */
  faces: DetectedFace[];
  /** which face was aligned (null without alignment) */
  faceIndex: number | null;
}

/**
 * Photo bytes → target. With `align`, faces are detected: none → 'no_face';
 * several and no `faceIndex` → 'choose_face' (with the faces, largest first).
 */
export async function prepareTarget(
  bytes: Uint8Array,
  resolution: number,
  opts: { align: boolean; faceIndex?: number | null },
): Promise<PreparedTarget> {
  const photo = await decodePhoto(bytes);
  if (!opts.align) return { pixels: await centreCrop(photo, resolution), resolution, faces: [], faceIndex: null };
  const { detectFaces } = await import('./face/detect-faces');
  const faces = await detectFaces(photo);
  if (faces.length === 0) throw new TargetImageError('no_face', 'no face was found in this photo: try a clearer, front-facing photo, or project it without face alignment');
  let index = opts.faceIndex ?? null;
  if (index === null) {
    if (faces.length > 1) throw new TargetImageError('choose_face', `${faces.length} faces were found: choose one`, faces);
    index = 0;
  }
  if (!Number.isInteger(index) || index < 0 || index >= faces.length) {
    throw new TargetImageError('bad_face_index', `face ${index} does not exist: this photo has ${faces.length} face${faces.length === 1 ? '' : 's'}`, faces);
  }
  const face = faces[index];
  if (Math.min(face.box.width, face.box.height) < TARGET_LIMITS.minFaceSide) {
    throw new TargetImageError('face_too_small', `the face is only ${Math.round(face.box.width)} px wide: use a photo where it is at least ${TARGET_LIMITS.minFaceSide} px`);
  }
  const { pixels } = await alignedCrop(photo, face, resolution);
  return { pixels, resolution, faces, faceIndex: index };
}
