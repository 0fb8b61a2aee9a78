import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { benchmarkSecPerKimg, convWork, DEFAULT_MODEL_SEC_PER_KIMG, referenceSecPerKimg } from '@/lib/training/benchmark';

const bundled = { resolution: 64, channelBase: 1024, channelMax: 64 };

describe('fine-tune speed references', () => {
  it('takes the bundled model’s speed from its own training log', () => {
    const rows = fs.readFileSync(path.resolve('models/default/run/log.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { kimg: number; cpuSecPerTick?: number });
    const perKimg: number[] = [];
    rows.forEach((r, i) => {
      const shown = i > 0 ? r.kimg - rows[i - 1]!.kimg : 0;
      if (r.cpuSecPerTick && shown > 0.5) perKimg.push(r.cpuSecPerTick / shown);
    });
    const last = perKimg.slice(-40).sort((a, b) => a - b);
    const median = (last[19]! + last[20]!) / 2;
    expect(Math.abs(median - DEFAULT_MODEL_SEC_PER_KIMG) / DEFAULT_MODEL_SEC_PER_KIMG).toBeLessThan(0.02);
  });

  it('estimates the bundled architecture from its own measurement, not the 64-channel benchmark (was 672, 3× off)', () => {
    const r = referenceSecPerKimg(bundled);
    expect(r.secPerKimg).toBe(DEFAULT_MODEL_SEC_PER_KIMG);
    expect(r.basis).toMatch(/bundled model/);
  });

  it('keeps the benchmark rows for 64 channels everywhere and scales other widths by convolution work', () => {
    expect(benchmarkSecPerKimg(32)).toBe(185);
    expect(benchmarkSecPerKimg(64)).toBe(672);
    const half = { resolution: 64, channelBase: 512, channelMax: 32 };
    const r = referenceSecPerKimg(half);
    expect(r.secPerKimg).toBeCloseTo(DEFAULT_MODEL_SEC_PER_KIMG * (convWork(half) / convWork(bundled)), 6);
    expect(r.basis).toMatch(/scaled/);
    // A bigger model costs more: 128 px takes a 64 px reference, scaled up.
    expect(referenceSecPerKimg({ resolution: 128, channelBase: 128 * 64, channelMax: 64 }).secPerKimg).toBeGreaterThan(672);
  });
});
