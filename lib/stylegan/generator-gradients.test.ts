import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { activateBackend } from './backend';
import { Generator } from './generator';
import { seedsToZTensor } from './synthesize';
import { relL2 } from './test-helpers';

const CONFIG = {
  z_dim: 8,
  w_dim: 8,
  img_resolution: 16,
  img_channels: 3,
  mapping_kwargs: { num_layers: 2 },
  synthesis_kwargs: { channel_base: 128, channel_max: 8, conv_clamp: 256 },
};

/**
 * Gradients of a generator loss with a path-length-style second-order term:
 * ‖∂Σ(img·y)/∂ws‖² differentiated again w.r.t. every parameter.
 */
function generatorGrads(): Record<string, Float32Array> {
  const G = Generator.init(CONFIG, 3);
  for (const v of Object.values(G.params)) tf.tidy(() => v.assign(v.add(tf.randomNormal(v.shape, 0, 0.1, 'float32', 4))));
  const z = seedsToZTensor([1, 2], 8);
  const y = tf.randomNormal([2, 16, 16, 3], 0, 1, 'float32', 5);
  const noise = G.noiseShapes(2).map((s, i) => tf.randomNormal(s, 0, 1, 'float32', 10 + i));
  const vars = Object.values(G.params);
  const { value, grads } = tf.variableGrads(() => {
    const ws = G.mapping(z);
    const img = G.synthesis(ws, { noiseMode: 'random', noise });
    const plGrad = tf.grad((w: tf.Tensor) => G.synthesis(w as tf.Tensor3D, { noiseMode: 'random', noise }).mul(y).sum())(ws);
    return img.square().mean().add(plGrad.square().sum().mul(0.01)) as tf.Scalar;
  }, vars);
  const out: Record<string, Float32Array> = { loss: value.dataSync() as Float32Array };
  const byName = new Map(Object.entries(G.params).map(([k, v]) => [v.name, k]));
  for (const [name, g] of Object.entries(grads)) out[byName.get(name)!] = g.dataSync() as Float32Array;
  tf.dispose([value, ...Object.values(grads), z, y, ...noise]);
  G.dispose();
  return out;
}

describe('generator gradients (training path)', () => {
  it('first- and second-order (path-length) gradients reach every parameter and agree between wasm and cpu', async () => {
    await activateBackend('cpu');
    const cpu = generatorGrads();
    await activateBackend('wasm');
    const wasm = generatorGrads();
    const names = Object.keys(cpu).filter((k) => k !== 'loss');
    const G = Generator.init(CONFIG, 3);
    expect(names.sort()).toEqual(Object.keys(G.params).sort());
    G.dispose();
    expect(relL2(wasm.loss, cpu.loss)).toBeLessThan(1e-5);
    for (const name of names) {
      expect(cpu[name].every(Number.isFinite), name).toBe(true);
      expect(cpu[name].some((v) => v !== 0), name).toBe(true);
      expect(relL2(wasm[name], cpu[name]), name).toBeLessThan(1e-3);
    }
  });
});
