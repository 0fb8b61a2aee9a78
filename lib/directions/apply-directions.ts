// Applying directions to a latent: the edited w+ (JSON) for saving, mixing or video keyframes,
// and the live preview (one PNG rendered in this process, without a job row or stored asset, so a
// slider drag stays interactive). Both need a model the user can use (lib/access/directions).
import { z } from 'zod';
import { assertAppliesDirections } from '@/lib/access/directions';
import { badRequest } from '@/lib/api/errors';
import { editedWplus, editsField, resolveEdits } from '@/lib/directions/edit-input';
import { numWsFor } from '@/lib/stylegan/config';
import { noiseModeField, wplusList } from '@/lib/synthesis/latent-input';

export const applyDirectionsInput = z.object({
  checkpointId: z.string().min(1).optional(),
  /** the base latent [num_ws][w_dim] */
  wplus: z.unknown(),
  edits: editsField,
  noiseMode: noiseModeField.default('const'),
});

export type ApplyDirectionsInput = z.infer<typeof applyDirectionsInput>;

async function prepared(userId: string, modelId: string, input: ApplyDirectionsInput) {
  const model = await assertAppliesDirections(userId, modelId, input.checkpointId);
  const g = model.config.generator_kwargs;
  const numWs = numWsFor(g);
  if (Array.isArray(input.wplus) && Array.isArray(input.wplus[0]) && Array.isArray(input.wplus[0][0])) {
    throw badRequest('wplus: send one latent [num_ws][w_dim]');
  }
  const base = wplusList(input.wplus, 'wplus', numWs, g.w_dim, 1)[0];
  const edits = await resolveEdits({ ...model, numWs }, input.edits);
  return { model, base, edits, wplus: editedWplus(base, edits) };
}

export async function applyDirections(userId: string, modelId: string, input: ApplyDirectionsInput) {
  const { model, base, edits, wplus } = await prepared(userId, modelId, input);
  return { modelId: model.id, checkpointId: model.checkpointId, base: base.map((l) => Array.from(Float32Array.from(l))), edits, wplus };
}

/** One 8-bit PNG of the edited latent, rendered by the preview renderer process (lib/directions/preview-client.ts), with the backend and render time. */
export async function previewDirections(userId: string, modelId: string, input: ApplyDirectionsInput): Promise<{ png: Buffer; backend: string; renderMs: number }> {
  const { model, wplus } = await prepared(userId, modelId, input);
  const { renderPreviewPng } = await import('@/lib/directions/preview-client');
  // random noise: seed 0 per layer, as a worker renders noiseSeed 0 (saved edits use const noise)
  return renderPreviewPng(model.checkpointId, wplus, input.noiseMode);
}
