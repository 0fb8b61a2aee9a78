import { describe, expect, it } from 'vitest';
import { wilson } from './wilson';

describe('Wilson interval for the fool rate', () => {
  it('matches published values and stays inside [0, 1]', () => {
    const [lo, hi] = wilson(5, 10);
    expect(lo).toBeCloseTo(0.2366, 4);
    expect(hi).toBeCloseTo(0.7634, 4);
    const [lo0, hi0] = wilson(0, 20);
    expect(lo0).toBe(0);
    expect(hi0).toBeCloseTo(0.1611, 4);
    expect(wilson(0, 0)).toEqual([0, 1]);
  });
});
