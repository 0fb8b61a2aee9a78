import sharp from 'sharp';
import { db } from '@/lib/db';
import { storeAsset } from '@/lib/assets/store-asset';
import { recordProvenance } from '@/lib/provenance/record-provenance';
import { PermanentJobError, type JobHandler } from '@/lib/queue/define-job';
import type { sampleGridPayload } from '@/lib/synthesis/jobs/synthesize';
import { pngOf } from '@/lib/synthesis/worker/store-images';
import { render } from '@/lib/synthesis/worker/renderer';
import type { z } from 'zod';

export const SAMPLE_GRID = { columns: 4, rows: 4, psi: 0.7 };

/** A 4×4 grid of seeds 0–15 at ψ 0.7, stored as the model's sample image. */
const sampleGrid: JobHandler<z.infer<typeof sampleGridPayload>, { assetId: string }> = async ({ modelId, checkpointId }, ctx) => {
  const model = await db.model.findUnique({ where: { id: modelId }, select: { ownerId: true, teamId: true } });
  if (!model) throw new PermanentJobError(`Model ${modelId} no longer exists`);
  const { columns, rows, psi } = SAMPLE_GRID;
  await ctx.progress(0.1, 'rendering samples');
  const seeds = Array.from({ length: columns * rows }, (_, i) => i);
  const out = await render({ checkpointId, source: { kind: 'seeds', seeds }, psi, psiLayers: null, truncationCutoff: null, noiseMode: 'const', noiseSeed: 0, nudge: null });
  await ctx.progress(0.7, 'composing grid');
  const size = out.images[0].width;
  const tiles = await Promise.all(out.images.map(pngOf));
  const grid = await sharp({ create: { width: columns * size, height: rows * size, channels: 3, background: '#000' } })
    .composite(tiles.map((input, i) => ({ input, left: (i % columns) * size, top: Math.floor(i / columns) * size })))
    .png()
    .toBuffer();
  const asset = await storeAsset(grid, 'image/png', { userId: model.ownerId, teamId: model.teamId });
  await db.model.update({ where: { id: modelId }, data: { sampleGridAssetId: asset.id } });
  await db.usageEvent.create({ data: { kind: 'GPU_SECONDS', amount: out.computeSeconds, userId: model.ownerId, teamId: model.teamId, jobId: ctx.jobId } });
  await recordProvenance({
    artifactType: 'IMAGE',
    artifactId: asset.id,
    asset,
    modelId,
    checkpointId,
    inputs: { seeds, psi, noiseMode: 'CONST', grid: { columns, rows } },
    userId: model.ownerId,
    teamId: model.teamId,
    jobId: ctx.jobId,
  });
  return { assetId: asset.id };
};

export default sampleGrid;
