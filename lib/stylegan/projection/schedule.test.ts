import { describe, expect, it } from 'vitest';
import { learningRateAt, wNoiseStdAt } from './schedule';

const O = { lr: 0.1, lrRampUp: 0.05, lrRampDown: 0.25, initialNoiseFactor: 0.05, noiseRampLength: 0.75 };

describe('projection schedules', () => {
  it('ramps the learning rate up linearly, holds it, then ramps it down along a cosine to zero', () => {
    expect(learningRateAt(0, O)).toBe(0);
    expect(learningRateAt(0.025, O)).toBeCloseTo(0.05, 10);
    expect(learningRateAt(0.05, O)).toBeCloseTo(0.1, 10);
    expect(learningRateAt(0.5, O)).toBeCloseTo(0.1, 10);
    expect(learningRateAt(0.875, O)).toBeCloseTo(0.05, 10); // half-way down the cosine
    expect(learningRateAt(1, O)).toBeCloseTo(0, 10);
  });

  it('decays the noise added to w quadratically to zero at noiseRampLength', () => {
    expect(wNoiseStdAt(0, 2, O)).toBeCloseTo(0.1, 10);
    expect(wNoiseStdAt(0.375, 2, O)).toBeCloseTo(0.025, 10);
    expect(wNoiseStdAt(0.75, 2, O)).toBe(0);
    expect(wNoiseStdAt(0.9, 2, O)).toBe(0);
  });
});
