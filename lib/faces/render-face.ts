import sharp from 'sharp';
import { sampleAttributes, type FaceAttributes } from './attributes';
import { faceSvg } from './face-svg';

export const DEFAULT_FACE_SIZE = 64;

export interface RenderedFace {
  png: Buffer;
  attributes: FaceAttributes;
}

/**
 * Rasterises an SVG face to an opaque RGB PNG. Encoder settings are pinned and
 * no metadata is written, so the bytes depend only on the SVG and the bundled
 * libvips/librsvg version (pinned through sharp's exact version).
 */
export async function svgToPng(svg: string): Promise<Buffer> {
  return sharp(Buffer.from(svg), { density: 72 })
    .removeAlpha()
    .png({ compressionLevel: 9, adaptiveFiltering: false, palette: false })
    .toBuffer();
}

export async function renderFace(seed: number, opts: { size?: number } = {}): Promise<RenderedFace> {
  const size = opts.size ?? DEFAULT_FACE_SIZE;
  assertValidSize(size);
  const attributes = sampleAttributes(seed);
  return { png: await svgToPng(faceSvg(attributes, size)), attributes };
}

export function assertValidSize(size: number): void {
  if (!Number.isInteger(size) || size < 8 || size > 2048) {
    throw new RangeError(`size must be an integer between 8 and 2048, got ${size}`);
  }
}
