// The fields of a projection upload (multipart form fields are strings), parsed once here.
import { z } from 'zod';

const bool = z.enum(['true', 'false', '1', '0', 'on', 'off']).transform((v) => v === 'true' || v === '1' || v === 'on');

export const projectionFields = z.object({
  modelId: z.string().min(1, 'choose a model'),
  checkpointId: z.string().min(1).optional(),
  /** 'wplus' (one w per layer, noise maps optimised) or 'w' (one w, the model's constant noise) */
  mode: z.enum(['w', 'wplus']).default('wplus'),
  steps: z.coerce.number().int('a whole number of steps').min(10, 'at least 10 steps').default(300),
  align: bool.default(true),
  faceIndex: z.coerce.number().int().min(0).optional(),
  /** weight of the face-identity term (0 = off) */
  identityWeight: z.coerce.number().min(0).max(10).default(0),
  name: z.string().trim().min(1).max(120).optional(),
});

export type ProjectionFields = z.infer<typeof projectionFields>;

/** What the job needs to run (stored on the row as `settings`). */
export const projectionSettings = z.object({
  mode: z.enum(['w', 'wplus']),
  steps: z.number().int().min(1),
  optimizeNoise: z.boolean(),
  align: z.boolean(),
  identityWeight: z.number().min(0),
  seed: z.number().int().min(0),
  name: z.string(),
});

export type ProjectionSettings = z.infer<typeof projectionSettings>;

export const shareProjectionInput = z.object({
  /** the owner confirms they have the right to share this person's likeness */
  confirmLikeness: z.literal(true, { message: 'confirm that you have the right to share the likeness of the person in the photo' }),
  visibility: z.enum(['UNLISTED', 'PUBLIC']).default('UNLISTED'),
});
