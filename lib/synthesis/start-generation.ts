// POST /generate: validates a request against the model it names and enqueues it for a
// synthesis worker. Nothing is written unless every value is valid.
import { randomInt } from 'node:crypto';
import { z } from 'zod';
import { env } from '@/lib/env';
import { ApiError, badRequest } from '@/lib/api/errors';
import { enqueueJob } from '@/lib/jobs/enqueue-job';
import { getNewJobForUserWaiting } from '@/lib/jobs/get-job';
import { isFinished } from '@/lib/queue/job-state';
import { synthesizeJob, type SynthesizePayload } from '@/lib/synthesis/jobs/synthesize';
import { resolveWorkspace } from '@/lib/projects/workspace';
import { modelForSynthesis } from '@/lib/models/models';
import { numWsFor } from '@/lib/stylegan/config';
import { latentRequestFields, noiseModeField, psiLayersValue, psiValue, tooMany, vectorList, wplusList } from '@/lib/synthesis/latent-input';

export const generateInput = z.object({
  ...latentRequestFields,
  seeds: z.array(z.number().int().min(0).max(0xffffffff, 'seeds are integers in [0, 2^32)')).min(1).optional(),
  w: z.unknown().optional(),
  noiseMode: noiseModeField.optional(),
  noiseSeed: z.number().int().min(0).max(2 ** 31 - 1).optional(),
  nudge: z
    .object({
      count: z.number().int().min(1).max(64).default(8),
      step: z.number().min(0).max(4).default(0.25),
      seed: z.number().int().min(0).max(0xffffffff).optional(),
    })
    .optional(),
  returnLatents: z.boolean().optional(),
});

export type GenerateInput = z.infer<typeof generateInput>;

/** A modelId in a request body that the caller cannot use: the same 400 whether it exists or not. */
export async function usableModel(userId: string, modelId: string, checkpointId?: string | null) {
  try {
    return await modelForSynthesis(userId, modelId, checkpointId);
  } catch (err) {
    if (err instanceof ApiError && err.code === 'not_found') {
      throw badRequest(checkpointId ? 'checkpointId: no such checkpoint of this model' : `modelId: no model "${modelId}" that you can use`);
    }
    throw err;
  }
}

export function buildSynthesisPayload(input: GenerateInput, model: { id: string; checkpointId: string; config: { generator_kwargs: { z_dim: number; w_dim: number; img_resolution: number } } }): Omit<SynthesizePayload, 'testDelayMs'> {
  const g = model.config.generator_kwargs;
  const numWs = numWsFor(g);
  const max = env().GENERATE_MAX_IMAGES;
  const given = (['seeds', 'z', 'w', 'wplus'] as const).filter((k) => input[k] !== undefined);
  if (given.length !== 1) throw badRequest(`Send exactly one of seeds, z, w or wplus${given.length ? ` (got ${given.join(', ')})` : ''}`);
  let source: SynthesizePayload['source'];
  if (input.seeds) {
    tooMany(input.seeds.length, max, 'seeds');
    source = { kind: 'seeds', seeds: input.seeds };
  } else if (input.z !== undefined) source = { kind: 'z', z: vectorList(input.z, 'z', g.z_dim, 'z_dim', max) };
  else if (input.w !== undefined) source = { kind: 'w', w: vectorList(input.w, 'w', g.w_dim, 'w_dim', max) };
  else source = { kind: 'wplus', wplus: wplusList(input.wplus, 'wplus', numWs, g.w_dim, max) };

  const psi = input.psi === undefined ? 1 : psiValue(input.psi, 'psi');
  const psiLayers = input.psiLayers === undefined || input.psiLayers === null ? null : psiLayersValue(input.psiLayers, numWs);
  const cutoff = input.truncationCutoff ?? null;
  if (cutoff !== null && cutoff > numWs) throw badRequest(`truncationCutoff must be at most ${numWs} (num_ws)`);
  const noiseMode = input.noiseMode ?? 'const';
  const count = source.kind === 'seeds' ? source.seeds.length : source.kind === 'z' ? source.z.length : source.kind === 'w' ? source.w.length : source.wplus.length;
  let nudge: SynthesizePayload['nudge'] = null;
  if (input.nudge) {
    if (count !== 1) throw badRequest('nudge needs exactly one source (one seed, z, w or w+)');
    tooMany(input.nudge.count, max, 'nudge.count');
    nudge = { count: input.nudge.count, step: input.nudge.step, seed: input.nudge.seed ?? randomInt(0, 2 ** 32 - 1) };
  }
  return {
    modelId: model.id,
    checkpointId: model.checkpointId,
    source,
    psi,
    psiLayers,
    truncationCutoff: cutoff,
    noiseMode,
    noiseSeed: input.noiseSeed ?? (noiseMode === 'random' ? randomInt(0, 2 ** 31 - 1) : 0),
    nudge,
    returnLatents: input.returnLatents ?? false,
  };
}

export async function startGeneration(userId: string, input: GenerateInput) {
  const model = await usableModel(userId, input.modelId, input.checkpointId);
  const ws = await resolveWorkspace(userId, input.workspace);
  const payload = buildSynthesisPayload(input, model);
  return enqueueJob(synthesizeJob, payload, { userId, teamId: ws.kind === 'team' ? ws.teamId : null });
}

/** POST /generate's query: `wait` seconds (0–25) to wait for the job to finish before answering. */
export const generateQuery = z.object({
  wait: z.coerce.number().min(0).max(25).default(0),
});

/**
 * Starts the generation and, when `waitSeconds` > 0, waits for it as GET /jobs/:id?wait= would:
 * the finished job (200) saves the explorer a second request; one still running is a 202 the
 * client then long-polls.
 */
export async function startGenerationWaiting(userId: string, input: GenerateInput, waitSeconds: number, signal?: AbortSignal) {
  const started = await startGeneration(userId, input);
  if (waitSeconds <= 0) return { job: started, finished: false };
  const job = await getNewJobForUserWaiting(userId, started.id, waitSeconds, signal);
  return { job, finished: isFinished(job.state) };
}
