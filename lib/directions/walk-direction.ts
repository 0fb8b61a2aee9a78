// A video that walks along a direction: one edited latent per amount (the keyframes), all of the
// same base face, rendered as a W-space interpolation video. Bad input writes nothing; if the
// video is refused after the keyframes were saved, they are removed again.
import { z } from 'zod';
import { badRequest } from '@/lib/api/errors';
import { db } from '@/lib/db';
import { getLatent, saveLatent, saveLatentInput } from '@/lib/latents/latents';
import { MAX_EDIT_AMOUNT } from '@/lib/stylegan/directions/apply-edits';
import { createVideo } from '@/lib/videos/videos';
import { createVideoInput } from '@/lib/videos/video-settings';

export const walkDirectionInput = z.object({
  name: z.string().trim().min(1, 'Name is required').max(100),
  latentId: z.string().min(1),
  directionId: z.string().min(1),
  /** the keyframes: amounts along the direction, e.g. [-3, 0, 3] */
  amounts: z.array(z.number().finite().min(-MAX_EDIT_AMOUNT).max(MAX_EDIT_AMOUNT)).min(2, 'a walk needs at least two amounts').max(16, 'at most 16 amounts'),
  layers: z.union([z.enum(['coarse', 'middle', 'fine', 'all']), z.object({ start: z.number().int(), end: z.number().int() })]).optional(),
  secondsPerTransition: z.number().positive().max(60).default(2),
  fps: z.number().int().min(1).max(60).default(24),
  loop: z.boolean().default(false),
  workspace: z.string().optional(),
});

export async function walkDirection(userId: string, modelId: string, input: z.infer<typeof walkDirectionInput>) {
  const latent = await getLatent(userId, input.latentId).catch(() => null);
  if (!latent || latent.model.id !== modelId) throw badRequest(`latentId: no saved latent "${input.latentId}" of this model that you can use`);
  if (!latent.wplus) throw badRequest('latentId: this latent has no w+ to walk from');
  const video = createVideoInput.parse({
    name: input.name,
    keyframes: input.amounts.map((_, i) => `pending-${i}`),
    space: 'w',
    easing: 'linear',
    secondsPerTransition: input.secondsPerTransition,
    fps: input.fps,
    loop: input.loop,
    noise: latent.noiseMode === 'none' ? 'none' : 'const',
    workspace: input.workspace,
  });
  const keyframeInput = (amount: number) =>
    saveLatentInput.parse({
      modelId,
      ...(latent.checkpointId ? { checkpointId: latent.checkpointId } : {}),
      name: `${input.name} · ${amount > 0 ? '+' : ''}${amount}`,
      tags: ['direction-walk'],
      wplus: latent.wplus,
      edits: [{ directionId: input.directionId, amount, ...(input.layers ? { layers: input.layers } : {}) }],
      noiseMode: latent.noiseMode === 'random' ? 'const' : latent.noiseMode,
      workspace: input.workspace,
    });
  // The first keyframe is checked (direction, layers) before anything else is saved.
  const saved: string[] = [];
  try {
    for (const amount of input.amounts) saved.push((await saveLatent(userId, keyframeInput(amount))).id);
    return await createVideo(userId, { ...video, keyframes: saved });
  } catch (err) {
    if (saved.length) await db.latent.deleteMany({ where: { id: { in: saved } } });
    throw err;
  }
}
