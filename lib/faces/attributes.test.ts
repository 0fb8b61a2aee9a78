import { describe, expect, it } from 'vitest';
import { sampleAttributes, type FaceAttributes } from './attributes';

const SAMPLES = Array.from({ length: 500 }, (_, i) => sampleAttributes(i * 7919 + 3));
const KEYS = (Object.keys(SAMPLES[0]) as (keyof FaceAttributes)[]).filter((k) => k !== 'seed');

/** Categorical value of an attribute; numbers are cut into 4 equal-width bins over their observed range. */
function categories(key: keyof FaceAttributes): string[] {
  const values = SAMPLES.map((s) => s[key]);
  if (typeof values[0] !== 'number') return values.map(String);
  const nums = values as number[];
  const min = Math.min(...nums);
  const max = Math.max(...nums);
  return nums.map((v) => String(Math.min(3, Math.floor(((v - min) / (max - min)) * 4))));
}

/** Cramér's V: 0 for independent attributes, 1 for attributes locked together. */
function cramersV(x: string[], y: string[]): number {
  const xs = [...new Set(x)];
  const ys = [...new Set(y)];
  const n = x.length;
  const table = new Map<string, number>();
  x.forEach((xv, i) => table.set(`${xv}|${y[i]}`, (table.get(`${xv}|${y[i]}`) ?? 0) + 1));
  const rowTotal = (xv: string) => x.filter((v) => v === xv).length;
  const colTotal = (yv: string) => y.filter((v) => v === yv).length;
  let chi2 = 0;
  for (const xv of xs) {
    const r = rowTotal(xv);
    for (const yv of ys) {
      const expected = (r * colTotal(yv)) / n;
      const observed = table.get(`${xv}|${yv}`) ?? 0;
      chi2 += (observed - expected) ** 2 / expected;
    }
  }
  return Math.sqrt(chi2 / (n * (Math.min(xs.length, ys.length) - 1)));
}

describe('sampleAttributes', () => {
  it('is a pure function of the seed', () => {
    expect(sampleAttributes(12345)).toEqual(sampleAttributes(12345));
    expect(sampleAttributes(12345)).not.toEqual(sampleAttributes(12346));
  });

  it('gives every attribute several values over 500 faces', () => {
    for (const key of KEYS) {
      const distinct = new Set(categories(key));
      expect(distinct.size, key).toBeGreaterThanOrEqual(3);
      // No value swallows the attribute: the commonest stays under 75 %.
      const counts = new Map<string, number>();
      for (const v of categories(key)) counts.set(v, (counts.get(v) ?? 0) + 1);
      expect(Math.max(...counts.values()) / SAMPLES.length, key).toBeLessThan(0.75);
    }
  });

  it('keeps continuous attributes within their ranges', () => {
    for (const s of SAMPLES) {
      expect(s.skinTone).toBeGreaterThanOrEqual(0);
      expect(s.skinTone).toBeLessThanOrEqual(1);
      expect(Math.abs(s.tilt)).toBeLessThanOrEqual(5);
      expect(s.faceWidth).toBeGreaterThan(0.9);
      expect(s.faceWidth).toBeLessThan(1.1);
    }
  });

  it('draws attributes independently: no pair is locked together', () => {
    const cats = Object.fromEntries(KEYS.map((k) => [k, categories(k)]));
    for (let i = 0; i < KEYS.length; i++) {
      for (let j = i + 1; j < KEYS.length; j++) {
        expect(cramersV(cats[KEYS[i]], cats[KEYS[j]]), `${KEYS[i]} × ${KEYS[j]}`).toBeLessThan(0.25);
      }
    }
  });

  it('combines every hair style with every kind of glasses', () => {
    const pairs = new Set(SAMPLES.map((s) => `${s.hairStyle}|${s.glasses}`));
    expect(pairs.size).toBe(9 * 4);
  });
});
