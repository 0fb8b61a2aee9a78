import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { activateBackend } from './backend';
import { clampSymmetric, conv2dTransposeStride2, leakyReluGain, upfirdn2d, upsample2d } from './ops';
import { relL2 } from './test-helpers';

beforeAll(async () => {
  await activateBackend('cpu');
});

describe('ops', () => {
  it('polyphase stride-2 transposed conv equals tf.conv2dTranspose (plus one zero row/column)', () => {
    for (const k of [3, 5]) {
      const x = tf.randomNormal([2, 5, 4, 3], 0, 1, 'float32', k) as tf.Tensor4D;
      const w = tf.randomNormal([k, k, 3, 6], 0, 1, 'float32', 10 + k) as tf.Tensor4D; // HWIO
      const ours = conv2dTransposeStride2(x, w);
      const outH = 2 * 5 + k - 2;
      const outW = 2 * 4 + k - 2;
      expect(ours.shape).toEqual([2, outH + 1, outW + 1, 6]);
      const ref = tf.conv2dTranspose(x, w.transpose([0, 1, 3, 2]) as tf.Tensor4D, [2, outH, outW, 6], 2, 'valid');
      const core = ours.slice([0, 0, 0, 0], [-1, outH, outW, -1]);
      expect(relL2(core.dataSync(), ref.dataSync()), `k=${k}`).toBeLessThan(1e-6);
      const extraRow = ours.slice([0, outH, 0, 0], [-1, 1, -1, -1]).abs().max().dataSync()[0];
      const extraCol = ours.slice([0, 0, outW, 0], [-1, -1, 1, -1]).abs().max().dataSync()[0];
      expect([extraRow, extraCol]).toEqual([0, 0]);
    }
    expect(() => conv2dTransposeStride2(tf.zeros([1, 2, 2, 1]) as tf.Tensor4D, tf.zeros([1, 1, 1, 1]) as tf.Tensor4D)).toThrow(/≥ 3/);
  });

  it('leaky ReLU and clamp match their definitions, with gradients of gradients', () => {
    const x = tf.tensor1d([-3, -0.5, 0, 0.25, 2, 300]);
    const expected = [-1.2, -0.2, 0, 0.5, 4, 600];
    Array.from(leakyReluGain(x, 2).dataSync()).forEach((v, i) => expect(v).toBeCloseTo(expected[i], 6));
    expect(Array.from(clampSymmetric(x, 1).dataSync())).toEqual([-1, -0.5, 0, 0.25, 1, 1]);
    // d/dx of (d/dx Σ lrelu(x)²) = 2·slope² : second order must exist and be right
    const f = (t: tf.Tensor) => leakyReluGain(t, 1).square().sum();
    const gg = tf.grad((t: tf.Tensor) => tf.grad(f)(t).sum())(tf.tensor1d([-2, 3]));
    const second = [2 * 0.2 * 0.2, 2];
    Array.from(gg.dataSync()).forEach((v, i) => expect(v).toBeCloseTo(second[i], 6));
  });

  it('upsample2d with [1,3,3,1] is the official 0.25/0.75 polyphase interpolation', () => {
    const x = tf.tensor4d([0, 4, 8, 12], [1, 1, 4, 1]);
    const y = upsample2d(x.tile([1, 4, 1, 1]) as tf.Tensor4D, [1, 3, 3, 1]).slice([0, 3, 0, 0], [1, 1, -1, 1]);
    // interior columns: out[2t] = 0.25·x[t−1] + 0.75·x[t], out[2t+1] = 0.75·x[t] + 0.25·x[t+1] (zero padding at the ends)
    expect(Array.from(y.dataSync())).toEqual([0, 1, 3, 5, 7, 9, 11, 9]);
  });

  it('filters a layer too large for one WebGPU dispatch (channels folded) exactly as each channel alone', async () => {
    // Upsampled to 260 × 260 × 64 it is over the fold threshold (H·W·C > 2^20); 8 channels alone are not.
    const x = tf.randomNormal([1, 130, 130, 64], 0, 1, 'float32', 4) as tf.Tensor4D;
    const f = [1, 3, 3, 1];
    const whole = upfirdn2d(x, f, { up: 2, padding: [2, 1, 2, 1], gain: 4 });
    const part = upfirdn2d(x.slice([0, 0, 0, 0], [-1, -1, -1, 8]) as tf.Tensor4D, f, { up: 2, padding: [2, 1, 2, 1], gain: 4 });
    const wholePart = whole.slice([0, 0, 0, 0], [-1, -1, -1, 8]);
    expect(whole.shape).toEqual([1, 260, 260, 64]);
    expect(Array.from(await wholePart.data())).toEqual(Array.from(await part.data()));
    tf.dispose([x, whole, part, wholePart]);
  });
});
