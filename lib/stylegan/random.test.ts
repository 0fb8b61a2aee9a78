import { describe, expect, it } from 'vitest';
import { NumpyRandomState, seedToZ } from './random';

describe('seed → z (numpy RandomState-compatible MT19937 + polar Box–Muller)', () => {
  it('reproduces numpy.random.RandomState(seed).randn values', () => {
    // Reference values printed by numpy 2.4: np.random.RandomState(seed).randn(n).tolist()
    expect(Array.from(new NumpyRandomState(0).randn(5))).toEqual([
      1.764052345967664, 0.4001572083672233, 0.9787379841057392, 2.240893199201458, 1.8675579901499675,
    ]);
    expect(Array.from(new NumpyRandomState(42).randn(3))).toEqual([0.4967141530112327, -0.13826430117118466, 0.6476885381006925]);
    expect(Array.from(new NumpyRandomState(4294967295).randn(3))).toEqual([
      0.6484086742306527, 0.6693235306338161, -1.0805437227474493,
    ]);
  });

  it('gives the same z for the same seed and different z for different seeds', () => {
    const a = seedToZ(123, 512);
    const b = seedToZ(123, 512);
    const c = seedToZ(124, 512);
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(a)).not.toEqual(Array.from(c));
    // roughly standard normal
    const mean = a.reduce((s, v) => s + v, 0) / a.length;
    const variance = a.reduce((s, v) => s + (v - mean) ** 2, 0) / a.length;
    expect(Math.abs(mean)).toBeLessThan(0.2);
    expect(Math.abs(variance - 1)).toBeLessThan(0.25);
  });

  it('rejects seeds outside [0, 2^32)', () => {
    expect(() => seedToZ(-1, 4)).toThrow();
    expect(() => seedToZ(2 ** 32, 4)).toThrow();
    expect(() => seedToZ(1.5, 4)).toThrow();
  });
});
