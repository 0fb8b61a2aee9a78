import { describe, expect, it } from 'vitest';
import {
  ease,
  frameCount,
  framePosition,
  interpolateAt,
  interpolateFrames,
  lerp,
  slerp,
  type FrameScheduleOptions,
} from '@/lib/videos/interpolate';

const norm = (v: ArrayLike<number>) => Math.sqrt(Array.from(v).reduce((s, x) => s + x * x, 0));
const dot = (a: ArrayLike<number>, b: ArrayLike<number>) => Array.from(a).reduce((s, x, i) => s + x * b[i], 0);
const angle = (a: ArrayLike<number>, b: ArrayLike<number>) => Math.acos(Math.min(1, dot(a, b) / (norm(a) * norm(b))));

describe('slerp and lerp', () => {
  const a = [3, 0, 0, 0];
  const b = [0, 3, 0, 0];

  it('slerp starts at a, ends at b, and keeps equal-norm vectors on the sphere at a constant angular speed', () => {
    expect(Array.from(slerp(a, b, 0))).toEqual(a);
    expect(Array.from(slerp(a, b, 1)).map((x) => Math.round(x * 1e6) / 1e6)).toEqual(b);
    for (const t of [0.1, 0.25, 0.5, 0.8]) {
      const v = slerp(a, b, t);
      expect(norm(v)).toBeCloseTo(3, 5);
      expect(angle(a, v)).toBeCloseTo((t * Math.PI) / 2, 5);
    }
  });

  it('slerp moves the norm linearly between different norms, and lerp cuts the chord', () => {
    const c = [0, 5, 0, 0];
    expect(norm(slerp(a, c, 0.5))).toBeCloseTo(4, 5);
    expect(Array.from(lerp(a, c, 0.5))).toEqual([1.5, 2.5, 0, 0]);
    expect(norm(lerp(a, b, 0.5))).toBeLessThan(3); // why Z uses slerp: the chord leaves the shell
  });

  it('slerp of parallel vectors falls back to a straight line instead of dividing by zero', () => {
    const v = slerp([1, 1], [2, 2], 0.5);
    expect(Array.from(v)).toEqual([1.5, 1.5]);
  });

  it('rejects vectors of different lengths', () => {
    expect(() => lerp([1, 2], [1], 0.5)).toThrow(/differ in length/);
  });
});

describe('easing', () => {
  it('ease-in-out is symmetric, pinned at the ends and slow near them', () => {
    expect(ease('ease-in-out', 0)).toBe(0);
    expect(ease('ease-in-out', 1)).toBeCloseTo(1, 12);
    expect(ease('ease-in-out', 0.5)).toBeCloseTo(0.5, 12);
    expect(ease('ease-in-out', 0.3) + ease('ease-in-out', 0.7)).toBeCloseTo(1, 12);
    expect(ease('ease-in-out', 0.05)).toBeLessThan(0.01);
    expect(ease('linear', 0.05)).toBe(0.05);
  });
});

describe('frame schedule', () => {
  const open: FrameScheduleOptions = { keyframeCount: 3, secondsPerTransition: 1, fps: 10, loop: false };
  const looped: FrameScheduleOptions = { ...open, loop: true };

  it('counts transitions × seconds × fps frames', () => {
    expect(frameCount(open)).toBe(20);
    expect(frameCount(looped)).toBe(30);
    expect(frameCount({ keyframeCount: 2, secondsPerTransition: 2, fps: 24, loop: false })).toBe(48);
  });

  it('an open video starts on the first keyframe and ends exactly on the last', () => {
    expect(framePosition(open, 0)).toEqual({ from: 0, to: 1, t: 0 });
    expect(framePosition(open, 19)).toEqual({ from: 1, to: 2, t: 1 });
  });

  it('a looping video steps evenly and its last frame sits just before the first keyframe', () => {
    expect(framePosition(looped, 10)).toEqual({ from: 1, to: 2, t: 0 });
    const last = framePosition(looped, 29);
    expect(last.from).toBe(2);
    expect(last.to).toBe(0);
    expect(last.t).toBeCloseTo(0.9, 12);
  });

  it('rejects an fps of 0, too few keyframes and frames outside the video', () => {
    expect(() => frameCount({ ...open, fps: 0 })).toThrow(/fps must be greater than 0/);
    expect(() => frameCount({ ...open, keyframeCount: 1 })).toThrow(/at least two keyframes/);
    expect(() => framePosition(open, 20)).toThrow(/outside/);
  });
});

describe('interpolating frames', () => {
  const keys = [
    [1, 0, 0],
    [0, 2, 0],
    [0, 0, 1],
  ];

  it('linear W frames pass through every keyframe and are evenly spaced', () => {
    const frames = interpolateFrames(keys, { keyframeCount: 3, secondsPerTransition: 0.5, fps: 4, loop: false }, { space: 'w', easing: 'linear' });
    expect(frames).toHaveLength(4);
    expect(Array.from(frames[0])).toEqual(keys[0]);
    expect(Array.from(frames[3])).toEqual(keys[2]);
    // 4 frames over 2 transitions: u = 0, 2/3, 4/3, 2
    expect(Array.from(frames[1]).map((x) => +x.toFixed(5))).toEqual([+(1 / 3).toFixed(5), +(4 / 3).toFixed(5), 0]);
  });

  it('the spline goes through the keyframes without a corner (matching velocity on both sides)', () => {
    const opts = { space: 'w' as const, easing: 'spline' as const, loop: false };
    const at = (from: number, t: number) => interpolateAt(keys, { from, to: from + 1, t }, opts);
    expect(Array.from(at(1, 0))).toEqual(keys[1]);
    expect(Array.from(at(0, 1)).map((x) => +x.toFixed(6))).toEqual(keys[1]);
    const h = 1e-4;
    const before = Array.from(at(0, 1)).map((x, i) => (x - at(0, 1 - h)[i]) / h);
    const after = Array.from(at(1, h)).map((x, i) => (x - at(1, 0)[i]) / h);
    before.forEach((v, i) => expect(v).toBeCloseTo(after[i], 2));
    // Linear easing, by contrast, turns a corner at the keyframe.
    const lin = { space: 'w' as const, easing: 'linear' as const, loop: false };
    const lb = interpolateAt(keys, { from: 0, to: 1, t: 1 - h }, lin);
    const la = interpolateAt(keys, { from: 1, to: 2, t: h }, lin);
    expect(Math.abs((keys[1][0] - lb[0]) / h - (la[0] - keys[1][0]) / h)).toBeGreaterThan(0.5);
  });

  it('a looping spline uses the wrapped neighbours, and Z splines stay at the slerped norm', () => {
    const z = [
      [2, 0, 0, 0],
      [0, 2, 0, 0],
      [0, 0, 2, 0],
      [0, 0, 0, 2],
    ];
    const frames = interpolateFrames(z, { keyframeCount: 4, secondsPerTransition: 1, fps: 5, loop: true }, { space: 'z', easing: 'spline' });
    expect(frames).toHaveLength(20);
    for (const f of frames) expect(norm(f)).toBeCloseTo(2, 4);
    // The last transition heads from keyframe 3 back to keyframe 0.
    expect(dot(frames[19], z[0])).toBeGreaterThan(dot(frames[15], z[0]));
  });

  it('Z linear frames are slerps, so they never dip inside the sphere', () => {
    const z = [
      [2, 0],
      [0, 2],
    ];
    const frames = interpolateFrames(z, { keyframeCount: 2, secondsPerTransition: 1, fps: 9, loop: false }, { space: 'z', easing: 'ease-in-out' });
    for (const f of frames) expect(norm(f)).toBeCloseTo(2, 5);
  });
});
