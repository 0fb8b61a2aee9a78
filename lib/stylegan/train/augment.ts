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
 *   - rotations/flips = an optional spatial transpose plus sign flips folded
 *     into the resampling matrices;
 *   - translation and scaling are separable, so an image is resampled by two
 *     2-D matMuls with bilinear interpolation matrices (out = R_y · img · R_xᵀ)
 *     with reflecting borders; without scaling the matrices are permutations
 *     and the result is exact;
 *   - colour is one 3×3 matrix and offset per image (homogeneous 4×4 colour
 *     transforms composed in float64, as in the official pipeline).
 * Only unstack/stack, transpose, reshape, 2-D matMul and add are used (no
 * gather, whose gradient needs UnsortedSegmentSum, missing on wasm).
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
  /** [n, size, size] row-resampling matrices (out row × source row). */
  rowMatrix: Float32Array;
  /** [n, size, size] column-resampling matrices (out column × source column). */
  colMatrix: Float32Array;
  /** [n, 3, 3] colour matrices applied as rgb · M (i.e. Mᵀ of the usual form). */
  colorMatrix: Float32Array;
  /** [n, 3] colour offsets. */
  colorOffset: Float32Array;
  /** Per image: 1 where the row / column resampling or the colour transform is not the identity. */
  rowActive: Uint8Array;
  colActive: Uint8Array;
  colorActive: Uint8Array;
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
  const rowActive = new Uint8Array(n);
  const colActive = new Uint8Array(n);
  const colorActive = new Uint8Array(n);

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
    colActive[b] = transposed || sx !== 1 || sxShift !== 0 || s !== 1 ? 1 : 0;
    rowActive[b] = transposed || sy !== 1 || syShift !== 0 || s !== 1 ? 1 : 0;

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
    const id = identity4();
    colorActive[b] = c.some((v, i) => v !== id[i]) ? 1 : 0;
  }

  return { n, size, transpose, rowMatrix, colMatrix, colorMatrix, colorOffset, rowActive, colActive, colorActive };
}

/** True when no image of the batch is changed. */
export function isIdentity(params: AugmentParams): boolean {
  for (let b = 0; b < params.n; b++) if (params.rowActive[b] || params.colActive[b] || params.colorActive[b]) return false;
  return true;
}

/**
 * Applies sampled parameters to NHWC images; every op used is twice differentiable.
 * Images are transformed one by one with 2-D matMuls (tfjs-wasm's batched matMul is
 * several times slower than a loop of 2-D ones at these sizes) and untouched images
 * are passed through, so the cost is proportional to p.
 */
export function applyAugment(images: tf.Tensor4D, params: AugmentParams): tf.Tensor4D {
  const [n, h, w, ch] = images.shape;
  if (n !== params.n || h !== params.size || w !== params.size) {
    throw new Error(`augment: parameters for ${params.n}×${params.size}² but images are [${images.shape}]`);
  }
  if (isIdentity(params)) return tf.clone(images);
  return tf.tidy(() => {
    const out = tf.unstack(images).map((img, b) => {
      let x = img as tf.Tensor3D; // [h, w, c]
      if (params.transpose[b]) x = tf.transpose(x, [1, 0, 2]);
      if (params.rowActive[b]) {
        const rows = tf.tensor2d(params.rowMatrix.subarray(b * h * h, (b + 1) * h * h), [h, h]);
        x = tf.reshape(tf.matMul(rows, tf.reshape(x, [h, w * ch]) as tf.Tensor2D), [h, w, ch]);
      }
      if (params.colActive[b]) {
        const cols = tf.tensor2d(params.colMatrix.subarray(b * w * w, (b + 1) * w * w), [w, w]);
        const xt = tf.reshape(tf.transpose(x, [1, 0, 2]), [w, h * ch]) as tf.Tensor2D;
        x = tf.transpose(tf.reshape(tf.matMul(cols, xt), [w, h, ch]), [1, 0, 2]);
      }
      if (params.colorActive[b]) {
        if (ch !== 3) throw new Error(`colour augmentation needs 3 channels, got ${ch}`);
        const m = tf.tensor2d(params.colorMatrix.subarray(b * 9, b * 9 + 9), [3, 3]);
        const o = tf.tensor1d(params.colorOffset.subarray(b * 3, b * 3 + 3));
        x = tf.reshape(tf.add(tf.matMul(tf.reshape(x, [h * w, 3]) as tf.Tensor2D, m), o), [h, w, 3]);
      }
      return x;
    });
    return tf.stack(out) as tf.Tensor4D;
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
