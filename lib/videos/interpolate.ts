// Interpolation between keyframe latents for videos: pure math on plain arrays, no tfjs,
// so the web process can validate a request and tests can check it exactly.
//
// Z space: spherical interpolation (slerp) between z vectors, which keeps in-between z on
// the Gaussian shell where the mapping network was trained. W space: linear interpolation
// of w+ (W is roughly flat, and linear paths are what the StyleGAN paper measures).
// The spline easing runs a Catmull-Rom curve through every keyframe so the path has no
// corner at a keyframe; in Z it is rescaled to the slerped norm for the same reason.

export type InterpolationSpace = 'z' | 'w';
export type Easing = 'linear' | 'ease-in-out' | 'spline';

export type Vector = Float32Array | number[];

export function lerp(a: Vector, b: Vector, t: number): Float32Array {
  assertSameLength(a, b);
  const out = new Float32Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i] + (b[i] - a[i]) * t;
  return out;
}

function norm(v: Vector): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i] * v[i];
  return Math.sqrt(s);
}

/**
 * Spherical interpolation. Follows the great circle between the directions of a and b
 * while the norm moves linearly from |a| to |b|; falls back to lerp when they are
 * (anti)parallel within float precision, where the great circle is undefined.
 */
export function slerp(a: Vector, b: Vector, t: number): Float32Array {
  assertSameLength(a, b);
  const na = norm(a);
  const nb = norm(b);
  if (na === 0 || nb === 0) return lerp(a, b, t);
  let dot = 0;
  for (let i = 0; i < a.length; i++) dot += (a[i] / na) * (b[i] / nb);
  dot = Math.min(1, Math.max(-1, dot));
  const omega = Math.acos(dot);
  const sinOmega = Math.sin(omega);
  if (sinOmega < 1e-6) return lerp(a, b, t);
  const wa = Math.sin((1 - t) * omega) / sinOmega;
  const wb = Math.sin(t * omega) / sinOmega;
  const scale = na + (nb - na) * t;
  const out = new Float32Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = (wa * (a[i] / na) + wb * (b[i] / nb)) * scale;
  return out;
}

/** Maps local time t ∈ [0, 1] within one transition. The spline is eased by its shape, not its clock. */
export function ease(easing: Easing, t: number): number {
  if (easing === 'ease-in-out') return 0.5 - 0.5 * Math.cos(Math.PI * t);
  return t;
}

/** Uniform Catmull-Rom between p1 and p2 (p0 and p3 set the tangents). */
export function catmullRom(p0: Vector, p1: Vector, p2: Vector, p3: Vector, t: number): Float32Array {
  const t2 = t * t;
  const t3 = t2 * t;
  const c0 = -0.5 * t3 + t2 - 0.5 * t;
  const c1 = 1.5 * t3 - 2.5 * t2 + 1;
  const c2 = -1.5 * t3 + 2 * t2 + 0.5 * t;
  const c3 = 0.5 * t3 - 0.5 * t2;
  const out = new Float32Array(p1.length);
  for (let i = 0; i < p1.length; i++) out[i] = c0 * p0[i] + c1 * p1[i] + c2 * p2[i] + c3 * p3[i];
  return out;
}

export type FrameScheduleOptions = {
  keyframeCount: number;
  secondsPerTransition: number;
  fps: number;
  /** Return to the first keyframe at the end (one more transition, last frame not repeated). */
  loop: boolean;
};

/**
 * How many frames a video has. A looping video has `keyframes` transitions and its last
 * frame is one step before the first keyframe again (so playback loops seamlessly); an
 * open one has `keyframes − 1` transitions and ends exactly on the last keyframe.
 * Duration is always frames / fps = transitions × secondsPerTransition (to a frame).
 */
export function frameCount(o: FrameScheduleOptions): number {
  return transitionCount(o) * framesPerTransition(o);
}

export function transitionCount(o: Pick<FrameScheduleOptions, 'keyframeCount' | 'loop'>): number {
  if (!Number.isInteger(o.keyframeCount) || o.keyframeCount < 2) throw new Error('a video needs at least two keyframes');
  return o.loop ? o.keyframeCount : o.keyframeCount - 1;
}

export function framesPerTransition(o: Pick<FrameScheduleOptions, 'secondsPerTransition' | 'fps'>): number {
  if (!(o.fps > 0)) throw new Error('fps must be greater than 0');
  if (!(o.secondsPerTransition > 0)) throw new Error('seconds per transition must be greater than 0');
  return Math.max(1, Math.round(o.secondsPerTransition * o.fps));
}

export type FramePosition = {
  /** index of the keyframe the transition starts from */
  from: number;
  /** index of the keyframe it goes to (wraps to 0 when looping) */
  to: number;
  /** raw local time in [0, 1] within the transition, before easing */
  t: number;
};

/** Where frame `index` sits on the keyframe path. */
export function framePosition(o: FrameScheduleOptions, index: number): FramePosition {
  const total = frameCount(o);
  if (!Number.isInteger(index) || index < 0 || index >= total) throw new Error(`frame ${index} is outside [0, ${total})`);
  const transitions = transitionCount(o);
  // Global position in keyframe units: looping videos step evenly and never reach `transitions`;
  // open ones are stretched so the last frame lands exactly on the last keyframe.
  const u = o.loop ? index / framesPerTransition(o) : total === 1 ? 0 : (index * transitions) / (total - 1);
  const from = Math.min(Math.floor(u), transitions - 1);
  const t = u - from;
  const to = o.loop ? (from + 1) % o.keyframeCount : from + 1;
  return { from, to, t };
}

export type InterpolateOptions = { space: InterpolationSpace; easing: Easing; loop: boolean };

/** The latent for one frame position, from the keyframe vectors (z or flattened w+). */
export function interpolateAt(keyframes: Vector[], pos: FramePosition, opts: InterpolateOptions): Float32Array {
  const n = keyframes.length;
  const a = keyframes[pos.from];
  const b = keyframes[pos.to];
  if (opts.easing !== 'spline') {
    const t = ease(opts.easing, pos.t);
    return opts.space === 'z' ? slerp(a, b, t) : lerp(a, b, t);
  }
  // Neighbours for the tangents: wrap when looping, else repeat the end keyframes
  // (zero tangent there, so an open video starts and ends gently).
  const at = (i: number) => (opts.loop ? keyframes[((i % n) + n) % n] : keyframes[Math.min(n - 1, Math.max(0, i))]);
  const curve = catmullRom(at(pos.from - 1), a, b, at(pos.from + 2), pos.t);
  if (opts.space === 'w') return curve;
  const target = norm(a) + (norm(b) - norm(a)) * pos.t;
  const current = norm(curve);
  if (current > 0) for (let i = 0; i < curve.length; i++) curve[i] *= target / current;
  return curve;
}

/** Every frame's latent, in order (for callers that want them all; the worker goes batch by batch). */
export function interpolateFrames(keyframes: Vector[], schedule: FrameScheduleOptions, opts: Omit<InterpolateOptions, 'loop'>): Float32Array[] {
  if (keyframes.length !== schedule.keyframeCount) throw new Error('keyframe count does not match the schedule');
  const total = frameCount(schedule);
  return Array.from({ length: total }, (_, i) => interpolateAt(keyframes, framePosition(schedule, i), { ...opts, loop: schedule.loop }));
}

function assertSameLength(a: Vector, b: Vector) {
  if (a.length !== b.length) throw new Error(`vectors differ in length (${a.length} vs ${b.length})`);
}
