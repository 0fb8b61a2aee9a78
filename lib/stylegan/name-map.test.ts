import fs from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { activateBackend } from './backend';
import { readConfig, safetensorsToTensors } from './model-io';
import { Discriminator, discriminatorSpecs } from './discriminator';
import { Generator, generatorSpecs } from './generator';
import { internalShape, internalToOfficial, officialToInternal, type TensorSpec } from './name-map';
import { readSafetensors } from './safetensors';
import { FIXTURE_DIR } from './test-helpers';

beforeAll(async () => {
  await activateBackend('cpu');
});

function officialFile(name: string) {
  return readSafetensors(fs.readFileSync(path.join(FIXTURE_DIR, name))).tensors;
}

describe('official name map', () => {
  const config = readConfig(FIXTURE_DIR);

  it('lists exactly the tensors of the official generator and discriminator state_dicts', () => {
    expect(generatorSpecs(config.generator_kwargs).map((s) => s.name).sort()).toEqual(Object.keys(officialFile('G.safetensors')).sort());
    expect(discriminatorSpecs(config.discriminator_kwargs).map((s) => s.name).sort()).toEqual(
      Object.keys(officialFile('D.safetensors')).sort(),
    );
  });

  it('converts each layout to the internal NHWC layout and back without change', () => {
    const cases: TensorSpec[] = [
      { name: 'fc', officialShape: [3, 5], layout: 'fc', kind: 'param', init: { randn: 1 } },
      { name: 'conv', officialShape: [4, 3, 3, 2], layout: 'conv', kind: 'param', init: { randn: 1 } },
      { name: 'const', officialShape: [6, 4, 4], layout: 'const', kind: 'param', init: { randn: 1 } },
      { name: 'flat', officialShape: [5, 3 * 2 * 2], layout: 'fc_flatten', flattenCHW: [3, 2, 2], kind: 'param', init: { randn: 1 } },
      { name: 'scalar', officialShape: [], layout: 'scalar', kind: 'param', init: { fill: 0 } },
    ];
    for (const spec of cases) {
      const n = spec.officialShape.reduce((a, b) => a * b, 1);
      const data = Float32Array.from({ length: n }, (_, i) => i + 0.5);
      const internal = officialToInternal(spec, data, spec.officialShape);
      expect(internal.shape, spec.name).toEqual(internalShape(spec));
      const back = internalToOfficial(spec, internal);
      expect(back.shape, spec.name).toEqual(spec.officialShape);
      expect(Array.from(back.dataSync()), spec.name).toEqual(Array.from(data));
      internal.dispose();
      back.dispose();
    }
  });

  it('puts OIHW conv weights into HWIO and the NCHW-flatten fc into NHWC-flatten order', () => {
    const conv: TensorSpec = { name: 'c', officialShape: [2, 3, 1, 1], layout: 'conv', kind: 'param', init: { randn: 1 } };
    // official w[o][i] = 10·o + i → internal [0][0][i][o]
    const data = Float32Array.from([0, 1, 2, 10, 11, 12]);
    const internal = officialToInternal(conv, data, [2, 3, 1, 1]);
    expect(internal.arraySync()).toEqual([[[[0, 10], [1, 11], [2, 12]]]]);
    internal.dispose();
    // fc_flatten: input index c·HW + h·W + w (NCHW) must land on row (h·W + w)·C + c (NHWC)
    const flat: TensorSpec = { name: 'f', officialShape: [1, 2 * 2 * 2], layout: 'fc_flatten', flattenCHW: [2, 2, 2], kind: 'param', init: { randn: 1 } };
    const official = Float32Array.from({ length: 8 }, (_, k) => k); // value = NCHW input index
    const rows = officialToInternal(flat, official, [1, 8]).dataSync();
    const expected: number[] = [];
    for (let h = 0; h < 2; h++) for (let w = 0; w < 2; w++) for (let c = 0; c < 2; c++) expected.push(c * 4 + h * 2 + w);
    expect(Array.from(rows)).toEqual(expected);
  });

  it('round-trips the official fixture weights through Generator/Discriminator exactly', () => {
    for (const [file, build] of [
      ['G.safetensors', (t: Record<string, tf.Tensor>) => Generator.fromTensors(config.generator_kwargs, t)],
      ['D.safetensors', (t: Record<string, tf.Tensor>) => Discriminator.fromTensors(config.discriminator_kwargs, t)],
    ] as const) {
      const before = tf.memory().numTensors;
      const tensors = safetensorsToTensors(fs.readFileSync(path.join(FIXTURE_DIR, file)));
      const net = build(tensors);
      const out = net.toTensors();
      expect(Object.keys(out).sort()).toEqual(Object.keys(tensors).sort());
      for (const name of Object.keys(tensors)) {
        expect(out[name].size, name).toBe(tensors[name].size);
        expect(Array.from(out[name].dataSync()), name).toEqual(Array.from(tensors[name].dataSync()));
      }
      for (const t of [...Object.values(out), ...Object.values(tensors)]) t.dispose();
      net.dispose();
      expect(tf.memory().numTensors).toBe(before);
    }
  });

  it('rejects a state_dict with a missing, unexpected or misshapen tensor', () => {
    const tensors = safetensorsToTensors(fs.readFileSync(path.join(FIXTURE_DIR, 'G.safetensors')));
    const g = config.generator_kwargs;
    const { ['mapping.fc0.bias']: removed, ...missing } = tensors;
    expect(() => Generator.fromTensors(g, missing)).toThrow(/missing tensor mapping.fc0.bias/);
    const extra = { ...tensors, 'mapping.fc9.weight': removed };
    expect(() => Generator.fromTensors(g, extra)).toThrow(/unexpected tensors mapping.fc9.weight/);
    const wrong = { ...tensors, 'mapping.fc0.bias': tf.zeros([63]) };
    expect(() => Generator.fromTensors(g, wrong)).toThrow(/expected shape \[64\]/);
  });
});
