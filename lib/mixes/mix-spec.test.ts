import { describe, expect, it } from 'vitest';
import { ApiError } from '@/lib/api/errors';
import { gridCellRanges, groupRange, mixSourceSchema, resolveMixRanges } from '@/lib/mixes/mix-spec';

describe('layer groups as ws ranges', () => {
  it('maps coarse (4–8 px), middle (16–32 px) and fine (64 px+) to contiguous ws indices', () => {
    // 256 px: 14 ws; index k feeds 2^(⌊(k+1)/2⌋+2) px
    expect(groupRange('coarse', 256)).toEqual({ start: 0, end: 3 });
    expect(groupRange('middle', 256)).toEqual({ start: 3, end: 7 });
    expect(groupRange('fine', 256)).toEqual({ start: 7, end: 14 });
    expect(groupRange('fine', 32)).toBeNull();
  });
});

describe('resolveMixRanges', () => {
  it('turns each source’s picks into ranges that cover every layer once', () => {
    const ranges = resolveMixRanges([{ layers: ['middle', 'fine'] }, { layers: ['coarse'] }], 64);
    expect(ranges).toEqual([
      { source: 1, start: 0, end: 3 },
      { source: 0, start: 3, end: 7 },
      { source: 0, start: 7, end: 10 },
    ]);
    const custom = resolveMixRanges([{ layers: [{ start: 0, end: 4 }] }, { layers: [{ start: 4, end: 8 }] }, { layers: [{ start: 8, end: 10 }] }], 64);
    expect(custom.map((r) => r.source)).toEqual([0, 1, 2]);
  });

  const fails = (fn: () => unknown) => {
    try {
      fn();
    } catch (err) {
      expect(err).toBeInstanceOf(ApiError);
      return (err as ApiError).message;
    }
    throw new Error('expected a 400');
  };

  it('rejects overlapping ranges, uncovered layers, out-of-range layers and missing groups with a clear 400', () => {
    expect(fails(() => resolveMixRanges([{ layers: ['coarse', 'middle'] }, { layers: [{ start: 5, end: 10 }] }], 64))).toMatch(/^Source 2 layers: layer 5 is already taken by Source 1/);
    expect(fails(() => resolveMixRanges([{ layers: ['coarse'] }, { layers: ['middle'] }], 64))).toMatch(/^Layers 7, 8, 9 come from no source/);
    expect(fails(() => resolveMixRanges([{ layers: ['coarse'] }, { layers: [{ start: 3, end: 12 }] }], 64))).toMatch(/^Source 2 layers: 3–11 is not within this model's layers 0–9/);
    expect(fails(() => resolveMixRanges([{ layers: ['coarse'] }, { layers: ['fine'] }], 32))).toMatch(/^Source 2 layers: a 32 px model has no fine layers/);
  });

  it('needs each source to be a latent or a seed, not both or neither', () => {
    expect(mixSourceSchema.safeParse({ seed: 1, layers: ['coarse'] }).success).toBe(true);
    expect(mixSourceSchema.safeParse({ latentId: 'a', seed: 1, layers: ['coarse'] }).success).toBe(false);
    expect(mixSourceSchema.safeParse({ layers: ['coarse'] }).success).toBe(false);
    expect(mixSourceSchema.safeParse({ seed: 1, layers: [] }).success).toBe(false);
  });
});

describe('gridCellRanges', () => {
  it('takes the picked layers from the row source and the rest from the column source', () => {
    expect(gridCellRanges(['middle'], 64)).toEqual([
      { source: 0, start: 0, end: 3 },
      { source: 1, start: 3, end: 7 },
      { source: 0, start: 7, end: 10 },
    ]);
    expect(gridCellRanges(['coarse'], 64)).toEqual([
      { source: 1, start: 0, end: 3 },
      { source: 0, start: 3, end: 10 },
    ]);
  });

  it('rejects a layer picked twice', () => {
    expect(() => gridCellRanges(['coarse', { start: 2, end: 4 }], 64)).toThrow(/picked twice/);
  });
});
