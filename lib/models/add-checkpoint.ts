// Adds new weights to an existing model as its newest checkpoint (the one synthesis uses by
// default), from files in the official export layout. The architecture (config.json, defaults
// filled in) must be the model's: saved latents, mixes and videos of older checkpoints keep rendering with
// the weights they name. A worker renders the model's sample grid again.
import { db } from '@/lib/db';
import { badRequest, notFound } from '@/lib/api/errors';
import { storeAsset } from '@/lib/assets/store-asset';
import { sha256Hex } from '@/lib/storage/storage';
import { enqueueJob } from '@/lib/queue/enqueue';
import { sampleGridJob } from '@/lib/queue/jobs/synthesize';
import { parseModelConfig } from '@/lib/models/architecture';
import { ExportError, validateExport, type ModelFiles } from '@/lib/models/validate-export';
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
  let validated;
  try {
    validated = validateExport(files);
  } catch (err) {
    if (err instanceof ExportError) throw badRequest(err.message);
    throw err;
  }
  if (!sameArchitecture(model.config, validated.rawConfig)) {
    throw badRequest('The new weights have a different architecture (config.json) than the model: import them as a new model');
  }
  const gEmaBytes = files.G_ema ?? files.G!;
  const gEma = await storeAsset(gEmaBytes, 'application/octet-stream', owner);
  const g = files.G_ema && files.G ? await storeAsset(files.G, 'application/octet-stream', owner) : files.G ? gEma : null;
  const d = files.D ? await storeAsset(files.D, 'application/octet-stream', owner) : null;
  const checkpoint = await db.checkpoint.create({
    data: { modelId, label: meta.label, kimg: meta.kimg ?? 0, gEmaAssetId: gEma.id, gAssetId: g?.id ?? null, dAssetId: d?.id ?? null, sha256: sha256Hex(gEmaBytes) },
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
  return { modelId, checkpointId: checkpoint.id, job };
}
