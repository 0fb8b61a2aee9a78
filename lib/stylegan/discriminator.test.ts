import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { activateBackend } from './backend';
import { Discriminator, minibatchStd } from './discriminator';
import type { DiscriminatorKwargs } from './config';

const SMALL: DiscriminatorKwargs = {
  c_dim: 0,
  img_resolution: 16,
  img_channels: 3,
  channel_base: 128,
  channel_max: 8,
  conv_clamp: 256,
  epilogue_kwargs: { mbstd_group_size: 2 },
};

function perturbed(config: DiscriminatorKwargs, seed: number): Discriminator {
  const D = Discriminator.init(config, seed);
  for (const v of Object.values(D.params)) tf.tidy(() => v.assign(v.add(tf.randomNormal(v.shape, 0, 0.1, 'float32', seed))));
  return D;
}

/** R1 penalty: Σ (∂ΣD(x)/∂x)² */
function r1Penalty(D: Discriminator, x: tf.Tensor4D): tf.Scalar {
  const grad = tf.grad((img: tf.Tensor) => D.call(img as tf.Tensor4D).sum())(x);
  return grad.square().sum();
}

describe('Discriminator second-order gradients (R1)', () => {
  it('tf.grad of Σ(∂D/∂x)² w.r.t. every D parameter works, is finite and matches finite differences (cpu)', async () => {
    await activateBackend('cpu');
    const D = perturbed(SMALL, 1);
    const x = tf.randomNormal([4, 16, 16, 3], 0, 1, 'float32', 2) as tf.Tensor4D;
    const vars = Object.values(D.params);
    const { value, grads } = tf.variableGrads(() => r1Penalty(D, x), vars);
    // R1 depends on every parameter except the final bias (∂D/∂x does not see it) and the fc
    // bias: after the minibatch-stddev layer nothing but the activation's slope (a + b·sign,
    // piecewise constant) sees it, so its second derivative is exactly zero (torch gives zeros;
    // our leaky ReLU's own gradient leaves it out of the graph, and Adam takes a missing
    // gradient as zero).
    const dependent = vars.filter((v) => v !== D.params['b4.out.bias'] && v !== D.params['b4.fc.bias']);
    expect(Object.keys(grads).sort()).toEqual(dependent.map((v) => v.name).sort());
    for (const v of dependent) {
      const g = grads[v.name].dataSync();
      expect(g.every(Number.isFinite), v.name).toBe(true);
    }
    // every layer on the input-gradient path must receive a non-zero second-order gradient
    for (const name of ['b16.fromrgb.weight', 'b16.conv0.weight', 'b16.conv1.weight', 'b16.skip.weight', 'b4.conv.weight', 'b4.fc.weight', 'b4.out.weight']) {
      expect(tf.tidy(() => grads[D.params[name].name].abs().max().dataSync()[0]), name).toBeGreaterThan(0);
    }
    // Directional finite difference along the output-layer weight. R1 is exactly quadratic in it
    // (it changes no activation pattern), so the central difference is exact up to rounding, while
    // its gradient still flows back through every layer's input-gradient ops.
    const target = D.params['b4.out.weight'];
    const direction = tf.randomNormal(target.shape, 0, 1, 'float32', 3);
    const analytic = tf.tidy(() => grads[target.name].mul(direction).sum().dataSync()[0]);
    const eps = 1e-2;
    const original = target.clone();
    const at = (sign: number) => {
      tf.tidy(() => target.assign(original.add(direction.mul(sign * eps))));
      return tf.tidy(() => r1Penalty(D, x).dataSync()[0]);
    };
    const numeric = (at(1) - at(-1)) / (2 * eps);
    target.assign(original);
    expect(Math.abs(numeric - analytic)).toBeLessThan(1e-3 * Math.abs(analytic) + 1e-5 * Math.abs(value.dataSync()[0]));
    tf.dispose([value, ...Object.values(grads), x, direction, original]);
    D.dispose();
  });

  it('does not leak tensors across a forward/backward (R1 + logits) step on wasm', async () => {
    await activateBackend('wasm');
    const D = perturbed(SMALL, 5);
    const x = tf.randomNormal([4, 16, 16, 3], 0, 1, 'float32', 6) as tf.Tensor4D;
    const step = () => {
      const { value, grads } = tf.variableGrads(() => tf.tidy(() => D.call(x).softplus().mean().add(r1Penalty(D, x).mul(0.5))) as tf.Scalar);
      const finite = Object.values(grads).every((g) => g.dataSync().every(Number.isFinite));
      tf.dispose([value, ...Object.values(grads)]);
      return finite;
    };
    expect(step()).toBe(true); // warm-up
    const before = tf.memory().numTensors;
    expect(step()).toBe(true);
    expect(step()).toBe(true);
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
    D.dispose();
  });
});

describe('minibatch standard deviation', () => {
  it('groups samples n = g·(N/G) + j like the official reshape and appends the group std', async () => {
    await activateBackend('cpu');
    // N = 4, G = 2: groups {0, 2} and {1, 3}
    const x = tf.tensor4d([0, 0, 1, 5, 2, 0, 3, 5], [4, 1, 1, 2]);
    const out = minibatchStd(x, 2, 1).arraySync() as number[][][][];
    const std = (a: number, b: number) => Math.sqrt(((a - b) / 2) ** 2 + 1e-8);
    const g0 = (std(0, 2) + std(0, 0)) / 2; // samples 0 and 2, channels 0 and 1
    const g1 = (std(1, 3) + std(5, 5)) / 2;
    expect(out.map((s) => s[0][0][2])).toEqual([g0, g1, g0, g1].map((v) => Math.fround(v)));
    expect(() => minibatchStd(tf.zeros([3, 1, 1, 2]) as tf.Tensor4D, 2, 1)).toThrow(/not divisible/);
  });
});
