// Adds new weights to an existing model as its newest checkpoint (the one synthesis uses by
// default), from files in the official export layout. The architecture (config.json, defaults
// filled in) must be the model's: saved latents, mixes and videos of older checkpoints keep rendering with
// the weights they name. A worker renders the model's sample grid again.
import { db } from '@/lib/db';
import { badRequest, notFound } from '@/lib/api/errors';
import { enqueueJob } from '@/lib/jobs/enqueue-job';
import { sampleGridJob } from '@/lib/synthesis/jobs/synthesize';
import { startAutomaticDiscovery } from '@/lib/directions/start-discovery';
import { parseModelConfig } from '@/lib/models/architecture';
import type { ModelFiles } from '@/lib/models/validate-export';
import { storeModelFiles, validateModelFiles } from '@/lib/models/store-model-files';
import { recordProvenance } from '@/lib/provenance/record-provenance';

/** Whether two model configs describe the same networks (defaults filled in). */
export function sameArchitecture(a: unknown, b: unknown): boolean {
  const resolved = (raw: unknown) => {
    const c = parseModelConfig(raw);
    return JSON.stringify([c.generator_kwargs, c.discriminator_kwargs]);
  };
  return resolved(a) === resolved(b);
}

export async function addCheckpointFromFiles(
  modelId: string,
  files: ModelFiles,
  meta: { label: string; kimg?: number },
  owner: { userId: string; teamId: string | null },
) {
  const model = await db.model.findUnique({ where: { id: modelId }, select: { id: true, config: true } });
  if (!model) throw notFound('Model');
  const rawConfig = validateModelFiles(files);
  if (!sameArchitecture(model.config, rawConfig)) {
    throw badRequest('The new weights have a different architecture (config.json) than the model: import them as a new model');
  }
  const { gEma, checkpoint: weights } = await storeModelFiles(files, owner);
  const checkpoint = await db.checkpoint.create({
    data: { modelId, label: meta.label, kimg: meta.kimg ?? 0, ...weights },
    select: { id: true, sha256: true },
  });
  await recordProvenance({
    artifactType: 'CHECKPOINT',
    artifactId: checkpoint.id,
    asset: { id: gEma.id, sha256: gEma.sha256, mime: gEma.mime },
    modelId,
    checkpointSha256: checkpoint.sha256,
    inputs: { trainingOptions: { label: meta.label, kimg: meta.kimg ?? null } },
    userId: owner.userId,
    teamId: owner.teamId,
  });
  const job = await enqueueJob(sampleGridJob, { modelId, checkpointId: checkpoint.id }, owner);
  await startAutomaticDiscovery(modelId, checkpoint.id, owner);
  return { modelId, checkpointId: checkpoint.id, job };
}
