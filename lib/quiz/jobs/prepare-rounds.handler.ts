import { randomInt } from 'node:crypto';
import sharp from 'sharp';
import type { z } from 'zod';
import { db } from '@/lib/db';
import { storage } from '@/lib/storage';
import { storeAsset } from '@/lib/assets/store-asset';
import { datasetFaceSeed } from '@/lib/faces/face-seeds';
import { renderFace } from '@/lib/faces/render-face';
import { PermanentJobError, type JobHandler } from '@/lib/queue/define-job';
import { loadCheckpointGenerator } from '@/lib/metrics/load-checkpoint';
import { PROCEDURAL_DATASET_SEED } from '@/lib/metrics/image-sources';
import { hasProceduralData } from '@/lib/metrics/model-data';
import { QUIZ_PSI } from '../constants';
import type { prepareRoundsPayload } from './prepare-rounds';

/** Procedural dataset size the bundled model learnt from (models/default/MODEL_CARD.md). */
const PROCEDURAL_IMAGES = 10_000;

const handler: JobHandler<z.infer<typeof prepareRoundsPayload>, { modelId: string; prepared: number }> = async ({ modelId, count }, ctx) => {
  const model = await db.model.findUnique({
    where: { id: modelId },
    select: { id: true, ownerId: true, teamId: true, datasetId: true, checkpoints: { where: { hidden: false }, select: { id: true }, orderBy: { createdAt: 'desc' }, take: 1 } },
  });
  const checkpoint = model?.checkpoints[0];
  if (!model || !checkpoint) throw new PermanentJobError(`Model ${modelId} has no checkpoint to play with`);
  const procedural = await hasProceduralData(model);
  const datasetImages = model.datasetId ? await db.datasetImage.findMany({ where: { datasetId: model.datasetId }, select: { assetId: true } }) : [];
  if (!procedural && datasetImages.length === 0) throw new PermanentJobError('This model has no training images to show');

  const G = await loadCheckpointGenerator(checkpoint.id);
  const { renderSeeds, toPng } = await import('@/lib/stylegan/synthesize');
  const res = G.config.img_resolution;
  const owner = { userId: model.ownerId, teamId: model.teamId };
  let prepared = 0;
  try {
    for (let i = 0; i < count; i++) {
      if (ctx.signal.aborted) break;
      const [fake] = await renderSeeds(G, [randomInt(0, 2 ** 31 - 1)], { psi: QUIZ_PSI, noiseMode: 'const' });
      let real: Buffer;
      if (procedural) {
        real = (await renderFace(datasetFaceSeed(PROCEDURAL_DATASET_SEED, randomInt(0, PROCEDURAL_IMAGES)), { size: res })).png;
      } else {
        const pick = datasetImages[randomInt(0, datasetImages.length)];
        const asset = await db.asset.findUniqueOrThrow({ where: { id: pick.assetId }, select: { storageKey: true } });
        real = await storage().get(asset.storageKey);
      }
      // Both at the model's resolution, both re-encoded the same way: no size or format tells them apart.
      const normalise = (png: Buffer) => sharp(png).removeAlpha().resize(res, res, { fit: 'cover' }).png().toBuffer();
      const [realAsset, fakeAsset] = await Promise.all([storeAsset(await normalise(real), 'image/png', owner), storeAsset(await normalise(await toPng(fake)), 'image/png', owner)]);
      await db.quizRound.create({ data: { modelId, checkpointId: checkpoint.id, realAssetId: realAsset.id, fakeAssetId: fakeAsset.id, realSlot: randomInt(0, 2) === 0 ? 'a' : 'b' } });
      prepared++;
      await ctx.progress((i + 1) / count, `${i + 1}/${count} rounds`);
    }
  } finally {
    G.dispose();
  }
  return { modelId, prepared };
};

export default handler;
