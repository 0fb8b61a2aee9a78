import { describe, expect, it } from 'vitest';
import { namedRanges, rangeName } from './layer-ranges';

describe('named layer ranges of a model', () => {
  it('are the coarse, middle and fine groups of the ws indices, and all', () => {
    // 64 px: 10 ws; 4–8 px coarse (0–2), 16–32 px middle (3–6), 64 px fine (7–9)
    expect(namedRanges(64)).toEqual([
      { name: 'coarse', range: { start: 0, end: 3 } },
      { name: 'middle', range: { start: 3, end: 7 } },
      { name: 'fine', range: { start: 7, end: 10 } },
      { name: 'all', range: { start: 0, end: 10 } },
    ]);
    // 32 px has no fine layers
    expect(namedRanges(32).map((r) => r.name)).toEqual(['coarse', 'middle', 'all']);
    expect(rangeName({ start: 3, end: 8 }, 32)).toBe('middle');
    expect(rangeName({ start: 1, end: 4 }, 32)).toBe('custom');
  });
});
