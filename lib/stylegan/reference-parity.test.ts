import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { activateBackend } from './backend';
import { resolveConfig } from './config';
import { Discriminator } from './discriminator';
import { Generator } from './generator';
import { referenceDiscriminator, referenceGenerator, type Official } from './reference-impl';
import { relL2 } from './test-helpers';

/**
 * Parity for a configuration the official fixture does not cover, against the
 * independent float64 re-statement in reference-impl.ts: conditional G and D,
 * 2 image channels, channel counts that change per resolution, an active
 * conv_clamp, 2 minibatch-stddev channels, a custom cmap_dim.
 */
const CONFIG = resolveConfig({
  generator_kwargs: {
    z_dim: 6,
    c_dim: 2,
    w_dim: 5,
    img_resolution: 16,
    img_channels: 2,
    mapping_kwargs: { num_layers: 2 },
    synthesis_kwargs: { channel_base: 64, channel_max: 8, conv_clamp: 0.6 },
  },
  discriminator_kwargs: {
    c_dim: 2,
    img_resolution: 16,
    img_channels: 2,
    channel_base: 64,
    channel_max: 8,
    conv_clamp: 0.6,
    cmap_dim: 3,
    mapping_kwargs: { num_layers: 2 },
    epilogue_kwargs: { mbstd_group_size: 2, mbstd_num_channels: 2 },
  },
});

function official(net: Generator | Discriminator): Official {
  const tensors = net.toTensors();
  const out: Official = {};
  for (const [name, t] of Object.entries(tensors)) out[name] = { shape: t.shape, data: Float64Array.from(t.dataSync()) };
  tf.dispose(Object.values(tensors));
  return out;
}

function perturb(net: Generator | Discriminator, seed: number): void {
  let i = 0;
  for (const v of [...Object.values(net.params), ...Object.values(net.buffers)]) {
    tf.tidy(() => v.assign(v.add(tf.randomNormal(v.shape, 0, 0.3, 'float32', seed + i++))));
  }
}

beforeAll(async () => {
  await activateBackend('wasm');
});

describe('parity with an independent float64 reference on another configuration', () => {
  const z = Array.from({ length: 4 }, (_, n) => Array.from({ length: 6 }, (__, i) => Math.sin(7 * n + i + 1) * 1.3));
  const c = [
    [1, 0],
    [0, 1],
    [0.5, 0.5],
    [1, 0],
  ];

  it('generator: mapping with truncation cutoff, synthesis with const and with no noise', () => {
    const G = Generator.init(CONFIG.generator_kwargs, 1);
    perturb(G, 100);
    const p = official(G);
    for (const opts of [
      { psi: 1, cutoff: null, noiseMode: 'const' as const },
      { psi: 0.6, cutoff: 3, noiseMode: 'none' as const },
    ]) {
      const ref = referenceGenerator(CONFIG.generator_kwargs, p, z, c, opts);
      const [ws, img] = tf.tidy(() => {
        const wsT = G.mapping(tf.tensor2d(z), { c: tf.tensor2d(c), psi: opts.psi, truncationCutoff: opts.cutoff });
        const imgT = G.synthesis(wsT, { noiseMode: opts.noiseMode }).transpose([0, 3, 1, 2]);
        return [wsT.dataSync(), imgT.dataSync()];
      });
      expect(relL2(ws, ref.ws.flat(2)), `ws ${JSON.stringify(opts)}`).toBeLessThan(1e-5);
      expect(img.length).toBe(ref.img.d.length);
      expect(relL2(img, ref.img.d), `img ${JSON.stringify(opts)}`).toBeLessThan(1e-4);
      // the clamp is really exercised: many toRGB outputs sit at ±conv_clamp in the 4×4 … blocks' sums
      expect(ref.img.d.some((v) => Math.abs(v) > 0.6)).toBe(true);
    }
    G.dispose();
  });

  it('discriminator: conditional projection, mbstd with 2 channels, conv_clamp', () => {
    const D = Discriminator.init(CONFIG.discriminator_kwargs, 2);
    perturb(D, 200);
    const p = official(D);
    const imgData = Float64Array.from({ length: 4 * 2 * 16 * 16 }, (_, i) => Math.sin(i * 0.37) + 0.3 * Math.cos(i * 1.1));
    const ref = referenceDiscriminator(CONFIG.discriminator_kwargs, p, { n: 4, c: 2, h: 16, w: 16, d: imgData }, c);
    const logits = tf.tidy(() => {
      const img = tf.tensor4d(Float32Array.from(imgData), [4, 2, 16, 16]).transpose([0, 2, 3, 1]) as tf.Tensor4D;
      return D.call(img, tf.tensor2d(c)).dataSync();
    });
    expect(logits.length).toBe(4);
    expect(relL2(logits, ref)).toBeLessThan(1e-4);
    D.dispose();
  });
});

describe('the float64 reference itself', () => {
  it('reproduces the official fixture (first sample of img_const_psi0.7, and d_logits_reals)', async () => {
    const fs = await import('node:fs');
    const path = await import('node:path');
    const { readSafetensors } = await import('./safetensors');
    const { readConfig } = await import('./model-io');
    const { FIXTURE_DIR } = await import('./test-helpers');
    const load = (file: string): Official => {
      const out: Official = {};
      for (const [k, t] of Object.entries(readSafetensors(fs.readFileSync(path.join(FIXTURE_DIR, file))).tensors)) {
        out[k] = { shape: t.shape, data: Float64Array.from(t.data) };
      }
      return out;
    };
    const config = readConfig(FIXTURE_DIR);
    const cases = load('cases.safetensors');
    const zDim = config.generator_kwargs.z_dim;
    const z0 = [Array.from(cases.z.data.subarray(0, zDim))];
    const ref = referenceGenerator(config.generator_kwargs, load('G.safetensors'), z0, null, { psi: 0.7, cutoff: null, noiseMode: 'const' });
    const expected = cases['img_const_psi0.7'].data;
    expect(relL2(ref.img.d, expected.subarray(0, ref.img.d.length))).toBeLessThan(1e-5);
    const D = load('D.safetensors');
    for (const [imgKey, logitKey] of [['d_reals', 'd_logits_reals']]) {
      const t = cases[imgKey];
      const logits = referenceDiscriminator(config.discriminator_kwargs, D, { n: t.shape[0], c: t.shape[1], h: t.shape[2], w: t.shape[3], d: t.data }, null);
      expect(relL2(logits, cases[logitKey].data), logitKey).toBeLessThan(1e-5);
    }
  });
});
