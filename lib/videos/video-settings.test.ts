import { describe, expect, it } from 'vitest';
import { createVideoInput, resolveVideoSettings } from '@/lib/videos/video-settings';

const key = (id: string, modelId = 'm1', z = [0.1, 0.2]) => ({ id, modelId, z, psi: 0.7, psiLayers: [], truncationCutoff: null });
const model = { checkpointId: 'ck', imgResolution: 32 };
const input = (over: Record<string, unknown> = {}) => createVideoInput.parse({ name: 'v', keyframes: ['a', 'b'], ...over });

describe('video settings', () => {
  it('fills defaults and computes frames and duration', () => {
    const s = resolveVideoSettings(input({ fps: 10, secondsPerTransition: 1 }), [key('a'), key('b')], model, 100);
    expect(s).toMatchObject({ space: 'w', easing: 'ease-in-out', fps: 10, frames: 10, durationSec: 1, size: 32, psi: 0.7, noise: 'const', checkpointId: 'ck' });
    const looped = resolveVideoSettings(input({ fps: 10, secondsPerTransition: 1, loop: true, psi: 0.5 }), [key('a'), key('b')], model, 100);
    expect(looped).toMatchObject({ frames: 20, durationSec: 2, psi: 0.5 });
  });

  it('rejects an fps of 0, one keyframe, an odd size and a zero transition', () => {
    const msg = (over: Record<string, unknown>) => createVideoInput.safeParse({ name: 'v', keyframes: ['a', 'b'], ...over }).error?.issues[0]?.message;
    expect(msg({ fps: 0 })).toBe('fps must be at least 1');
    expect(msg({ keyframes: ['a'] })).toBe('a video needs at least two keyframes');
    expect(msg({ size: 63 })).toBe('size must be even');
    expect(msg({ secondsPerTransition: 0 })).toBe('secondsPerTransition must be greater than 0');
  });

  it('rejects keyframes from different models, Z videos of latents without z, and too many frames', () => {
    expect(() => resolveVideoSettings(input(), [key('a'), key('b', 'm2')], model, 1000)).toThrow(/different models \(m1, m2\)/);
    expect(() => resolveVideoSettings(input({ space: 'z' }), [key('a'), key('b', 'm1', [])], model, 1000)).toThrow(/keyframes\[1\] has no z/);
    expect(() => resolveVideoSettings(input({ fps: 30, secondsPerTransition: 10 }), [key('a'), key('b')], model, 200)).toThrow(
      /would have 300 frames; the limit is 200/,
    );
  });
});
