/**
 * FFHQ-style face alignment, from the procedure described with the FFHQ data
 * set (Karras et al. 2019): from 68-point landmarks take the eye centres and
 * mouth corners; the crop is a square centred a little below the eyes, rotated
 * so the eyes are level, sized by the larger of 2× the eye distance and 1.8×
 * the eye-to-mouth distance. Pixels outside the photo are filled by
 * reflection. Sampling is bilinear with 2×2 supersampling per output pixel,
 * after a box pre-shrink of the photo so each output pixel covers at most
 * about 2 source pixels (no aliasing on large photos).
 */
export interface Point {
  x: number;
  y: number;
}

export interface AlignedQuad {
  /** centre of the crop */
  centre: Point;
  /** half-width vector (points to the right of the face) */
  x: Point;
  /** half-height vector (points down the face) */
  y: Point;
  /** side length of the crop in source pixels */
  size: number;
}

function mean(points: Point[]): Point {
  return { x: points.reduce((s, p) => s + p.x, 0) / points.length, y: points.reduce((s, p) => s + p.y, 0) / points.length };
}

const len = (p: Point) => Math.hypot(p.x, p.y);

/** The rotated square crop for 68 landmarks (iBUG 300-W order). */
export function ffhqQuad(landmarks: Point[]): AlignedQuad {
  if (landmarks.length !== 68) throw new Error(`alignment needs 68 landmarks, got ${landmarks.length}`);
  const eyeLeft = mean(landmarks.slice(36, 42));
  const eyeRight = mean(landmarks.slice(42, 48));
  const eyeAvg = { x: (eyeLeft.x + eyeRight.x) / 2, y: (eyeLeft.y + eyeRight.y) / 2 };
  const eyeToEye = { x: eyeRight.x - eyeLeft.x, y: eyeRight.y - eyeLeft.y };
  const mouthAvg = mean([landmarks[48], landmarks[54]]);
  const eyeToMouth = { x: mouthAvg.x - eyeAvg.x, y: mouthAvg.y - eyeAvg.y };
  // Horizontal axis: eye-to-eye blended with the eye-to-mouth direction turned 90°.
  let x = { x: eyeToEye.x + eyeToMouth.y, y: eyeToEye.y - eyeToMouth.x };
  const norm = len(x) || 1;
  const scale = Math.max(len(eyeToEye) * 2, len(eyeToMouth) * 1.8);
  x = { x: (x.x / norm) * scale, y: (x.y / norm) * scale };
  const y = { x: -x.y, y: x.x };
  const centre = { x: eyeAvg.x + eyeToMouth.x * 0.1, y: eyeAvg.y + eyeToMouth.y * 0.1 };
  return { centre, x, y, size: 2 * len(x) };
}

/** Mirror an index into [0, n): … 2 1 0 | 0 1 2 … n−1 | n−1 n−2 … */
export function reflectIndex(i: number, n: number): number {
  if (n === 1) return 0;
  const period = 2 * n;
  let m = i % period;
  if (m < 0) m += period;
  return m < n ? m : period - 1 - m;
}

export interface RawImage {
  width: number;
  height: number;
  /** interleaved RGB uint8 */
  data: Uint8Array;
}

/** Bilinear sample of channel c at (x, y) in pixel-centre coordinates, with reflection outside. */
function sample(img: RawImage, x: number, y: number, out: Float64Array): void {
  const x0 = Math.floor(x - 0.5);
  const y0 = Math.floor(y - 0.5);
  const fx = x - 0.5 - x0;
  const fy = y - 0.5 - y0;
  const xa = reflectIndex(x0, img.width);
  const xb = reflectIndex(x0 + 1, img.width);
  const ya = reflectIndex(y0, img.height);
  const yb = reflectIndex(y0 + 1, img.height);
  for (let c = 0; c < 3; c++) {
    const p00 = img.data[(ya * img.width + xa) * 3 + c];
    const p10 = img.data[(ya * img.width + xb) * 3 + c];
    const p01 = img.data[(yb * img.width + xa) * 3 + c];
    const p11 = img.data[(yb * img.width + xb) * 3 + c];
    out[c] += (p00 * (1 - fx) + p10 * fx) * (1 - fy) + (p01 * (1 - fx) + p11 * fx) * fy;
  }
}

/**
 * Render the quad as a size×size RGB image. `img` should already be shrunk so
 * that quad.size ≤ about 2·size (see alignFace in prepare-target.ts).
 */
export function cropQuad(img: RawImage, quad: AlignedQuad, size: number): Uint8Array {
  const out = new Uint8Array(size * size * 3);
  const acc = new Float64Array(3);
  const sub = [0.25, 0.75];
  for (let v = 0; v < size; v++) {
    for (let u = 0; u < size; u++) {
      acc.fill(0);
      for (const sv of sub) {
        for (const su of sub) {
          const a = (2 * (u + su)) / size - 1;
          const b = (2 * (v + sv)) / size - 1;
          sample(img, quad.centre.x + quad.x.x * a + quad.y.x * b, quad.centre.y + quad.x.y * a + quad.y.y * b, acc);
        }
      }
      for (let c = 0; c < 3; c++) out[(v * size + u) * 3 + c] = Math.max(0, Math.min(255, Math.round(acc[c] / 4)));
    }
  }
  return out;
}

/** Scale a quad (for landmarks found on a resized copy of the photo). */
export function scaleQuad(q: AlignedQuad, s: number): AlignedQuad {
  return {
    centre: { x: q.centre.x * s, y: q.centre.y * s },
    x: { x: q.x.x * s, y: q.x.y * s },
    y: { x: q.y.x * s, y: q.y.y * s },
    size: q.size * s,
  };
}
