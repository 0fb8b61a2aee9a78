import { describe, expect, it } from 'vitest';
import { cropQuad, ffhqQuad, reflectIndex, type Point } from './align';

/** 68 landmarks with only the points alignment reads placed (eyes 36–47, mouth corners 48 and 54). */
function landmarks(eyeL: Point, eyeR: Point, mouthL: Point, mouthR: Point): Point[] {
  const pts: Point[] = Array.from({ length: 68 }, () => ({ x: 0, y: 0 }));
  for (let i = 36; i < 42; i++) pts[i] = eyeL;
  for (let i = 42; i < 48; i++) pts[i] = eyeR;
  pts[48] = mouthL;
  pts[54] = mouthR;
  return pts;
}

describe('FFHQ-style alignment', () => {
  it('gives an upright square centred just below the eyes for a level face', () => {
    const q = ffhqQuad(landmarks({ x: 80, y: 100 }, { x: 120, y: 100 }, { x: 85, y: 140 }, { x: 115, y: 140 }));
    // eye-to-eye 40, eye-to-mouth 40: x = (40 + 40, 0) normalised × max(80, 72) = 80
    expect(q.x.x).toBeCloseTo(80, 6);
    expect(q.x.y).toBeCloseTo(0, 6);
    expect(q.y.x).toBeCloseTo(0, 6);
    expect(q.y.y).toBeCloseTo(80, 6);
    expect(q.centre.x).toBeCloseTo(100, 6);
    expect(q.centre.y).toBeCloseTo(104, 6);
    expect(q.size).toBeCloseTo(160, 6);
  });

  it('rotates the crop with a tilted face (eyes come out level)', () => {
    const c = Math.cos(Math.PI / 6);
    const s = Math.sin(Math.PI / 6);
    const rot = (p: Point): Point => ({ x: 100 + (p.x - 100) * c - (p.y - 100) * s, y: 100 + (p.x - 100) * s + (p.y - 100) * c });
    const q = ffhqQuad(landmarks(rot({ x: 80, y: 100 }), rot({ x: 120, y: 100 }), rot({ x: 85, y: 140 }), rot({ x: 115, y: 140 })));
    expect(Math.atan2(q.x.y, q.x.x)).toBeCloseTo(Math.PI / 6, 6);
    expect(q.size).toBeCloseTo(160, 6);
  });

  it('reflects indices outside the image', () => {
    expect([-3, -2, -1, 0, 1, 2, 3, 4, 5, 6].map((i) => reflectIndex(i, 4))).toEqual([2, 1, 0, 0, 1, 2, 3, 3, 2, 1]);
  });

  it('crops by reflection where the quad leaves the photo', () => {
    // 4×1 photo: a left-to-right ramp. A crop centred on its left edge sees the ramp mirrored.
    const img = { width: 4, height: 1, data: new Uint8Array([0, 0, 0, 80, 80, 80, 160, 160, 160, 240, 240, 240]) };
    const out = cropQuad(img, { centre: { x: 0, y: 0.5 }, x: { x: 2, y: 0 }, y: { x: 0, y: 0.5 }, size: 4 }, 4);
    const row = [0, 1, 2, 3].map((u) => out[u * 3]);
    expect(row).toEqual([...row].reverse().map((v) => v)); // symmetric about the edge
    expect(row[0]).toBeGreaterThan(row[1]);
  });
});
