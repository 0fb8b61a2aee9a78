// What a video request may ask for, checked before anything is written: keyframes (two or
// more saved latents of one model), interpolation space and easing, timing, size, noise.
import { z } from 'zod';
import { badRequest } from '@/lib/api/errors';
import { frameCount } from '@/lib/videos/interpolate';

export const videoSettingsSchema = z.object({
  space: z.enum(['z', 'w']).default('w'),
  easing: z.enum(['linear', 'ease-in-out', 'spline']).default('ease-in-out'),
  secondsPerTransition: z.number().positive('secondsPerTransition must be greater than 0').max(60, 'secondsPerTransition is at most 60').default(2),
  fps: z.number().int('fps must be a whole number').min(1, 'fps must be at least 1').max(60, 'fps is at most 60').default(24),
  loop: z.boolean().default(false),
  /** output width = height in pixels (even); defaults to the model's resolution */
  size: z.number().int().min(16, 'size is at least 16').max(1024, 'size is at most 1024').refine((v) => v % 2 === 0, 'size must be even').optional(),
  /** truncation ψ for Z-space videos (default: the first keyframe's) */
  psi: z.number().min(-2).max(2).optional(),
  /** 'const': the model's fixed noise, identical in every frame (no flicker); 'none': no noise */
  noise: z.enum(['const', 'none']).default('const'),
});
export type VideoSettingsInput = z.infer<typeof videoSettingsSchema>;

export const videoNameSchema = z.string().trim().min(1, 'Name is required').max(120);
export const visibilitySchema = z.enum(['PRIVATE', 'UNLISTED', 'PUBLIC']);

export const createVideoInput = videoSettingsSchema.extend({
  name: videoNameSchema,
  keyframes: z.array(z.string().min(1)).min(2, 'a video needs at least two keyframes').max(64, 'at most 64 keyframes'),
  workspace: z.string().optional(),
  visibility: visibilitySchema.default('PRIVATE'),
});
export type CreateVideoInput = z.infer<typeof createVideoInput>;

export const updateVideoInput = z
  .object({ name: videoNameSchema.optional(), visibility: visibilitySchema.optional() })
  .refine((v) => v.name !== undefined || v.visibility !== undefined, 'Nothing to update: send name and/or visibility');
export type UpdateVideoInput = z.infer<typeof updateVideoInput>;

/** The settings stored on the Video row and read by the worker. */
export type VideoSettings = Required<Omit<VideoSettingsInput, 'psi'>> & {
  psi: number;
  psiLayers: number[] | null;
  truncationCutoff: number | null;
  checkpointId: string;
  frames: number;
  durationSec: number;
};

type Keyframe = { id: string; modelId: string; z: number[]; psi: number; psiLayers: number[]; truncationCutoff: number | null };

/** Checks keyframes against each other and the settings; returns what the worker needs. */
export function resolveVideoSettings(
  input: CreateVideoInput,
  keyframes: Keyframe[],
  model: { checkpointId: string; imgResolution: number },
  maxFrames: number,
): VideoSettings {
  const models = [...new Set(keyframes.map((k) => k.modelId))];
  if (models.length > 1) throw badRequest(`keyframes come from different models (${models.join(', ')}): a video interpolates within one model`);
  if (input.space === 'z') {
    const missing = keyframes.findIndex((k) => k.z.length === 0);
    if (missing >= 0) throw badRequest(`keyframes[${missing}] has no z (it was saved from w+, e.g. a mix): use space "w"`);
  }
  const frames = frameCount({ keyframeCount: keyframes.length, secondsPerTransition: input.secondsPerTransition, fps: input.fps, loop: input.loop });
  if (frames > maxFrames) {
    throw badRequest(`This video would have ${frames} frames; the limit is ${maxFrames} (VIDEO_MAX_FRAMES). Use fewer keyframes, shorter transitions or a lower fps.`);
  }
  const first = keyframes[0];
  return {
    space: input.space,
    easing: input.easing,
    secondsPerTransition: input.secondsPerTransition,
    fps: input.fps,
    loop: input.loop,
    size: input.size ?? Math.max(16, model.imgResolution),
    noise: input.noise,
    psi: input.psi ?? first.psi,
    // A ψ given for the video replaces the first keyframe's per-layer settings.
    psiLayers: input.psi === undefined && first.psiLayers.length ? first.psiLayers : null,
    truncationCutoff: input.psi === undefined ? first.truncationCutoff : null,
    checkpointId: model.checkpointId,
    frames,
    durationSec: frames / input.fps,
  };
}
