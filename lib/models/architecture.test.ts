import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { discriminatorSpecs } from '@/lib/stylegan/discriminator';
import { generatorSpecs } from '@/lib/stylegan/generator';
import { resolveConfig, type PartialStyleGAN2Config } from '@/lib/stylegan/config';
import { readSafetensors, writeSafetensors } from '@/lib/stylegan/safetensors';
import { architectureSummary, discriminatorTensors, generatorTensors } from '@/lib/models/architecture';
import { layerGroups, psiLayersFor, wsResolution } from '@/lib/models/layer-groups';
import { ExportError, filesFromZip, validateExport } from '@/lib/models/validate-export';
import { synthesisLayout } from '@/lib/stylegan/synthesis';
import { fixtureFiles, FIXTURE_DIR, zipOf } from '@/lib/testing/models';

const configs: PartialStyleGAN2Config[] = [
  JSON.parse(fs.readFileSync(path.join(FIXTURE_DIR, 'config.json'), 'utf8')),
  { generator_kwargs: { z_dim: 32, w_dim: 48, img_resolution: 64, img_channels: 3, mapping_kwargs: { num_layers: 2 }, synthesis_kwargs: { channel_base: 2048, channel_max: 128, use_noise: false } } },
  { generator_kwargs: { z_dim: 16, c_dim: 5, w_dim: 16, img_resolution: 16, img_channels: 1, mapping_kwargs: { num_layers: 3, embed_features: 8 }, synthesis_kwargs: { channel_base: 256, channel_max: 32 } } },
];

describe('tfjs-free tensor shapes agree with the core name map', () => {
  it.each(configs.map((c, i) => [i, c] as const))('config %i: same names and official shapes for G and D', (_, partial) => {
    const config = resolveConfig(partial);
    const core = (specs: { name: string; officialShape: number[]; kind: string }[]) => specs.map((s) => [s.name, s.officialShape, s.kind]);
    const ours = (ts: { name: string; shape: number[]; kind: string }[]) => ts.map((t) => [t.name, t.shape, t.kind]);
    expect(ours(generatorTensors(config.generator_kwargs))).toEqual(core(generatorSpecs(config.generator_kwargs)));
    expect(ours(discriminatorTensors(config.discriminator_kwargs))).toEqual(core(discriminatorSpecs(config.discriminator_kwargs)));
  });

  it('summarises the fixture architecture', () => {
    const config = resolveConfig(configs[0]);
    const s = architectureSummary(config);
    expect(s).toMatchObject({ resolution: 32, zDim: 64, wDim: 64, mappingLayers: 4, numWs: 8 });
    expect(s.channels).toEqual([4, 8, 16, 32].map((r) => ({ resolution: r, channels: Math.min(1024 / r, 64) })));
    const G = readSafetensors(fixtureFiles()['G.safetensors']);
    const paramNames = generatorSpecs(config.generator_kwargs).filter((t) => t.kind === 'param').map((t) => t.name);
    expect(s.generatorParams).toBe(paramNames.reduce((n, name) => n + G.tensors[name].data.length, 0));
  });
});

describe('per-layer ψ groups', () => {
  it('maps ws indices to the resolution of the block that reads them', () => {
    for (const res of [32, 256, 1024]) {
      const config = resolveConfig({ generator_kwargs: { z_dim: 8, w_dim: 8, img_resolution: res, img_channels: 3 } });
      const expected = new Map<number, number>();
      for (const b of synthesisLayout(config.generator_kwargs)) {
        for (const c of b.convs) expected.set(c.wIndex, b.resolution);
        if (!expected.has(b.torgb.wIndex)) expected.set(b.torgb.wIndex, b.resolution);
      }
      for (const [index, r] of expected) expect(wsResolution(index, res)).toBe(r);
    }
  });

  it('splits coarse 4–8 px, middle 16–32 px, fine 64 px and up', () => {
    expect(layerGroups(32)).toEqual(['coarse', 'coarse', 'coarse', 'middle', 'middle', 'middle', 'middle', 'middle']);
    expect(layerGroups(256).filter((g) => g === 'fine')).toHaveLength(7); // ws 7–13: b64.conv0 … b256.torgb
    expect(psiLayersFor(64, { coarse: 0.5, middle: 0.7, fine: 1 })).toEqual([0.5, 0.5, 0.5, 0.7, 0.7, 0.7, 0.7, 1, 1, 1]);
  });
});

describe('validating an official export upload', () => {
  it('accepts the fixture at the zip root or in one folder', () => {
    expect(validateExport(filesFromZip(zipOf(fixtureFiles()))).config.generator_kwargs.img_resolution).toBe(32);
    expect(validateExport(filesFromZip(zipOf(fixtureFiles(), 'my-model/'))).files.G).toBeDefined();
  });

  const fails = (files: Record<string, Uint8Array | string>) => () => validateExport(filesFromZip(zipOf(files)));

  it('names a missing file, bad JSON and a bad config', () => {
    const { 'config.json': _c, ...noConfig } = fixtureFiles();
    expect(fails(noConfig)).toThrow(/Missing file config.json/);
    const { 'G.safetensors': _g, ...noG } = fixtureFiles();
    expect(fails(noG)).toThrow(/Missing file G_ema.safetensors/);
    expect(fails({ ...fixtureFiles(), 'config.json': '{"generator_kwargs": ' })).toThrow(/config.json is not valid JSON/);
    expect(fails({ ...fixtureFiles(), 'config.json': '{"generator_kwargs": {"z_dim": 64, "w_dim": 64, "img_resolution": 33, "img_channels": 3}}' })).toThrow(
      /power of two/,
    );
    expect(() => filesFromZip(new TextEncoder().encode('not a zip'))).toThrow(ExportError);
  });

  it('names the tensor whose shape does not match the config', () => {
    const G = readSafetensors(fixtureFiles()['G.safetensors']);
    const t = G.tensors['synthesis.b8.conv0.weight'];
    const broken = { ...G.tensors, 'synthesis.b8.conv0.weight': { ...t, shape: [t.shape[0], t.shape[1], 1, t.shape[2] * t.shape[3]] } };
    const bytes = writeSafetensors(broken);
    expect(fails({ ...fixtureFiles(), 'G.safetensors': bytes })).toThrow(
      'G.safetensors: wrong shape of synthesis.b8.conv0.weight: expected [64, 64, 3, 3] from config.json, got [64, 64, 1, 9]',
    );
    const { 'mapping.fc3.bias': _b, ...missing } = G.tensors;
    expect(fails({ ...fixtureFiles(), 'G.safetensors': writeSafetensors(missing) })).toThrow(/G.safetensors: missing tensor mapping.fc3.bias/);
    const full = fixtureFiles()['G.safetensors'];
    const truncated = full.subarray(0, full.length - 100);
    expect(fails({ ...fixtureFiles(), 'G.safetensors': truncated })).toThrow(/G.safetensors: tensor \S+ data does not match its shape \(truncated file\?\)/);
  });
});
