/**
 * Adaptive discriminator augmentation (Karras et al. 2020, "bgc" subset).
 *
 * Each transform is applied to each image independently with probability p:
 *   geometry — x-flip, 90° rotation, integer translation, isotropic scaling;
 *   colour   — brightness, contrast, hue rotation, saturation.
 *
 * Parameters are drawn in JavaScript from our seedable Rng (so augmentation is
 * reproducible and resumable), then the images are transformed with a few
 * tensor ops that are all twice differentiable, so R1 may be taken through the
 * augmentation exactly as the official code does:
 *   - rotations/flips = an optional spatial transpose (blended per image with a
 *     0/1 factor) plus sign flips folded into the resampling matrices;
 *   - translation and scaling are separable, so each image is resampled by two
 *     batched matMuls with per-image bilinear interpolation matrices
 *     (out = R_y · img · R_xᵀ) with reflecting borders; without scaling the
 *     matrices are permutations and the result is exact;
 *   - colour is one per-image 3×3 matrix and offset (homogeneous 4×4 colour
 *     transforms composed in float64, as in the official pipeline).
 * matMul is only used with equal batch dimensions (tfjs's broadcast-batch
 * matMul gradient is unreliable).
 */
import * as tf from '@tensorflow/tfjs';
import type { Rng } from './rng';

/** Strength multipliers and ranges, with the official defaults of augment.py. */
export interface AugmentSpec {
  xflip: number;
  rotate90: number;
  xint: number;
  scale: number;
  brightness: number;
  contrast: number;
  hue: number;
  saturation: number;
  xint_max: number;
  scale_std: number;
  brightness_std: number;
  contrast_std: number;
  hue_max: number;
  saturation_std: number;
}

/** The official 'bgc' pipeline minus arbitrary rotation, anisotropic scaling, fractional translation and luma flip. */
export const DEFAULT_AUGMENT_SPEC: AugmentSpec = {
  xflip: 1,
  rotate90: 1,
  xint: 1,
  scale: 1,
  brightness: 1,
  contrast: 1,
  hue: 1,
  saturation: 1,
  xint_max: 0.125,
  scale_std: 0.2,
  brightness_std: 0.2,
  contrast_std: 0.5,
  hue_max: 1,
  saturation_std: 1,
};

/** Per-image transform parameters for one batch (plain arrays; no tensors). */
export interface AugmentParams {
  n: number;
  size: number;
  /** 1 where the image is spatially transposed before resampling. */
  transpose: Float32Array;
  /** [n, size, size] row-resampling matrices (null: identity for all). */
  rowMatrix: Float32Array | null;
  /** [n, size, size] column-resampling matrices (null: identity for all). */
  colMatrix: Float32Array | null;
  /** [n, 3, 3] colour matrices applied as rgb · M (i.e. Mᵀ of the usual form); null: identity. */
  colorMatrix: Float32Array | null;
  /** [n, 3] colour offsets; null when colorMatrix is null. */
  colorOffset: Float32Array | null;
}

type Mat4 = number[]; // row-major 4×4

const identity4 = (): Mat4 => [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1];

function mul4(a: Mat4, b: Mat4): Mat4 {
  const out = new Array(16).fill(0);
  for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) for (let k = 0; k < 4; k++) out[i * 4 + j] += a[i * 4 + k] * b[k * 4 + j];
  return out;
}

/** Reflects an integer index into [0, size) without repeating the edge pixel (like 'reflect' padding). */
function reflectIndex(i: number, size: number): number {
  if (size === 1) return 0;
  const period = 2 * (size - 1);
  let r = ((i % period) + period) % period;
  if (r >= size) r = period - r;
  return r;
}

/**
 * Writes into `m` (size×size, row-major: out index × source index) the bilinear
 * sampling of source coordinate `sign · (c/scale − shift)` for each centred output
 * coordinate c, with reflecting borders.
 */
function fillResampleMatrix(m: Float32Array, offset: number, size: number, sign: number, scale: number, shift: number): void {
  const centre = (size - 1) / 2;
  for (let o = 0; o < size; o++) {
    const src = sign * ((o - centre) / scale - shift) + centre;
    const i0 = Math.floor(src);
    const f = src - i0;
    const row = offset + o * size;
    m[row + reflectIndex(i0, size)] += 1 - f;
    if (f !== 0) m[row + reflectIndex(i0 + 1, size)] += f;
  }
}

/** Draws the per-image parameters of one augmented batch. */
export function sampleAugmentParams(rng: Rng, n: number, size: number, p: number, spec: AugmentSpec = DEFAULT_AUGMENT_SPEC): AugmentParams {
  const on = (strength: number) => strength > 0 && rng.uniform() < p * strength;
  const transpose = new Float32Array(n);
  const rowMatrix = new Float32Array(n * size * size);
  const colMatrix = new Float32Array(n * size * size);
  const colorMatrix = new Float32Array(n * 9);
  const colorOffset = new Float32Array(n * 3);
  let anyGeometry = false;
  let anyColor = false;

  for (let b = 0; b < n; b++) {
    // Geometry: a signed permutation D of the centred (u, v) axes, then source = D · (out/s − t).
    let d: [number, number, number, number] = [1, 0, 0, 1]; // [a, b; c, d] row-major
    const compose = (e: [number, number, number, number]) => {
      d = [d[0] * e[0] + d[1] * e[2], d[0] * e[1] + d[1] * e[3], d[2] * e[0] + d[3] * e[2], d[2] * e[1] + d[3] * e[3]];
    };
    if (on(spec.xflip) && rng.uniform() < 0.5) compose([-1, 0, 0, 1]);
    if (on(spec.rotate90)) {
      const k = rng.int(4);
      for (let i = 0; i < k; i++) compose([0, -1, 1, 0]);
    }
    let tx = 0;
    let ty = 0;
    if (on(spec.xint)) {
      tx = Math.round((rng.uniform() * 2 - 1) * spec.xint_max * size);
      ty = Math.round((rng.uniform() * 2 - 1) * spec.xint_max * size);
    }
    let s = 1;
    if (on(spec.scale)) s = 2 ** (rng.normal() * spec.scale_std);

    const transposed = d[0] === 0;
    // Source x (column) and y (row) signs; for a transposed image the roles swap (see module comment).
    const sx = transposed ? d[2] : d[0];
    const sy = transposed ? d[1] : d[3];
    transpose[b] = transposed ? 1 : 0;
    const sxShift = transposed ? ty : tx;
    const syShift = transposed ? tx : ty;
    fillResampleMatrix(colMatrix, b * size * size, size, sx, s, sxShift);
    fillResampleMatrix(rowMatrix, b * size * size, size, sy, s, syShift);
    if (transposed || sx !== 1 || sy !== 1 || tx !== 0 || ty !== 0 || s !== 1) anyGeometry = true;

    // Colour: homogeneous 4×4 transforms, composed as C ← T · C in the official order.
    let c = identity4();
    if (on(spec.brightness)) {
      const v = rng.normal() * spec.brightness_std;
      c = mul4([1, 0, 0, v, 0, 1, 0, v, 0, 0, 1, v, 0, 0, 0, 1], c);
    }
    if (on(spec.contrast)) {
      const v = 2 ** (rng.normal() * spec.contrast_std);
      c = mul4([v, 0, 0, 0, 0, v, 0, 0, 0, 0, v, 0, 0, 0, 0, 1], c);
    }
    const l = 1 / Math.sqrt(3); // luma axis (1,1,1)/√3
    if (on(spec.hue)) {
      const theta = (rng.uniform() * 2 - 1) * Math.PI * spec.hue_max;
      const cos = Math.cos(theta);
      const sin = Math.sin(theta);
      const k = 1 - cos;
      // Rodrigues rotation about the unit axis (l, l, l).
      const r = [
        cos + l * l * k, l * l * k - l * sin, l * l * k + l * sin, 0,
        l * l * k + l * sin, cos + l * l * k, l * l * k - l * sin, 0,
        l * l * k - l * sin, l * l * k + l * sin, cos + l * l * k, 0,
        0, 0, 0, 1,
      ];
      c = mul4(r, c);
    }
    if (on(spec.saturation)) {
      const v = 2 ** (rng.normal() * spec.saturation_std);
      const m: Mat4 = identity4();
      for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) m[i * 4 + j] = l * l + ((i === j ? 1 : 0) - l * l) * v;
      c = mul4(m, c);
    }
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 3; j++) colorMatrix[b * 9 + j * 3 + i] = c[i * 4 + j]; // transposed for rgb · M
      colorOffset[b * 3 + i] = c[i * 4 + 3];
    }
    if (c.some((v, i) => v !== identity4()[i])) anyColor = true;
  }

  return {
    n,
    size,
    transpose,
    rowMatrix: anyGeometry ? rowMatrix : null,
    colMatrix: anyGeometry ? colMatrix : null,
    colorMatrix: anyColor ? colorMatrix : null,
    colorOffset: anyColor ? colorOffset : null,
  };
}

/** Applies sampled parameters to NHWC images; every op used is twice differentiable. */
export function applyAugment(images: tf.Tensor4D, params: AugmentParams): tf.Tensor4D {
  const [n, h, w, ch] = images.shape;
  if (n !== params.n || h !== params.size || w !== params.size) {
    throw new Error(`augment: parameters for ${params.n}×${params.size}² but images are [${images.shape}]`);
  }
  return tf.tidy(() => {
    let x: tf.Tensor4D = images;
    if (params.rowMatrix && params.colMatrix) {
      const nTransposed = params.transpose.reduce((a, b) => a + b, 0);
      if (nTransposed === n) {
        x = tf.transpose(x, [0, 2, 1, 3]);
      } else if (nTransposed > 0) {
        const t = tf.tensor4d(params.transpose, [n, 1, 1, 1]);
        x = tf.add(x, tf.mul(t, tf.sub(tf.transpose(x, [0, 2, 1, 3]), x))) as tf.Tensor4D;
      }
      const rows = tf.tensor3d(params.rowMatrix, [n, h, h]);
      const cols = tf.tensor3d(params.colMatrix, [n, w, w]);
      const y = tf.matMul(rows, tf.reshape(x, [n, h, w * ch]) as tf.Tensor3D); // [n, h, w·c]
      const yt = tf.reshape(tf.transpose(tf.reshape(y, [n, h, w, ch]), [0, 2, 1, 3]), [n, w, h * ch]) as tf.Tensor3D;
      const z = tf.matMul(cols, yt); // [n, w, h·c]
      x = tf.transpose(tf.reshape(z, [n, w, h, ch]), [0, 2, 1, 3]) as tf.Tensor4D;
    }
    if (params.colorMatrix && params.colorOffset) {
      if (ch !== 3) throw new Error(`colour augmentation needs 3 channels, got ${ch}`);
      const m = tf.tensor3d(params.colorMatrix, [n, 3, 3]);
      const o = tf.tensor3d(params.colorOffset, [n, 1, 3]);
      const flat = tf.reshape(x, [n, h * w, 3]) as tf.Tensor3D;
      x = tf.reshape(tf.add(tf.matMul(flat, m), o), [n, h, w, 3]) as tf.Tensor4D;
    }
    return x === images ? tf.clone(images) : x;
  });
}

/** Samples and applies augmentation in one call. */
export function augment(images: tf.Tensor4D, p: number, rng: Rng, spec: AugmentSpec = DEFAULT_AUGMENT_SPEC): tf.Tensor4D {
  if (p <= 0) return tf.clone(images);
  const params = sampleAugmentParams(rng, images.shape[0], images.shape[1], p, spec);
  return applyAugment(images, params);
}

/**
 * The ADA controller: every `interval` steps, p moves by
 * sign(E[sign D(real)] − target) · batch·interval / (ada_kimg·1000), so it can
 * go from 0 to 1 in `adaKimg` thousand images. p is clamped to [0, 1].
 */
export class AdaController {
  private signSum = 0;
  private count = 0;

  constructor(
    public p: number,
    readonly target = 0.6,
    readonly interval = 4,
    readonly adaKimg = 500,
  ) {}

  /** Records the signs of one batch of real-image logits. */
  accumulate(realLogits: ArrayLike<number>): void {
    for (let i = 0; i < realLogits.length; i++) this.signSum += Math.sign(realLogits[i]);
    this.count += realLogits.length;
  }

  /** The overfitting heuristic r_t for the pending interval (NaN when nothing was recorded). */
  get rt(): number {
    return this.count === 0 ? NaN : this.signSum / this.count;
  }

  /** Call once per training step (after accumulate); adjusts p every `interval` steps. */
  step(stepIndex: number, batchSize: number): void {
    if ((stepIndex + 1) % this.interval !== 0 || this.count === 0) return;
    const adjust = Math.sign(this.rt - this.target) * ((batchSize * this.interval) / (this.adaKimg * 1000));
    this.p = Math.min(1, Math.max(0, this.p + adjust));
    this.signSum = 0;
    this.count = 0;
  }

  getState(): { p: number; signSum: number; count: number } {
    return { p: this.p, signSum: this.signSum, count: this.count };
  }

  setState(state: { p: number; signSum: number; count: number }): void {
    this.p = state.p;
    this.signSum = state.signSum;
    this.count = state.count;
  }
}
