import { describe, expect, it } from 'vitest';
import { Rng } from './rng';

describe('Rng (xoshiro128** + Box–Muller)', () => {
  it('matches the reference xoshiro128** output for state {1,2,3,4}', () => {
    // Values printed by the reference C implementation (Blackman & Vigna) from s = {1, 2, 3, 4}.
    const rng = Rng.fromState({ s: [1, 2, 3, 4], spare: null });
    expect([1, 2, 3, 4, 5].map(() => rng.nextUint32())).toEqual([11520, 0, 5927040, 70819200, 2031721883]);
  });

  it('is a pure function of the seed', () => {
    const a = Rng.fromSeed(42);
    const b = Rng.fromSeed(42);
    const c = Rng.fromSeed(43);
    const xa = Array.from(a.normalArray(16));
    expect(Array.from(b.normalArray(16))).toEqual(xa);
    expect(Array.from(c.normalArray(16))).not.toEqual(xa);
  });

  it('resumes exactly from a JSON round-trip of its state, including a cached normal', () => {
    const rng = Rng.fromSeed(7);
    rng.normal(); // leaves the second Box–Muller value cached
    const saved = JSON.parse(JSON.stringify(rng.getState()));
    expect(saved.spare).not.toBeNull();
    const expected = [rng.normal(), rng.uniform(), rng.int(1000), rng.normal(), rng.normal()];
    const resumed = Rng.fromState(saved);
    expect([resumed.normal(), resumed.uniform(), resumed.int(1000), resumed.normal(), resumed.normal()]).toEqual(expected);
  });

  it('produces standard normals and uniforms with the right moments', () => {
    const rng = Rng.fromSeed(1);
    const n = 200_000;
    let sum = 0;
    let sq = 0;
    let usum = 0;
    for (let i = 0; i < n; i++) {
      const v = rng.normal();
      sum += v;
      sq += v * v;
      usum += rng.uniform();
    }
    expect(Math.abs(sum / n)).toBeLessThan(0.01);
    expect(Math.abs(sq / n - 1)).toBeLessThan(0.02);
    expect(Math.abs(usum / n - 0.5)).toBeLessThan(0.005);
  });

  it('int(n) stays in range and covers it evenly', () => {
    const rng = Rng.fromSeed(3);
    const counts = new Array(6).fill(0);
    for (let i = 0; i < 60_000; i++) counts[rng.int(6)]++;
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(500);
  });

  it('permutation is a permutation and depends on the state', () => {
    const rng = Rng.fromSeed(5);
    const p = Array.from(rng.permutation(100));
    expect([...p].sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(Array.from(rng.permutation(100))).not.toEqual(p);
  });

  it('fork gives named, independent streams without advancing the parent', () => {
    const parent = Rng.fromSeed(9);
    const before = parent.getState();
    const a = parent.fork('latents');
    const b = parent.fork('noise');
    expect(parent.getState()).toEqual(before);
    const a2 = Rng.fromSeed(9).fork('latents');
    const xa = [a.nextUint32(), a.nextUint32()];
    expect([a2.nextUint32(), a2.nextUint32()]).toEqual(xa);
    expect([b.nextUint32(), b.nextUint32()]).not.toEqual(xa);
  });

  it('rejects invalid states', () => {
    expect(() => Rng.fromState({ s: [0, 0, 0, 0], spare: null })).toThrow();
    expect(() => Rng.fromState({ s: [1, 2, 3], spare: null } as never)).toThrow();
    expect(() => Rng.fromSeed(1.5)).toThrow();
  });
});
