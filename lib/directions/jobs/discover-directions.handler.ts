import type { z } from 'zod';
import { db } from '@/lib/db';
import { parseModelConfig } from '@/lib/models/architecture';
import { PermanentJobError, type JobHandler } from '@/lib/queue/define-job';
import { ganspace } from '@/lib/stylegan/directions/ganspace';
import { sefa, sefaLayers } from '@/lib/stylegan/directions/sefa';
import { loadGeneratorUncached } from '@/lib/synthesis/worker/renderer';
import { namedRanges } from '@/lib/directions/layer-ranges';
import type { discoverDirectionsPayload } from '@/lib/directions/jobs/discover-directions';

type Row = { name: string; method: 'SEFA' | 'GANSPACE'; layerStart: number; layerEnd: number; rank: number; vector: number[]; value: number };

const discoverDirections: JobHandler<z.infer<typeof discoverDirectionsPayload>, { directions: number }> = async (payload, ctx) => {
  const { modelId, checkpointId, methods, k, samples, requestedById } = payload;
  const model = await db.model.findUnique({ where: { id: modelId }, select: { config: true, checkpoints: { where: { id: checkpointId }, select: { id: true } } } });
  if (!model || model.checkpoints.length === 0) throw new PermanentJobError(`Checkpoint ${checkpointId} of model ${modelId} no longer exists`);
  const resolution = parseModelConfig(model.config).generator_kwargs.img_resolution;
  await ctx.progress(0.05, 'loading weights');
  const g = await loadGeneratorUncached(checkpointId);
  const rows: Row[] = [];
  try {
    const kk = Math.min(k, g.config.w_dim);
    if (methods.includes('sefa')) {
      for (const { name, range } of namedRanges(resolution)) {
        if (sefaLayers(g, range).length === 0) continue;
        const r = await sefa(g, range, kk);
        for (let i = 0; i < kk; i++) {
          rows.push({
            name: `SeFa ${name} ${i + 1}`,
            method: 'SEFA',
            layerStart: range.start,
            layerEnd: range.end,
            rank: i,
            vector: Array.from(r.directions.subarray(i * r.wDim, (i + 1) * r.wDim)),
            value: r.values[i],
          });
        }
      }
      await ctx.progress(0.3, 'SeFa done');
    }
    if (ctx.signal.aborted) throw new Error('cancelled');
    if (methods.includes('ganspace')) {
      const r = await ganspace(g, { k: kk, samples, seed: 0 });
      for (let i = 0; i < kk; i++) {
        rows.push({
          name: `GANSpace ${i + 1}`,
          method: 'GANSPACE',
          layerStart: 0,
          layerEnd: g.numWs,
          rank: i,
          vector: Array.from(r.directions.subarray(i * r.wDim, (i + 1) * r.wDim)),
          value: r.values[i],
        });
      }
      await ctx.progress(0.9, 'GANSpace done');
    }
  } finally {
    g.dispose();
  }
  const replaced = methods.map((m) => (m === 'sefa' ? 'SEFA' : 'GANSPACE') as 'SEFA' | 'GANSPACE');
  await db.$transaction([
    db.direction.deleteMany({ where: { checkpointId, method: { in: replaced }, named: false } }),
    db.direction.createMany({ data: rows.map((r) => ({ ...r, modelId, checkpointId, createdById: requestedById })) }),
  ]);
  return { directions: rows.length };
};

export default discoverDirections;
