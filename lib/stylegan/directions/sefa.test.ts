import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend';
import type { Generator } from '../generator';
import { loadGenerator, readConfig } from '../model-io';
import { readSafetensors } from '../safetensors';
import { FIXTURE_DIR } from '../test-helpers';
import { sefa, sefaLayers } from './sefa';

let G: Generator;
beforeAll(async () => {
  await initBackend({ backend: 'wasm', quiet: true });
  G = loadGenerator(FIXTURE_DIR, readConfig(FIXTURE_DIR));
});

/**
 * The oracle: W built straight from the official state_dict file (official [out, w_dim] layout, so each
 * output unit is a row here), rows normalised, then power iteration with deflation on W·Wᵀ — no code
 * shared with the implementation under test.
 */
function oracleTopDirections(layers: string[], k: number): number[][] {
  const official = readSafetensors(fs.readFileSync(path.join(FIXTURE_DIR, 'G.safetensors'))).tensors;
  const rows: number[][] = [];
  for (const name of layers) {
    const t = official[`${name}.affine.weight`];
    const [out, wDim] = t.shape;
    for (let o = 0; o < out; o++) {
      const r = Array.from(t.data.subarray(o * wDim, (o + 1) * wDim));
      const l = Math.hypot(...r);
      rows.push(r.map((v) => v / l));
    }
  }
  const d = rows[0].length;
  const m: number[][] = Array.from({ length: d }, (_, a) =>
    Array.from({ length: d }, (_, b) => rows.reduce((s, r) => s + r[a] * r[b], 0)),
  );
  const found: number[][] = [];
  for (let i = 0; i < k; i++) {
    let v = Array.from({ length: d }, (_, j) => Math.sin(j * 12.9898 + i * 78.233) + 0.1);
    for (let it = 0; it < 100_000; it++) {
      const next = m.map((row) => row.reduce((s, x, j) => s + x * v[j], 0));
      for (const u of found) {
        const c = u.reduce((s, x, j) => s + x * next[j], 0);
        for (let j = 0; j < d; j++) next[j] -= c * u[j];
      }
      const l = Math.hypot(...next);
      const normed = next.map((x) => x / l);
      const change = Math.hypot(...normed.map((x, j) => Math.abs(x) - Math.abs(v[j])));
      v = normed;
      if (it > 100 && change < 1e-13) break;
    }
    found.push(v);
  }
  return found;
}

describe('SeFa on the official 32 px fixture', () => {
  it('uses only the synthesis convolutions fed by the chosen ws indices, never toRGB', () => {
    expect(sefaLayers(G, { start: 0, end: 3 })).toEqual(['synthesis.b4.conv1', 'synthesis.b8.conv0', 'synthesis.b8.conv1']);
    expect(sefaLayers(G, { start: 0, end: G.numWs }).every((n) => !n.includes('torgb'))).toBe(true);
    expect(() => sefaLayers(G, { start: 2, end: 99 })).toThrow(RangeError);
  });

  for (const range of [
    { start: 0, end: 8 },
    { start: 0, end: 3 },
    { start: 3, end: 8 },
  ]) {
    it(`top 5 directions on ws [${range.start}, ${range.end}) match an independent eigendecomposition (|cos| ≥ 0.999)`, async () => {
      const result = await sefa(G, range, 5);
      const oracle = oracleTopDirections(sefaLayers(G, range), 5);
      const wDim = G.config.w_dim;
      for (let i = 0; i < 5; i++) {
        const mine = result.directions.subarray(i * wDim, (i + 1) * wDim);
        expect(Math.hypot(...mine)).toBeCloseTo(1, 5);
        const cos = oracle[i].reduce((s, x, j) => s + x * mine[j], 0);
        expect(Math.abs(cos)).toBeGreaterThanOrEqual(0.999);
      }
      for (let i = 1; i < 5; i++) expect(result.values[i]).toBeLessThanOrEqual(result.values[i - 1]);
    });
  }
});
