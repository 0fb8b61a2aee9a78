import { describe, expect, it } from 'vitest';
import { benchmarkSecPerKimg } from '@/lib/training/benchmark';
import { fineTuneOptions, startFineTuneInput } from '@/lib/training/options';

describe('fine-tune form', () => {
  it('fills sensible defaults and rejects nonsense', () => {
    const d = fineTuneOptions.parse({});
    expect(d).toMatchObject({ kimg: 10, batch: 8, gamma: null, aug: 'ada', target: 0.6, freezed: 0, mirror: null, snap: 4 });
    expect(startFineTuneInput.parse({ datasetId: 'd', baseModelId: 'm' }).options).toEqual(d);
    expect(fineTuneOptions.safeParse({ batch: 0 }).success).toBe(false);
    expect(fineTuneOptions.safeParse({ aug: 'sometimes' }).success).toBe(false);
    expect(fineTuneOptions.safeParse({ target: 0 }).success).toBe(false);
  });

  it('estimates from the training-core benchmark, growing with the square of the side', () => {
    expect(benchmarkSecPerKimg(32)).toBe(185);
    expect(benchmarkSecPerKimg(64)).toBe(672);
    expect(benchmarkSecPerKimg(256) / (672 * 16)).toBeCloseTo(1, 1); // about 4× per doubling of the side
  });
});
