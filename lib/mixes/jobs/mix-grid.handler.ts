import sharp from 'sharp';
import type { z } from 'zod';
import { db } from '@/lib/db';
import { storeAsset } from '@/lib/assets/store-asset';
import { PermanentJobError, type JobHandler } from '@/lib/queue/define-job';
import type { MixGridResult, mixGridPayload } from '@/lib/mixes/jobs/mix';
import { parseModelConfig } from '@/lib/models/architecture';
import type { RenderedImage } from '@/lib/stylegan/synthesize';
import { render } from '@/lib/synthesis/worker/renderer';
import { assetUrl } from '@/lib/synthesis/worker/store-images';
import { baseRequest, latentIdsOf, mixSourceWs, sourcesWs } from '@/lib/mixes/worker/mix-sources';
import { recordProvenance } from '@/lib/provenance/record-provenance';

const raw = (img: RenderedImage) => ({
  input: Buffer.from(img.pixels.buffer, img.pixels.byteOffset, img.pixels.byteLength),
  raw: { width: img.width, height: img.height, channels: img.channels as 1 | 3 | 4 },
});

const mixGrid: JobHandler<z.infer<typeof mixGridPayload>, MixGridResult> = async (payload, ctx) => {
  const job = await db.job.findUnique({ where: { id: ctx.jobId }, select: { userId: true, teamId: true } });
  if (!job) throw new PermanentJobError(`Job ${ctx.jobId} has no row`);
  const model = await db.model.findUnique({ where: { id: payload.modelId }, select: { config: true } });
  if (!model) throw new PermanentJobError('The model was deleted');
  const wDim = parseModelConfig(model.config).generator_kwargs.w_dim;

  await ctx.progress(0.1, 'rendering sources');
  const columns = await sourcesWs(payload.columns, payload.checkpointId, wDim);
  const rows = await sourcesWs(payload.rows, payload.checkpointId, wDim);
  const cells = await Promise.all(rows.flatMap((r) => columns.map((c) => mixSourceWs([c.wplus, r.wplus], payload.ranges))));
  await ctx.progress(0.4, `rendering ${cells.length} mixes`);
  const out = await render({ ...baseRequest(payload.checkpointId), source: { kind: 'wplus', wplus: cells } });

  // Row 0: blank corner, then the column sources; column 0: the row sources; inside: the mixes.
  const cell = out.images[0].width;
  const width = cell * (columns.length + 1);
  const height = cell * (rows.length + 1);
  const tiles = [
    ...columns.map((c, x) => ({ ...raw(c.image), left: (x + 1) * cell, top: 0 })),
    ...rows.map((r, y) => ({ ...raw(r.image), left: 0, top: (y + 1) * cell })),
    ...out.images.map((img, i) => ({ ...raw(img), left: ((i % columns.length) + 1) * cell, top: (Math.floor(i / columns.length) + 1) * cell })),
  ];
  const png = await sharp({ create: { width, height, channels: 3, background: { r: 255, g: 255, b: 255 } } })
    .composite(tiles)
    .png()
    .toBuffer();
  const asset = await storeAsset(png, 'image/png', { userId: job.userId, teamId: job.teamId });
  await db.usageEvent.create({ data: { kind: 'GPU_SECONDS', amount: out.computeSeconds, userId: job.userId, teamId: job.teamId, jobId: ctx.jobId } });
  await recordProvenance({
    artifactType: 'IMAGE',
    artifactId: asset.id,
    asset,
    modelId: payload.modelId,
    checkpointId: payload.checkpointId,
    inputs: { mixSpec: { grid: { columns: payload.columns, rows: payload.rows }, ranges: payload.ranges }, noiseMode: 'CONST' },
    parents: latentIdsOf([...payload.columns, ...payload.rows]),
    userId: job.userId,
    teamId: job.teamId,
    jobId: ctx.jobId,
  });
  return { grid: { assetId: asset.id, url: assetUrl(asset.id), width, height, cell }, rows: rows.length, columns: columns.length };
};

export default mixGrid;
