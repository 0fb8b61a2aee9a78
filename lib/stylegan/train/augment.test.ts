import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-cpu';
import { AdaController, DEFAULT_AUGMENT_SPEC, applyAugment, augment, sampleAugmentParams, type AugmentSpec } from './augment';
import { Rng } from './rng';
import { relativeError, useBackend, values } from '../kernels/wasm-test-backend';

const N = 6;
const S = 8;

/** Only the named transforms switched on. */
function only(...names: (keyof AugmentSpec)[]): AugmentSpec {
  const spec = { ...DEFAULT_AUGMENT_SPEC };
  for (const k of ['xflip', 'rotate90', 'xint', 'scale', 'brightness', 'contrast', 'hue', 'saturation'] as const) spec[k] = 0;
  for (const k of names) spec[k] = 1;
  return spec;
}

/** Random test images [n, s, s, 3] with distinct pixel values. */
function images(seed: number, n = N, s = S): Float32Array {
  return Rng.fromSeed(seed).normalArray(n * s * s * 3);
}

type Img = number[][][]; // [y][x][c]
function toImgs(v: Float32Array, n: number, s: number): Img[] {
  const out: Img[] = [];
  for (let b = 0; b < n; b++) {
    const img: Img = [];
    for (let y = 0; y < s; y++) {
      const row: number[][] = [];
      for (let x = 0; x < s; x++) row.push(Array.from(v.subarray(((b * s + y) * s + x) * 3, ((b * s + y) * s + x) * 3 + 3)));
      img.push(row);
    }
    out.push(img);
  }
  return out;
}
const rot90 = (a: Img): Img => a.map((_, y) => a.map((_, x) => a[x][a.length - 1 - y]));
const flipX = (a: Img): Img => a.map((row) => [...row].reverse());
function dihedral(a: Img): Img[] {
  const out: Img[] = [];
  let r = a;
  for (let k = 0; k < 4; k++) {
    out.push(r, flipX(r));
    r = rot90(r);
  }
  return out;
}
function close(a: Img, b: Img, tol = 1e-5): boolean {
  return a.every((row, y) => row.every((px, x) => px.every((v, c) => Math.abs(v - b[y][x][c]) <= tol)));
}
const reflect = (i: number, s: number) => {
  const p = 2 * (s - 1);
  let r = ((i % p) + p) % p;
  if (r >= s) r = p - r;
  return r;
};
const shift = (a: Img, tx: number, ty: number): Img => a.map((_, y) => a.map((_, x) => a[reflect(y - ty, a.length)][reflect(x - tx, a.length)]));

describe('ADA augmentation', () => {
  beforeAll(async () => {
    await useBackend('wasm');
  });

  it('is the identity at p = 0 and leaks no tensors', () => {
    const x = tf.tensor4d(images(1), [N, S, S, 3]);
    const before = tf.memory().numTensors;
    const y = augment(x, 0, Rng.fromSeed(1));
    expect(Array.from(y.dataSync())).toEqual(Array.from(x.dataSync()));
    y.dispose();
    const z = augment(x, 1, Rng.fromSeed(2));
    z.dispose();
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
  });

  it('x-flip and 90° rotations give exactly one of the 8 symmetries of each image, all of them used', () => {
    const v = images(2, 64);
    const x = tf.tensor4d(v, [64, S, S, 3]);
    const y = augment(x, 1, Rng.fromSeed(3), only('xflip', 'rotate90'));
    const ins = toImgs(v, 64, S);
    const outs = toImgs(y.dataSync() as Float32Array, 64, S);
    const seen = new Set<number>();
    for (let b = 0; b < 64; b++) {
      const k = dihedral(ins[b]).findIndex((cand) => close(cand, outs[b]));
      expect(k).toBeGreaterThanOrEqual(0);
      seen.add(k);
    }
    expect(seen.size).toBe(8);
    tf.dispose([x, y]);
  });

  it('integer translation shifts each image by whole pixels with reflected borders', () => {
    const v = images(4, 16, 16);
    const x = tf.tensor4d(v, [16, 16, 16, 3]);
    const y = augment(x, 1, Rng.fromSeed(5), only('xint'));
    const ins = toImgs(v, 16, 16);
    const outs = toImgs(y.dataSync() as Float32Array, 16, 16);
    let moved = 0;
    for (let b = 0; b < 16; b++) {
      let found: [number, number] | null = null;
      for (let tx = -2; tx <= 2 && !found; tx++) for (let ty = -2; ty <= 2 && !found; ty++) if (close(shift(ins[b], tx, ty), outs[b])) found = [tx, ty];
      expect(found).not.toBeNull();
      if (found && (found[0] !== 0 || found[1] !== 0)) moved++;
    }
    expect(moved).toBeGreaterThan(8);
    tf.dispose([x, y]);
  });

  it('isotropic scaling resamples with weights that sum to one (constant images stay constant)', () => {
    const x = tf.fill([N, S, S, 3], 0.37) as tf.Tensor4D;
    const params = sampleAugmentParams(Rng.fromSeed(6), N, S, 1, only('scale'));
    expect(params.rowActive.some((v) => v === 1)).toBe(true);
    const y = applyAugment(x, params);
    for (const val of y.dataSync()) expect(val).toBeCloseTo(0.37, 5);
    tf.dispose([x, y]);
  });

  it('colour transforms do what they say', () => {
    const v = images(7);
    const x = tf.tensor4d(v, [N, S, S, 3]);
    const luma = (a: ArrayLike<number>, i: number) => (a[3 * i] + a[3 * i + 1] + a[3 * i + 2]) / 3;
    const px = N * S * S;
    for (const name of ['hue', 'saturation'] as const) {
      // Hue rotates and saturation scales around the grey axis: the channel mean is untouched.
      const y = augment(x, 1, Rng.fromSeed(8), only(name)).dataSync();
      let changed = 0;
      for (let i = 0; i < px; i++) {
        expect(luma(y, i)).toBeCloseTo(luma(v, i), 4);
        if (Math.abs(y[3 * i] - v[3 * i]) > 1e-3) changed++;
      }
      expect(changed).toBeGreaterThan(px / 2);
    }
    // Brightness adds one constant per image.
    const b = augment(x, 1, Rng.fromSeed(9), only('brightness')).dataSync();
    for (let img = 0; img < N; img++) {
      const d0 = b[img * S * S * 3] - v[img * S * S * 3];
      expect(Math.abs(d0)).toBeGreaterThan(0);
      for (let i = 0; i < S * S * 3; i++) expect(b[img * S * S * 3 + i] - v[img * S * S * 3 + i]).toBeCloseTo(d0, 4);
    }
    // Contrast multiplies by one positive factor per image.
    const c = augment(x, 1, Rng.fromSeed(10), only('contrast')).dataSync();
    for (let img = 0; img < N; img++) {
      const k = c[img * S * S * 3] / v[img * S * S * 3];
      expect(k).toBeGreaterThan(0);
      for (let i = 1; i < S * S * 3; i++) expect(c[img * S * S * 3 + i]).toBeCloseTo(v[img * S * S * 3 + i] * k, 4);
    }
    x.dispose();
  });

  it('applies each transform to a fraction p of the images', () => {
    const n = 4000;
    const params = sampleAugmentParams(Rng.fromSeed(11), n, 4, 0.3, only('brightness'));
    let applied = 0;
    for (let b = 0; b < n; b++) if (params.colorActive[b]) applied++;
    expect(applied / n).toBeGreaterThan(0.27);
    expect(applied / n).toBeLessThan(0.33);
  });

  /** First and second-order gradients through augmentation and a small conv "discriminator". */
  function gradients(xv: Float32Array, wv: Float32Array, p: number) {
    const params = sampleAugmentParams(Rng.fromSeed(12), N, S, p, DEFAULT_AUGMENT_SPEC);
    return tf.tidy(() => {
      const x = tf.tensor4d(xv, [N, S, S, 3]);
      const w = tf.tensor4d(wv, [3, 3, 3, 4]);
      const d = (img: tf.Tensor4D, filt: tf.Tensor4D) => {
        const h = tf.conv2d(applyAugment(img, params), filt, 2, 'same');
        return tf.sum(tf.mul(h, tf.tanh(h)));
      };
      const gx = tf.grad((img: tf.Tensor) => d(img as tf.Tensor4D, w))(x);
      const r1 = tf.grad((filt: tf.Tensor) => {
        const g = tf.grad((img: tf.Tensor) => d(img as tf.Tensor4D, filt as tf.Tensor4D))(x);
        return tf.sum(tf.square(g));
      })(w);
      return [gx, r1];
    });
  }

  it('is differentiable twice (R1 through the augmentation) and agrees with the cpu backend', async () => {
    const xv = images(13);
    const wv = Rng.fromSeed(14).normalArray(3 * 3 * 3 * 4, 0.3);
    await useBackend('cpu');
    const ref = await Promise.all(gradients(xv, wv, 0.8).map(async (t) => { const r = await values(t); t.dispose(); return r; }));
    await useBackend('wasm');
    const got = gradients(xv, wv, 0.8);
    for (let i = 0; i < 2; i++) {
      const g = await values(got[i]);
      expect(g.some((v) => v !== 0)).toBe(true);
      expect(relativeError(g, ref[i])).toBeLessThan(1e-4);
    }
    tf.dispose(got);
  });
});

describe('AdaController', () => {
  it('raises p at the official speed while D is overconfident on reals, and never leaves [0, 1]', () => {
    const ada = new AdaController(0, 0.6, 4, 500);
    const batch = 16;
    for (let step = 0; step < 40; step++) {
      ada.accumulate(new Array(batch).fill(1.5)); // every real judged real: r_t = 1 > 0.6
      ada.step(step, batch);
    }
    // 10 adjustments of batch·interval/(ada_kimg·1000) each.
    expect(ada.p).toBeCloseTo((10 * batch * 4) / 500_000, 12);
    for (let step = 40; step < 200; step++) {
      ada.accumulate(new Array(batch).fill(-1));
      ada.step(step, batch);
    }
    expect(ada.p).toBe(0);
  });

  it('keeps its pending statistics in its state', () => {
    const a = new AdaController(0.2);
    a.accumulate([1, -1, 1]);
    const b = new AdaController(0);
    b.setState(JSON.parse(JSON.stringify(a.getState())));
    expect(b.rt).toBeCloseTo(1 / 3, 12);
    expect(b.p).toBe(0.2);
  });
});
