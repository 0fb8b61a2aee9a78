import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import type { z } from 'zod';
import { db } from '@/lib/db';
import { storage } from '@/lib/storage';
import { storeAsset } from '@/lib/assets/store-asset';
import { PermanentJobError, type JobHandler } from '@/lib/queue/define-job';
import { parseModelConfig } from '@/lib/models/architecture';
import { addProvenanceFile, latentProvenanceInputs, recordProvenance } from '@/lib/provenance/record-provenance';
import { ffmpegMissing, ffmpegPath } from '@/lib/videos/ffmpeg';
import { VideoEncoder } from '@/lib/videos/encode';
import { projectionSettings } from '@/lib/projection/projection-input';
import { DERIVED_FROM_PHOTO } from '@/lib/projection/privacy';
import type { ProjectPhotoResult, projectPhotoPayload } from '@/lib/projection/jobs/project-photo';
import { initBackend } from '@/lib/stylegan/backend';
import { Discriminator } from '@/lib/stylegan/discriminator';
import { Generator } from '@/lib/stylegan/generator';
import { safetensorsToTensors } from '@/lib/stylegan/model-io';
import { project, ProjectionCancelled } from '@/lib/stylegan/projection/project';
import { renderWs } from '@/lib/stylegan/synthesize';
import * as tf from '@tensorflow/tfjs';

async function weights(assetId: string): Promise<Record<string, tf.Tensor>> {
  const asset = await db.asset.findUnique({ where: { id: assetId }, select: { storageKey: true } });
  if (!asset) throw new PermanentJobError('The model weights are missing');
  return safetensorsToTensors(await storage().get(asset.storageKey));
}

const png = (pixels: Uint8Array, size: number) => sharp(Buffer.from(pixels), { raw: { width: size, height: size, channels: 3 } }).png().toBuffer();

const projectPhotoHandler: JobHandler<z.infer<typeof projectPhotoPayload>, ProjectPhotoResult> = async (payload, ctx) => {
  const row = await db.projection.findUnique({
    where: { id: payload.projectionId },
    select: { id: true, ownerId: true, modelId: true, checkpointId: true, settings: true, targetPng: true, photoSha256: true, faceIndex: true, model: { select: { config: true } } },
  });
  if (!row) throw new PermanentJobError(`Projection ${payload.projectionId} no longer exists`);
  if (!row.targetPng) throw new PermanentJobError('The photo of this projection was deleted before it ran');
  const settings = projectionSettings.parse(row.settings);
  const checkpoint = row.checkpointId
    ? await db.checkpoint.findUnique({ where: { id: row.checkpointId }, select: { id: true, gEmaAssetId: true, dAssetId: true, sha256: true } })
    : null;
  if (!checkpoint) throw new PermanentJobError('The checkpoint of this projection no longer exists');
  const config = parseModelConfig(row.model.config);
  const res = config.generator_kwargs.img_resolution;
  const owner = { userId: row.ownerId, teamId: null };
  await db.projection.update({ where: { id: row.id }, data: { status: 'RUNNING', error: null } });

  await initBackend({ quiet: true });
  const gTensors = await weights(checkpoint.gEmaAssetId);
  const G = Generator.fromTensors(config.generator_kwargs, gTensors);
  tf.dispose(Object.values(gTensors));
  let D: Discriminator | null = null;
  if (checkpoint.dAssetId) {
    const dTensors = await weights(checkpoint.dAssetId);
    D = Discriminator.fromTensors(config.discriminator_kwargs, dTensors);
    tf.dispose(Object.values(dTensors));
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), `atelier-projection-${ctx.jobId}-`));
  const started = Date.now();
  try {
    const target = await sharp(row.targetPng).removeAlpha().raw().toBuffer();
    let identity = null;
    if (settings.identityWeight > 0) {
      const { faceIdentityEmbedder } = await import('@/lib/stylegan/projection/face/identity');
      identity = await faceIdentityEmbedder();
    }
    const snapshotEvery = Math.max(1, Math.round(settings.steps / 60));
    const frames: Buffer[] = [];
    const losses: number[] = [];
    const result = await project(
      G,
      D,
      new Uint8Array(target.buffer, target.byteOffset, target.byteLength),
      {
        steps: settings.steps,
        wPlus: settings.mode === 'wplus',
        optimizeNoise: settings.optimizeNoise,
        seed: settings.seed,
        snapshotEvery,
        distance: { pixel: 1, pixelScales: 4, discriminator: D ? 0.5 : 0, identity: settings.identityWeight },
      },
      {
        identity,
        signal: ctx.signal,
        onProgress: async (p) => {
          losses.push(p.loss);
          if (!p.snapshot) return;
          const frame = await png(p.snapshot, res);
          frames.push(frame);
          await db.projection.update({ where: { id: row.id }, data: { stepsDone: p.step, lossCurve: losses, snapshotPng: frame } });
          await ctx.progress(0.02 + (0.9 * p.step) / p.steps, `step ${p.step} of ${p.steps}`);
        },
      },
    );
    await ctx.progress(0.93, 'saving the latent');
    const resultPng = await png(result.image, res);
    // How the saved latent looks wherever the product renders it (the model's constant noise).
    const wsT = tf.tensor3d(result.ws, [1, result.numWs, result.wDim]);
    const [constRender] = await renderWs(G, wsT);
    wsT.dispose();
    const thumb = await storeAsset(await png(constRender.pixels, res), 'image/png', owner);
    const distances = { ...result.final, psnr: result.psnr };
    const latent = await db.latent.create({
      data: {
        name: settings.name,
        tags: ['projection'],
        modelId: row.modelId,
        checkpointId: checkpoint.id,
        ownerId: row.ownerId,
        teamId: null,
        z: [],
        wplus: Array.from(result.ws),
        psi: 1,
        noiseMode: 'CONST',
        thumbnailAssetId: thumb.id,
      },
      select: { id: true, wplus: true, psi: true, noiseMode: true },
    });
    await recordProvenance({
      artifactType: 'LATENT',
      artifactId: latent.id,
      asset: thumb,
      modelId: row.modelId,
      checkpointId: checkpoint.id,
      inputs: {
        ...latentProvenanceInputs(latent),
        derivedFrom: DERIVED_FROM_PHOTO,
        projection: {
          id: row.id,
          photoSha256: row.photoSha256,
          faceIndex: row.faceIndex,
          steps: settings.steps,
          settings,
          finalDistances: distances,
          noiseMapsOptimised: settings.optimizeNoise,
        },
      },
      userId: row.ownerId,
      jobId: ctx.jobId,
    });

    let video: { mp4: string; webm: string } | null = null;
    if (!ffmpegMissing() && frames.length > 1) {
      await ctx.progress(0.96, 'encoding the convergence video');
      const encoder = new VideoEncoder({ fps: 12, outputSize: Math.max(128, res + (res % 2)), outDir: dir, ffmpegPath: ffmpegPath(), signal: ctx.signal });
      for (const f of frames) await encoder.writeFrame(f);
      for (let i = 0; i < 12; i++) await encoder.writeFrame(frames[frames.length - 1]); // hold the result a second
      const files = await encoder.finish();
      const [mp4, webm] = [await storeAsset(await readFile(files.mp4), 'video/mp4', owner), await storeAsset(await readFile(files.webm), 'video/webm', owner)];
      video = { mp4: mp4.id, webm: webm.id };
      const rec = await recordProvenance({ artifactType: 'VIDEO', artifactId: row.id, asset: mp4, modelId: row.modelId, checkpointId: checkpoint.id, inputs: { derivedFrom: DERIVED_FROM_PHOTO, projection: { id: row.id, photoSha256: row.photoSha256 } }, parents: [latent.id], userId: row.ownerId, jobId: ctx.jobId });
      await addProvenanceFile(rec.id, webm, 'stored');
    }
    await db.projection.update({
      where: { id: row.id },
      data: {
        status: 'DONE',
        stepsDone: settings.steps,
        lossCurve: result.lossHistory,
        resultPng,
        snapshotPng: resultPng,
        psnr: result.psnr,
        distances,
        noiseMaps: result.noise ? result.noise.flatMap((n) => Array.from(n.data)) : [],
        latentId: latent.id,
        videoMp4AssetId: video?.mp4 ?? null,
        videoWebmAssetId: video?.webm ?? null,
      },
    });
    await db.usageEvent.create({ data: { kind: 'GPU_SECONDS', amount: (Date.now() - started) / 1000, userId: row.ownerId, jobId: ctx.jobId } });
    return { projectionId: row.id, latentId: latent.id, psnr: result.psnr, steps: settings.steps };
  } catch (err) {
    const cancelled = err instanceof ProjectionCancelled || ctx.signal.aborted;
    await db.projection.update({
      where: { id: row.id },
      data: cancelled ? { status: 'CANCELLED' } : { status: 'FAILED', error: (err as Error).message.slice(0, 500) },
    });
    throw err;
  } finally {
    G.dispose();
    D?.dispose();
    await rm(dir, { recursive: true, force: true });
  }
};

export default projectPhotoHandler;
