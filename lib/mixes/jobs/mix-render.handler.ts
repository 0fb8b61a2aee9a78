import type { z } from 'zod';
import { db } from '@/lib/db';
import { PermanentJobError, type JobHandler } from '@/lib/queue/define-job';
import type { MixRenderResult, mixRenderPayload } from '@/lib/mixes/jobs/mix';
import { parseModelConfig } from '@/lib/models/architecture';
import { recordProvenanceMany } from '@/lib/provenance/record-provenance';
import { render } from '@/lib/synthesis/worker/renderer';
import { assetUrl, storePngs } from '@/lib/synthesis/worker/store-images';
import { baseRequest, latentIdsOf, mixSourceWs, sourceProvenanceInputs, sourcesWs } from '@/lib/mixes/worker/mix-sources';

const mixRender: JobHandler<z.infer<typeof mixRenderPayload>, MixRenderResult> = async (payload, ctx) => {
  const job = await db.job.findUnique({ where: { id: ctx.jobId }, select: { userId: true, teamId: true } });
  if (!job) throw new PermanentJobError(`Job ${ctx.jobId} has no row`);
  const owner = { userId: job.userId, teamId: job.teamId };
  const model = await db.model.findUnique({ where: { id: payload.modelId }, select: { config: true } });
  if (!model) throw new PermanentJobError('The model of this mix was deleted');
  const wDim = parseModelConfig(model.config).generator_kwargs.w_dim;

  await ctx.progress(0.1, 'rendering sources');
  const sources = await sourcesWs(payload.sources, payload.checkpointId, wDim);
  const wplus = await mixSourceWs(sources.map((s) => s.wplus), payload.ranges);
  await ctx.progress(0.6, 'rendering the mix');
  const mixed = await render({ ...baseRequest(payload.checkpointId), source: { kind: 'wplus', wplus: [wplus] } });
  const [image, ...sourceImages] = await storePngs([mixed.images[0], ...sources.map((s) => s.image)], owner);

  let latentId: string | null = null;
  if (payload.mixId) {
    const mix = await db.mix.findUnique({ where: { id: payload.mixId }, select: { id: true, name: true, ownerId: true, teamId: true, visibility: true } });
    if (!mix) throw new PermanentJobError('The mix was deleted before it was rendered');
    // The mix's result is a latent like any other (usable as a keyframe or a source), that
    // records the mix it came from; the Mix row keeps the parents and their ranges.
    const latent = await db.$transaction(async (tx) => {
      await tx.mix.update({ where: { id: mix.id }, data: { previewAssetId: image.id } });
      await tx.latent.deleteMany({ where: { mixId: mix.id } });
      return tx.latent.create({
        data: {
          name: mix.name,
          modelId: payload.modelId,
          checkpointId: payload.checkpointId,
          ownerId: mix.ownerId,
          teamId: mix.teamId,
          visibility: mix.visibility,
          wplus: wplus.flat(),
          noiseMode: 'CONST',
          thumbnailAssetId: image.id,
          mixId: mix.id,
        },
        select: { id: true },
      });
    });
    latentId = latent.id;
  }
  // The mix (when saved), its result latent (made from the mix and its source latents), and
  // every picture handed back (the mix and each source's own render): one record each, written
  // together.
  const parents = latentIdsOf(payload.sources);
  const mixSpec = { sources: payload.sources, ranges: payload.ranges };
  const common = { modelId: payload.modelId, checkpointId: payload.checkpointId, ...owner, jobId: ctx.jobId };
  await recordProvenanceMany([
    payload.mixId
      ? { ...common, artifactType: 'MIX', artifactId: payload.mixId, asset: image, inputs: { mixSpec, noiseMode: 'CONST' }, parents }
      : { ...common, artifactType: 'IMAGE', artifactId: image.id, asset: image, inputs: { mixSpec, noiseMode: 'CONST' }, parents },
    ...(payload.mixId && latentId
      ? [{ ...common, artifactType: 'LATENT' as const, artifactId: latentId, inputs: { wplus, noiseMode: 'CONST' as const }, parents: [payload.mixId, ...parents] }]
      : []),
    ...sourceImages.map((asset, i) => {
      const ref = payload.sources[i];
      return { ...common, artifactType: 'IMAGE' as const, artifactId: asset.id, asset, inputs: sourceProvenanceInputs(ref), parents: latentIdsOf([ref]) };
    }),
  ]);
  await db.usageEvent.create({ data: { kind: 'GPU_SECONDS', amount: mixed.computeSeconds, ...owner, jobId: ctx.jobId } });
  return {
    image: { assetId: image.id, url: assetUrl(image.id) },
    sources: sourceImages.map((a) => ({ assetId: a.id, url: assetUrl(a.id) })),
    wplus,
    latentId,
  };
};

export default mixRender;
