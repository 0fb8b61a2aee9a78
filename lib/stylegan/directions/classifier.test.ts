import { describe, expect, it } from 'vitest';
import { NumpyRandomState } from '../random';
import { projectOut, teachDirection } from './classifier';

function unit(v: number[]): number[] {
  const l = Math.hypot(...v);
  return v.map((x) => x / l);
}

/** Gaussian w samples labelled by the side of a planted hyperplane (with a margin, as traits have). */
function planted(d: number, n: number, seed: number, normal: number[], offset = 0.3) {
  const rnd = new NumpyRandomState(seed);
  const positives: number[][] = [];
  const negatives: number[][] = [];
  while (positives.length < n || negatives.length < n) {
    const x = Array.from(rnd.randn(d));
    const s = x.reduce((a, v, j) => a + v * normal[j], 0);
    if (s > offset && positives.length < n) positives.push(x);
    else if (s < -offset && negatives.length < n) negatives.push(x);
  }
  return { positives, negatives };
}

describe('teachDirection (linear classifier on w)', () => {
  const d = 32;
  const normal = unit(Array.from({ length: d }, (_, j) => Math.sin(j + 1)));

  it('recovers a planted direction from labelled examples, pointing toward "with"', () => {
    const { positives, negatives } = planted(d, 200, 1, normal);
    const r = teachDirection({ positives, negatives });
    const cos = normal.reduce((s, x, j) => s + x * r.direction[j], 0);
    expect(cos).toBeGreaterThan(0.9);
    expect(Math.hypot(...r.direction)).toBeCloseTo(1, 5);
    expect(r.heldOutAccuracy).toBeGreaterThan(0.9);
  });

  it('reports a held-out accuracy near chance when the labels carry no direction', () => {
    const rnd = new NumpyRandomState(3);
    const positives = Array.from({ length: 40 }, () => Array.from(rnd.randn(d)));
    const negatives = Array.from({ length: 40 }, () => Array.from(rnd.randn(d)));
    const r = teachDirection({ positives, negatives });
    expect(r.heldOutAccuracy).toBeLessThan(0.75);
  });

  it('with ten examples each it still finds the direction roughly and reports k-fold accuracy', () => {
    const { positives, negatives } = planted(d, 10, 5, normal, 1.0);
    const r = teachDirection({ positives, negatives });
    expect(r.folds).toBe(5);
    expect(normal.reduce((s, x, j) => s + x * r.direction[j], 0)).toBeGreaterThan(0.5);
    expect(r.heldOutAccuracy).toBeGreaterThanOrEqual(0.7);
  });

  it('conditioning removes the component along other directions', () => {
    const other = unit(Array.from({ length: d }, (_, j) => (j < 4 ? 1 : 0)));
    const { positives, negatives } = planted(d, 200, 2, normal);
    const r = teachDirection({ positives, negatives, conditionOn: [other] });
    expect(Math.abs(other.reduce((s, x, j) => s + x * r.direction[j], 0))).toBeLessThan(1e-6);
    const expected = unit(Array.from(projectOut(Float64Array.from(normal), [other])));
    expect(expected.reduce((s, x, j) => s + x * r.direction[j], 0)).toBeGreaterThan(0.9);
  });

  it('rejects NaN and vectors of the wrong length', () => {
    const { positives, negatives } = planted(d, 10, 7, normal);
    expect(() => teachDirection({ positives: [...positives.slice(1), [NaN, ...positives[0].slice(1)]], negatives })).toThrow(RangeError);
    expect(() => teachDirection({ positives: [...positives, [1, 2]], negatives })).toThrow(RangeError);
  });
});
