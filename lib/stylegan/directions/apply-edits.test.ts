import { describe, expect, it } from 'vitest';
import { applyEditsToWs, MAX_EDIT_AMOUNT } from './apply-edits';

describe('applyEditsToWs', () => {
  const numWs = 4;
  const wDim = 3;
  const base = Float32Array.from({ length: numWs * wDim }, (_, i) => i * 0.5);

  it('adds amount·direction only on the layers of each edit, leaving the base untouched', () => {
    const out = applyEditsToWs(base, numWs, wDim, [
      { vector: [1, 0, 0], amount: 2, layers: { start: 0, end: 2 } },
      { vector: [0, 1, -1], amount: -1.5, layers: { start: 1, end: 4 } },
    ]);
    expect(Array.from(out.subarray(0, 3))).toEqual([2, 0.5, 1]);
    expect(Array.from(out.subarray(3, 6))).toEqual([3.5, 0.5, 4]);
    expect(Array.from(out.subarray(9, 12))).toEqual([4.5, 3.5, 7]);
    expect(base[0]).toBe(0);
  });

  it('gives bit-identical results for the same base and edits', () => {
    const edits = [{ vector: [0.3, -0.7, 0.1], amount: 1.37, layers: { start: 0, end: 4 } }];
    expect(applyEditsToWs(base, numWs, wDim, edits)).toEqual(applyEditsToWs(base, numWs, wDim, edits));
  });

  it('rejects wrong vector length, NaN, amounts beyond the limit and ranges outside the model', () => {
    const ok = { vector: [1, 0, 0], amount: 1, layers: { start: 0, end: 4 } };
    expect(() => applyEditsToWs(base, numWs, wDim, [{ ...ok, vector: [1, 0] }])).toThrow(/3/);
    expect(() => applyEditsToWs(base, numWs, wDim, [{ ...ok, vector: [1, NaN, 0] }])).toThrow(/finite/);
    expect(() => applyEditsToWs(base, numWs, wDim, [{ ...ok, amount: MAX_EDIT_AMOUNT + 0.1 }])).toThrow(/amount/);
    expect(() => applyEditsToWs(base, numWs, wDim, [{ ...ok, layers: { start: 2, end: 5 } }])).toThrow(/layer range/);
    expect(() => applyEditsToWs(base, numWs, wDim, [{ ...ok, layers: { start: 2, end: 2 } }])).toThrow(/layer range/);
  });
});
