import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { activateBackend } from './backend';
import { resolveConfig, type PartialGeneratorKwargs } from './config';
import { Discriminator } from './discriminator';
import { Generator } from './generator';
import { mixAtCutoff, mixWs } from './mixing';
import { networkToSafetensors, safetensorsToTensors } from './model-io';
import { renderSeeds, seedsToZTensor, toPng } from './synthesize';
import sharp from 'sharp';

/** A configuration unlike the fixture: 64 px, 1 image channel, conditional, other widths, active conv_clamp. */
const OTHER: PartialGeneratorKwargs = {
  z_dim: 24,
  c_dim: 3,
  w_dim: 40,
  img_resolution: 64,
  img_channels: 1,
  mapping_kwargs: { num_layers: 2 },
  synthesis_kwargs: { channel_base: 256, channel_max: 16, conv_clamp: 0.5 },
};

beforeAll(async () => {
  await activateBackend('wasm');
});

function loadFromBytes(bytes: Uint8Array, build: (t: Record<string, tf.Tensor>) => Generator | Discriminator) {
  const tensors = safetensorsToTensors(bytes);
  try {
    return build(tensors);
  } finally {
    Object.values(tensors).forEach((t) => t.dispose());
  }
}

describe('Generator', () => {
  it('derives layers from the config: num_ws, channel counts, resolution and channels of the output', () => {
    const G = Generator.init(OTHER, 1);
    expect(G.numWs).toBe(10);
    expect(G.params['synthesis.b64.conv1.weight'].shape).toEqual([3, 3, 4, 4]); // 256/64 = 4 channels, HWIO
    expect(G.params['synthesis.b8.conv0.weight'].shape).toEqual([3, 3, 16, 16]);
    expect(G.params['mapping.embed.weight'].shape).toEqual([3, 40]);
    const img = tf.tidy(() => G.synthesis(G.mapping(seedsToZTensor([1, 2], 24), { c: tf.eye(3).slice([0, 0], [2, 3]) as tf.Tensor2D })));
    expect(img.shape).toEqual([2, 64, 64, 1]);
    // conv_clamp 0.5 on toRGB: every block adds at most 0.5 + upsampled previous image
    expect(img.abs().max().dataSync()[0]).toBeLessThanOrEqual(0.5 * 5 * 1.0001);
    img.dispose();
    G.dispose();
  });

  it('init is deterministic in the seed', () => {
    const a = Generator.init(OTHER, 7);
    const b = Generator.init(OTHER, 7);
    const c = Generator.init(OTHER, 8);
    const name = 'synthesis.b16.conv0.weight';
    expect(Array.from(a.params[name].dataSync())).toEqual(Array.from(b.params[name].dataSync()));
    expect(Array.from(a.params[name].dataSync())).not.toEqual(Array.from(c.params[name].dataSync()));
    [a, b, c].forEach((g) => g.dispose());
  });

  it('computes the same function after a safetensors save → load round trip (another configuration, G and D)', async () => {
    const config = resolveConfig({ generator_kwargs: OTHER });
    const G = Generator.init(config.generator_kwargs, 3);
    const D = Discriminator.init(config.discriminator_kwargs, 4);
    // perturb the zero-initialised biases/strengths/w_avg so that every tensor matters
    for (const v of [...Object.values(G.params), ...Object.values(G.buffers), ...Object.values(D.params)]) {
      tf.tidy(() => v.assign(v.add(tf.randomNormal(v.shape, 0, 0.1, 'float32', 5))));
    }
    const G2 = loadFromBytes(await networkToSafetensors(G), (t) => Generator.fromTensors(config.generator_kwargs, t)) as Generator;
    const D2 = loadFromBytes(await networkToSafetensors(D), (t) => Discriminator.fromTensors(config.discriminator_kwargs, t)) as Discriminator;
    const run = (g: Generator, d: Discriminator) =>
      tf.tidy(() => {
        const z = seedsToZTensor([10, 11, 12, 13], 24);
        const c = tf.oneHot(tf.tensor1d([0, 1, 2, 1], 'int32'), 3).toFloat() as tf.Tensor2D;
        const ws = g.mapping(z, { c, psi: 0.6, truncationCutoff: 5 });
        const img = g.synthesis(ws, { noiseMode: 'const' });
        return [ws.dataSync(), img.dataSync(), d.call(img, c).dataSync()].map((a) => Array.from(a));
      });
    const [a, b] = [run(G, D), run(G2, D2)];
    expect(b[0]).toEqual(a[0]);
    expect(b[1]).toEqual(a[1]);
    expect(b[2]).toEqual(a[2]);
    // float16 storage: same function up to half-precision weight rounding
    const G3 = loadFromBytes(await networkToSafetensors(G, { dtype: 'F16' }), (t) => Generator.fromTensors(config.generator_kwargs, t)) as Generator;
    const c3 = run(G3, D);
    let diff = 0;
    let norm = 0;
    c3[1].forEach((v, i) => {
      diff += (v - a[1][i]) ** 2;
      norm += a[1][i] ** 2;
    });
    expect(Math.sqrt(diff / norm)).toBeLessThan(1e-2);
    [G, G2, G3, D, D2].forEach((n) => n.dispose());
  });
});

describe('truncation and w_avg', () => {
  it('per-layer psi equals psi with a cutoff, and psi = 0 gives w_avg', () => {
    const G = Generator.init(OTHER, 2);
    tf.tidy(() => G.wAvg!.assign(tf.randomNormal([40], 0, 1, 'float32', 9)));
    const c = tf.oneHot(tf.tensor1d([0, 2], 'int32'), 3).toFloat() as tf.Tensor2D;
    const z = seedsToZTensor([5, 6], 24);
    const a = G.mapping(z, { c, psi: 0.3, truncationCutoff: 4 });
    const b = G.mapping(z, { c, psiLayers: [0.3, 0.3, 0.3, 0.3, 1, 1, 1, 1, 1, 1] });
    expect(Array.from(a.dataSync())).toEqual(Array.from(b.dataSync()));
    const zero = G.mapping(z, { c, psi: 0 });
    const wAvg = Array.from(G.wAvg!.dataSync());
    const rows = zero.arraySync() as number[][][];
    for (const row of rows) for (const w of row) w.forEach((v, i) => expect(v).toBeCloseTo(wAvg[i], 6));
    // layers past the cutoff are the untruncated w
    const free = G.mapping(z, { c });
    expect(tf.tidy(() => a.slice([0, 4, 0], [-1, -1, -1]).sub(free.slice([0, 4, 0], [-1, -1, -1])).abs().max().dataSync()[0])).toBe(0);
    expect(() => G.mapping(z, { c, psiLayers: [1, 1] })).toThrow(/10 entries/);
    [a, b, zero, free, c, z].forEach((t) => t.dispose());
    G.dispose();
  });

  it('updateWAvg lerps the running average toward the batch mean with beta', () => {
    const G = Generator.init(OTHER, 2);
    const w = tf.tensor2d([[...Array(40).fill(1)], [...Array(40).fill(3)]]);
    G.updateWAvg(w); // w_avg = 0 → 2 + 0.995·(0 − 2)
    G.wAvg!.dataSync().forEach((v) => expect(v).toBeCloseTo(0.01, 6));
    G.updateWAvg(w);
    G.wAvg!.dataSync().forEach((v) => expect(v).toBeCloseTo(2 + 0.995 * (0.01 - 2), 6));
    expect(G.wAvg!.trainable).toBe(false);
    w.dispose();
    G.dispose();
  });
});

describe('style mixing', () => {
  it('takes each layer from the source its range names', () => {
    const a = tf.fill([2, 6, 3], 1) as tf.Tensor3D;
    const b = tf.fill([2, 6, 3], 2) as tf.Tensor3D;
    const c = tf.fill([2, 6, 3], 3) as tf.Tensor3D;
    const mixed = mixWs([a, b, c], [
      { source: 2, start: 4, end: 6 },
      { source: 0, start: 0, end: 1 },
      { source: 1, start: 1, end: 4 },
    ]);
    expect((mixed.arraySync() as number[][][])[1].map((w) => w[0])).toEqual([1, 2, 2, 2, 3, 3]);
    const cut = mixAtCutoff(a, b, 2);
    expect((cut.arraySync() as number[][][])[0].map((w) => w[2])).toEqual([1, 1, 2, 2, 2, 2]);
    [a, b, c, mixed, cut].forEach((t) => t.dispose());
  });

  it('rejects ranges that overlap, leave gaps or name missing sources', () => {
    const a = tf.zeros([1, 4, 2]) as tf.Tensor3D;
    expect(() => mixWs([a, a], [{ source: 0, start: 0, end: 3 }, { source: 1, start: 2, end: 4 }])).toThrow(/more than one/);
    expect(() => mixWs([a, a], [{ source: 0, start: 0, end: 2 }])).toThrow(/layers 2, 3 are not covered/);
    expect(() => mixWs([a], [{ source: 1, start: 0, end: 4 }])).toThrow(/does not exist/);
    expect(() => mixWs([a], [{ source: 0, start: 3, end: 3 }, { source: 0, start: 0, end: 4 }])).toThrow(/non-empty/);
    a.dispose();
  });
});

describe('noise', () => {
  it("'random' noise is reproducible with explicit tensors or a noise seed, and 'none' differs from 'const'", () => {
    const G = Generator.init(OTHER, 3);
    for (const v of Object.values(G.params)) if (v.name.includes('noise_strength')) v.assign(tf.scalar(0.5));
    const ws = tf.tidy(() => G.mapping(seedsToZTensor([1], 24), { c: tf.tensor2d([[1, 0, 0]]) }));
    const noise = G.noiseShapes(1).map((s, i) => tf.randomNormal(s, 0, 1, 'float32', 100 + i));
    const img = (opts: Parameters<Generator['synthesis']>[1]) => tf.tidy(() => Array.from(G.synthesis(ws, opts).dataSync()));
    expect(img({ noiseMode: 'random', noise })).toEqual(img({ noiseMode: 'random', noise }));
    expect(img({ noiseMode: 'random', noiseSeed: 4 })).toEqual(img({ noiseMode: 'random', noiseSeed: 4 }));
    expect(img({ noiseMode: 'random', noiseSeed: 4 })).not.toEqual(img({ noiseMode: 'random', noiseSeed: 5 }));
    expect(img({ noiseMode: 'none' })).not.toEqual(img({ noiseMode: 'const' }));
    [ws, ...noise].forEach((t) => t.dispose());
    G.dispose();
  });
});

describe('inference weight cache', () => {
  it('is bypassed under a gradient tape: weight gradients are the same with a warm cache', () => {
    const G = Generator.init({ ...OTHER, c_dim: 0, img_resolution: 16 }, 21);
    const ws = tf.tidy(() => G.mapping(seedsToZTensor([3, 4], 24)));
    const weight = G.params['synthesis.b16.conv0.weight'];
    const grad = () =>
      tf.tidy(() => {
        const { value, grads } = tf.variableGrads(() => G.synthesis(ws, { noiseMode: 'const' }).square().mean() as tf.Scalar, [weight]);
        value.dispose();
        return Array.from(grads[weight.name].dataSync());
      });
    const cold = grad();
    G.synthesis(ws, { noiseMode: 'const' }).dispose(); // fills the cache
    const warm = grad();
    expect(warm).toEqual(cold);
    expect(cold.some((v) => v !== 0)).toBe(true);
    // and it follows assignments to the weight
    const before = Array.from(G.synthesis(ws, { noiseMode: 'const' }).dataSync());
    tf.tidy(() => weight.assign(weight.mul(-1)));
    const after = Array.from(G.synthesis(ws, { noiseMode: 'const' }).dataSync());
    const fresh = Generator.fromTensors(G.config, G.toTensors());
    expect(after).not.toEqual(before);
    expect(after).toEqual(Array.from(fresh.synthesis(ws, { noiseMode: 'const' }).dataSync()));
    ws.dispose();
    G.dispose();
    fresh.dispose();
  });
});

describe('synthesis helpers', () => {
  it('renders seeds to PNGs in batches without leaking tensors, identically each time', async () => {
    const G = Generator.init({ ...OTHER, c_dim: 0, img_channels: 3, img_resolution: 32 }, 11);
    await renderSeeds(G, [1], {}); // warm up (lazy kernel setup may allocate once)
    const before = tf.memory().numTensors;
    const first = await renderSeeds(G, [1, 2, 3, 4, 5], { batchSize: 2, psi: 0.7 });
    const second = await renderSeeds(G, [1, 2, 3, 4, 5], { batchSize: 3, psi: 0.7 });
    expect(tf.memory().numTensors).toBe(before);
    expect(first).toHaveLength(5);
    first.forEach((im, i) => expect(Array.from(im.pixels)).toEqual(Array.from(second[i].pixels)));
    expect(Array.from(first[0].pixels)).not.toEqual(Array.from(first[1].pixels));
    const png = await toPng(first[0]);
    const meta = await sharp(png).metadata();
    expect([meta.format, meta.width, meta.height, meta.channels]).toEqual(['png', 32, 32, 3]);
    const { data } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
    expect(Array.from(data)).toEqual(Array.from(first[0].pixels));
    G.dispose();
  });
});
