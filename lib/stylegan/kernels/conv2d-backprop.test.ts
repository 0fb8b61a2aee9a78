import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-cpu';
import { registerWasmTrainingKernels, unregisterWasmTrainingKernels, wasmTrainingKernelsRegistered } from './index';
import { setIm2colBlockLimit } from './conv2d-backprop';
import { relativeError, useBackend, values } from './wasm-test-backend';

type Pad = 'same' | 'valid' | [[number, number], [number, number], [number, number], [number, number]];

interface Case {
  x: [number, number, number, number];
  k: [number, number];
  cout: number;
  stride: 1 | 2;
  pad: Pad;
}

/** Deterministic pseudo-random values in [-1, 1) (independent of any backend RNG). */
function fill(size: number, seed: number): Float32Array {
  const out = new Float32Array(size);
  let s = seed >>> 0;
  for (let i = 0; i < size; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s / 2 ** 31 - 1;
  }
  return out;
}

const explicit = (t: number, b: number, l: number, r: number): Pad => [
  [0, 0],
  [t, b],
  [l, r],
  [0, 0],
];

const cases: Case[] = [];
for (const stride of [1, 2] as const) {
  for (const pad of ['same', 'valid', explicit(1, 1, 1, 1), explicit(2, 0, 0, 1)] as Pad[]) {
    cases.push({ x: [2, 8, 8, 3], k: [3, 3], cout: 4, stride, pad });
    cases.push({ x: [3, 7, 9, 5], k: [3, 3], cout: 2, stride, pad });
    cases.push({ x: [2, 6, 6, 4], k: [1, 1], cout: 3, stride, pad });
    cases.push({ x: [1, 9, 8, 2], k: [4, 4], cout: 3, stride, pad });
    cases.push({ x: [2, 5, 6, 6], k: [2, 3], cout: 1, stride, pad });
  }
}

// Large enough (≥ 256 outputs per image) for the im2col weight gradient.
for (const pad of ['same', 'valid', explicit(2, 0, 0, 1)] as Pad[]) {
  cases.push({ x: [2, 18, 17, 5], k: [3, 3], cout: 4, stride: 1, pad });
  cases.push({ x: [1, 20, 19, 3], k: [2, 3], cout: 2, stride: 1, pad });
  cases.push({ x: [2, 34, 33, 4], k: [3, 3], cout: 3, stride: 2, pad });
  cases.push({ x: [1, 33, 35, 3], k: [1, 1], cout: 2, stride: 2, pad });
}

const padName = (p: Pad) => (typeof p === 'string' ? p : `explicit${JSON.stringify(p.slice(1, 3))}`);

/** First-order gradients of a weighted sum of conv2d outputs w.r.t. x and the filter. */
async function firstOrder(c: Case, xv: Float32Array, wv: Float32Array, gv: Float32Array) {
  return tf.tidy(() => {
    const x = tf.tensor4d(xv, c.x);
    const w = tf.tensor4d(wv, [c.k[0], c.k[1], c.x[3], c.cout]);
    const f = (a: tf.Tensor, b: tf.Tensor) => {
      const y = tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, c.stride, c.pad);
      return tf.sum(tf.mul(y, tf.tensor(gv, y.shape)));
    };
    return tf.grads(f)([x, w]);
  });
}

function outShape(c: Case): number[] {
  return tf.tidy(() => tf.conv2d(tf.zeros(c.x) as tf.Tensor4D, tf.zeros([c.k[0], c.k[1], c.x[3], c.cout]) as tf.Tensor4D, c.stride, c.pad).shape);
}

describe('wasm Conv2D gradient kernels', () => {
  beforeAll(async () => {
    await useBackend('wasm');
  });
  afterAll(async () => {
    await useBackend('wasm');
  });

  it('registration is idempotent and reversible', async () => {
    registerWasmTrainingKernels();
    registerWasmTrainingKernels();
    expect(wasmTrainingKernelsRegistered()).toBe(true);
    unregisterWasmTrainingKernels();
    expect(wasmTrainingKernelsRegistered()).toBe(false);
    expect(tf.getKernel('Conv2DBackpropFilter', 'wasm')).toBeUndefined();
    expect(tf.getKernel('Conv2DBackpropInput', 'wasm')).toBeDefined();
    registerWasmTrainingKernels();
    expect(wasmTrainingKernelsRegistered()).toBe(true);
  });

  it.each(cases.map((c) => [`x${c.x.join('x')} k${c.k.join('x')}→${c.cout} s${c.stride} ${padName(c.pad)}`, c] as const))(
    'first-order gradients match cpu: %s',
    async (_name, c) => {
      const xv = fill(c.x.reduce((a, b) => a * b), 1);
      const wv = fill(c.k[0] * c.k[1] * c.x[3] * c.cout, 2);
      await useBackend('cpu');
      const ys = outShape(c);
      const gv = fill(ys.reduce((a, b) => a * b), 3);
      const [cx, cw] = await firstOrder(c, xv, wv, gv);
      const ref = [await values(cx), await values(cw)];
      tf.dispose([cx, cw]);

      await useBackend('wasm');
      const before = tf.memory().numTensors;
      const [wx, ww] = await firstOrder(c, xv, wv, gv);
      expect(wx.shape).toEqual(c.x);
      expect(ww.shape).toEqual([c.k[0], c.k[1], c.x[3], c.cout]);
      const got = [await values(wx), await values(ww)];
      tf.dispose([wx, ww]);
      expect(tf.memory().numTensors).toBe(before);
      expect(relativeError(got[0], ref[0])).toBeLessThan(1e-5);
      expect(relativeError(got[1], ref[1])).toBeLessThan(1e-5);
    },
  );

  it('im2col weight gradient in chunks of images (small block limit) matches cpu', async () => {
    const c: Case = { x: [5, 17, 16, 6], k: [3, 3], cout: 3, stride: 1, pad: 'same' };
    const xv = fill(c.x.reduce((a, b) => a * b), 41);
    const wv = fill(3 * 3 * 6 * 3, 42);
    await useBackend('cpu');
    const gv = fill(outShape(c).reduce((a, b) => a * b), 43);
    const [, cw] = await firstOrder(c, xv, wv, gv);
    const ref = await values(cw);
    cw.dispose();
    await useBackend('wasm');
    // One image's block is 9·6·272 floats: two images per chunk, three chunks for five images.
    const old = setIm2colBlockLimit(2 * 9 * 6 * 17 * 16);
    try {
      const before = tf.memory().numTensors;
      const [wx, ww] = await firstOrder(c, xv, wv, gv);
      expect(relativeError(await values(ww), ref)).toBeLessThan(1e-5);
      tf.dispose([wx, ww]);
      expect(tf.memory().numTensors).toBe(before);
    } finally {
      setIm2colBlockLimit(old);
    }
  });

  /** R1-style: gradient w.r.t. the filters of ‖∂D/∂x‖² for a two-layer conv net. */
  async function secondOrder(xv: Float32Array, w1v: Float32Array, w2v: Float32Array) {
    return tf.tidy(() => {
      const x = tf.tensor4d(xv, [2, 8, 8, 3]);
      const w1 = tf.tensor4d(w1v, [3, 3, 3, 4]);
      const w2 = tf.tensor4d(w2v, [3, 3, 4, 2]);
      const d = (img: tf.Tensor4D, a: tf.Tensor4D, b: tf.Tensor4D) => {
        const h = tf.conv2d(img, a, 1, 'same');
        const act = tf.mul(h, tf.add(0.6, tf.mul(0.4, tf.tanh(h)))); // smooth, twice differentiable
        return tf.sum(tf.conv2d(act as tf.Tensor4D, b, 2, 'same'));
      };
      const penalty = (a: tf.Tensor, b: tf.Tensor) => {
        const gx = tf.grad((img: tf.Tensor) => d(img as tf.Tensor4D, a as tf.Tensor4D, b as tf.Tensor4D))(x);
        return tf.sum(tf.square(gx));
      };
      return tf.grads(penalty)([w1, w2]);
    });
  }

  it('second-order gradients (grad of grad through conv2d, as in R1) match cpu', async () => {
    const xv = fill(2 * 8 * 8 * 3, 11);
    const w1v = fill(3 * 3 * 3 * 4, 12);
    const w2v = fill(3 * 3 * 4 * 2, 13);
    await useBackend('cpu');
    const ref = await Promise.all((await secondOrder(xv, w1v, w2v)).map(async (t) => {
      const v = await values(t);
      t.dispose();
      return v;
    }));
    await useBackend('wasm');
    const before = tf.memory().numTensors;
    const got = await secondOrder(xv, w1v, w2v);
    for (let i = 0; i < got.length; i++) {
      const v = await values(got[i]);
      expect(relativeError(v, ref[i])).toBeLessThan(1e-5);
      expect(Math.max(...ref[i].map(Math.abs))).toBeGreaterThan(0);
    }
    tf.dispose(got);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('conv2dTranspose (stride-2 upsampling) and its gradients match cpu', async () => {
    const xv = fill(2 * 4 * 4 * 6, 21);
    const wv = fill(3 * 3 * 5 * 6, 22);
    const run = () =>
      tf.tidy(() => {
        const x = tf.tensor4d(xv, [2, 4, 4, 6]);
        const w = tf.tensor4d(wv, [3, 3, 5, 6]);
        const f = (a: tf.Tensor, b: tf.Tensor) => {
          const y = tf.conv2dTranspose(a as tf.Tensor4D, b as tf.Tensor4D, [2, 9, 9, 5], 2, 'valid');
          return tf.sum(tf.mul(y, tf.sin(tf.range(0, y.size).reshape(y.shape))));
        };
        const y = tf.conv2dTranspose(x, w, [2, 9, 9, 5], 2, 'valid');
        return [y, ...tf.grads(f)([x, w])];
      });
    await useBackend('cpu');
    const ref = await Promise.all(run().map(async (t) => { const v = await values(t); t.dispose(); return v; }));
    await useBackend('wasm');
    const got = run();
    for (let i = 0; i < got.length; i++) expect(relativeError(await values(got[i]), ref[i])).toBeLessThan(1e-5);
    tf.dispose(got);
  });
});

describe('wasm Unpack kernel', () => {
  it.each([
    [[16, 5, 2, 10, 3], 2],
    [[4, 3, 3, 2, 5], 3],
    [[2, 3, 4], 0],
    [[2, 3, 4], -1],
    [[6, 7], 1],
    [[3, 4, 2, 5, 8], 2],
  ] as const)('unstack of %j along axis %d and its gradient match cpu, without leaks', async (shape, axis) => {
    const size = shape.reduce((a, b) => a * b, 1);
    const xv = fill(size, 31);
    const run = () =>
      tf.tidy(() => {
        const x = tf.tensor(xv, [...shape]);
        const parts = tf.unstack(x, axis);
        const g = tf.grad((a: tf.Tensor) => tf.addN(tf.unstack(a, axis).map((p, i) => tf.mul(p, i + 1).square().sum())))(x);
        return [...parts, g];
      });
    await useBackend('cpu');
    const ref = await Promise.all(run().map(async (t) => { const v = await values(t); t.dispose(); return v; }));
    await useBackend('wasm');
    const before = tf.memory().numTensors;
    const got = run();
    expect(got.length).toBe(ref.length);
    for (let i = 0; i < got.length; i++) expect(Array.from(await values(got[i]))).toEqual(Array.from(ref[i]));
    tf.dispose(got);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('wasm Identity kernel', () => {
  it('clones share the buffer safely: values survive disposing either side, no leaks, strings still work', async () => {
    await useBackend('wasm');
    const before = tf.memory().numTensors;
    const bytesBefore = tf.memory().numBytes;
    const a = tf.tensor([1, 2, 3, 4], [2, 2]);
    const b = tf.clone(a);
    const c = tf.clone(b);
    a.dispose();
    expect(Array.from(b.dataSync())).toEqual([1, 2, 3, 4]);
    b.dispose();
    expect(Array.from(c.dataSync())).toEqual([1, 2, 3, 4]);
    const v = tf.variable(c);
    const inc = tf.add(v, 1);
    v.assign(inc);
    inc.dispose();
    expect(Array.from(c.dataSync())).toEqual([1, 2, 3, 4]);
    expect(Array.from(v.dataSync())).toEqual([2, 3, 4, 5]);
    tf.dispose([c, v]);
    const str = tf.tensor(['x', 'y']);
    const s = tf.clone(str);
    str.dispose();
    expect(s.dataSync()).toEqual(['x', 'y']);
    tf.dispose(s);
    expect(tf.memory().numBytes).toBe(bytesBefore);
    expect(tf.memory().numTensors).toBe(before);
  });
});
