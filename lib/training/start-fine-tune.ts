// Starts a fine-tune: checks the dataset (licence declared, images present) and the base
// model (one the user may use, with a discriminator, same resolution), records the run and
// its result model (licence derived, most restrictive), and enqueues it on the training queue.
import { recordAudit } from '@/lib/audit/record-audit';
import { db } from '@/lib/db';
import { badRequest } from '@/lib/api/errors';
import { findAccessibleDataset, usability } from '@/lib/datasets/datasets';
import { manifestFor } from '@/lib/datasets/manifest';
import { findBaseModel, modelResolution } from '@/lib/training/base-models';
import { enqueueJob } from '@/lib/jobs/enqueue-job';
import { fineTuneJob } from '@/lib/training/jobs/fine-tune';
import { deriveLicence, type LicenceTerms } from '@/lib/training/derive-licence';
import { estimateRun } from '@/lib/training/estimate';
import { assertModelReviewed, assertReviewedForTraining } from '@/lib/licensing/review';
import { recordProvenance } from '@/lib/provenance/record-provenance';
import { assertGpuQuota } from '@/lib/usage/gpu-quota';
import type { StartFineTuneInput, StoredRunOptions } from '@/lib/training/options';
import { getTrainingRun } from '@/lib/training/training-runs';

/** Validates and records a run (no queue); the caller enqueues. Exported for tests that use their own queue. */
export async function createFineTuneRun(userId: string, input: StartFineTuneInput) {
  const dataset = await findAccessibleDataset(userId, input.datasetId);
  const usable = usability(dataset);
  if (dataset.reviewStatus !== 'NOT_REQUIRED') await assertReviewedForTraining(dataset.id); // 403 while PENDING or REJECTED
  if (!usable.ok) throw badRequest(`Dataset "${dataset.name}": ${usable.reason}`);
  await assertGpuQuota({ userId, teamId: dataset.teamId }); // 429 before anything is written
  const base = await findBaseModel(userId, input.baseModelId); // 404 unless the user may use it
  await assertModelReviewed(base.id); // 403 while it (or a model of its chain) waits for licence review
  const checkpoint = base.checkpoints[0];
  if (!checkpoint) throw badRequest(`Model "${base.name}" has no weights yet`);
  if (!checkpoint.dAssetId) throw badRequest(`Model "${base.name}" was imported without D.safetensors: fine-tuning needs the discriminator too`);
  const resolution = modelResolution(base.config);
  if (resolution !== dataset.resolution) {
    throw badRequest(`The base model makes ${resolution} px images but dataset "${dataset.name}" is prepared at ${dataset.resolution} px: use a ${resolution} px dataset`);
  }
  const o = input.options;
  if (o.gridCols * o.gridRows > 64) throw badRequest('options: the sample grid may hold at most 64 images');

  const manifest = await manifestFor(dataset.id);
  const licence = deriveLicence(base.license as LicenceTerms | null, dataset.license as LicenceTerms);
  const estimate = await estimateRun(resolution, o.kimg, base);
  const stored: StoredRunOptions = {
    ...o,
    mirror: o.mirror ?? dataset.mirror,
    resolution,
    baseCheckpointId: checkpoint.id,
    datasetManifestHash: manifest.hash,
    datasetImages: manifest.images,
  };
  const name = input.name ?? `${base.name} × ${dataset.name}`;
  const run = await db.$transaction(async (tx) => {
    const lic = await tx.license.create({ data: licence, select: { id: true } });
    const model = await tx.model.create({
      data: {
        name,
        description: `Fine-tuned from ${base.name} on dataset ${dataset.name} (version ${manifest.hash.slice(0, 12)}).`,
        ownerId: userId,
        teamId: dataset.teamId,
        projectId: dataset.projectId,
        visibility: 'PRIVATE',
        // Usable once the run completes (or its owner promotes a checkpoint of a partial run).
        ready: false,
        config: base.config as object,
        licenseId: lic.id,
        baseModelId: base.id,
        datasetId: dataset.id,
        reviewStatus: dataset.reviewStatus === 'PENDING' ? 'PENDING' : 'NOT_REQUIRED',
      },
      select: { id: true },
    });
    const run = await tx.trainingRun.create({
      data: {
        name,
        ownerId: userId,
        teamId: dataset.teamId,
        projectId: dataset.projectId,
        datasetId: dataset.id,
        baseModelId: base.id,
        resultModelId: model.id,
        options: stored as object,
        targetKimg: o.kimg,
        augmentP: o.aug === 'noaug' ? 0 : o.p,
        estimate: estimate as object,
      },
      select: { id: true, teamId: true },
    });
    return { ...run, modelId: model.id };
  });
  await recordProvenance({
    artifactType: 'MODEL',
    artifactId: run.modelId,
    modelId: run.modelId,
    inputs: { trainingOptions: { trainingRunId: run.id, datasetManifestHash: manifest.hash, ...o, mirror: stored.mirror } },
    parents: [base.id, dataset.id],
    userId,
    teamId: dataset.teamId,
  });
  return run;
}

export async function startFineTune(userId: string, input: StartFineTuneInput) {
  const run = await createFineTuneRun(userId, input);
  const job = await enqueueJob(fineTuneJob, { runId: run.id }, { userId, teamId: run.teamId });
  await db.trainingRun.update({ where: { id: run.id }, data: { jobId: job.id } });
  const started = await getTrainingRun(userId, run.id);
  await recordAudit({ actorId: userId, action: 'training.start', target: { type: 'TrainingRun', id: run.id, label: started.name }, details: { teamId: run.teamId } });
  return started;
}
