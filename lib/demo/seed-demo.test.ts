// First run of an installation (prisma/seed.ts): the bundled default model and its public demo
// collection, against the real database, storage, queue and worker. Runs on a copy of
// models/default so that "new weights" can be simulated.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { getCollection, deleteCollection } from '@/lib/collections/collections';
import { listGallery } from '@/lib/collections/gallery';
import { closeQueues } from '@/lib/queue/connection';
import { uniqueEmail, PASSWORD } from '@/lib/testing/http';
import { signUp } from '@/lib/users/sign-up';
import { installDefaultModel, type DefaultModelSource } from '@/lib/demo/install-default-model';
import { DEMO_FACES, DEMO_PSI, DEMO_VIDEO, seedDemoCollection, type DemoResult } from '@/lib/demo/seed-demo-collection';
import { FIXTURE_DIR } from '@/lib/testing/models';

let dir: string;
let adminId: string;
let source: DefaultModelSource;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'default-model-'));
  for (const f of ['config.json', 'G_ema.safetensors', 'D.safetensors', 'model.json']) fs.copyFileSync(path.join('models/default', f), path.join(dir, f));
  source = { dir, name: 'Default faces', license: 'CC0-1.0', description: 'The bundled default model.' };
  adminId = (await signUp({ email: uniqueEmail('seed-admin'), password: PASSWORD, name: 'Administrator' }, { role: 'ADMIN' })).id;
});
afterAll(async () => {
  fs.rmSync(dir, { recursive: true, force: true });
  await closeQueues();
});

/** Everything of the administrator's that the seed makes, counted. */
async function counts() {
  const [models, checkpoints, latents, videos, collections, items] = await Promise.all([
    db.model.count({ where: { ownerId: adminId } }),
    db.checkpoint.count({ where: { model: { ownerId: adminId } } }),
    db.latent.count({ where: { ownerId: adminId } }),
    db.video.count({ where: { ownerId: adminId } }),
    db.collection.count({ where: { ownerId: adminId } }),
    db.collectionItem.count({ where: { collection: { ownerId: adminId } } }),
  ]);
  return { models, checkpoints, latents, videos, collections, items };
}

function ready(result: Awaited<ReturnType<typeof seedDemoCollection>>): DemoResult {
  if (result.status !== 'ready') throw new Error(`demo not seeded: ${result.status}`);
  return result;
}

describe('first run: the default model and the demo collection', () => {
  let modelId: string;
  let first: DemoResult;

  it('imports the bundled model as a public model and builds a public demo collection: a queued video, then latents with thumbnails', async () => {
    const model = await installDefaultModel(source, adminId);
    expect(model.status).toBe('imported');
    if (model.status === 'missing') return;
    modelId = model.modelId;
    const row = await db.model.findUniqueOrThrow({ where: { id: modelId }, select: { visibility: true, license: { select: { spdxId: true } }, checkpoints: { select: { kimg: true, label: true } } } });
    expect(row.visibility).toBe('PUBLIC');
    expect(row.license?.spdxId).toBe('CC0-1.0');
    expect(row.checkpoints).toHaveLength(1);
    expect(row.checkpoints[0].label).toMatch(/^bundled default model/);

    first = ready(await seedDemoCollection(adminId, modelId));
    expect(first.created).toMatchObject({ collection: true, latents: DEMO_FACES.length, video: true, itemsAdded: DEMO_FACES.length + 1 });

    // A signed-out visitor can open it: the video first, then every face with its thumbnail.
    const collection = await getCollection(null, first.collectionId);
    expect(collection.visibility).toBe('PUBLIC');
    expect(collection.owner.id).toBe(adminId);
    expect(collection.items.map((i) => i.type)).toEqual(['video', ...DEMO_FACES.map(() => 'latent')]);
    expect(collection.items.slice(1).map((i) => i.target.name)).toEqual(DEMO_FACES.map((f) => f.name));
    expect(collection.items.slice(1).every((i) => i.target.imageUrl !== null)).toBe(true);

    const latents = await db.latent.findMany({ where: { id: { in: first.latentIds } }, select: { id: true, seed: true, psi: true, visibility: true, checkpointId: true, z: true, thumbnailAssetId: true } });
    expect(latents).toHaveLength(DEMO_FACES.length);
    for (const l of latents) {
      expect(l).toMatchObject({ psi: DEMO_PSI, visibility: 'PUBLIC', checkpointId: first.checkpointId });
      expect(l.z).toHaveLength(128);
      const thumb = await db.asset.findUniqueOrThrow({ where: { id: l.thumbnailAssetId! }, select: { mime: true, ownerId: true, sha256: true } });
      expect(thumb).toMatchObject({ mime: 'image/png', ownerId: adminId });
      const record = await db.provenanceRecord.findFirstOrThrow({ where: { artifactType: 'IMAGE', artifactId: l.thumbnailAssetId! }, select: { assetSha256: true, modelId: true, inputs: true } });
      expect(record).toMatchObject({ assetSha256: thumb.sha256, modelId, inputs: { seed: l.seed, psi: DEMO_PSI } });
    }
    expect(latents.map((l) => l.seed).sort()).toEqual(DEMO_FACES.map((f) => f.seed).sort());

    const video = await db.video.findUniqueOrThrow({ where: { id: first.videoId }, select: { visibility: true, keyframeIds: true, jobId: true, frameCount: true, durationSec: true } });
    expect(video.visibility).toBe('PUBLIC');
    expect(video.keyframeIds).toEqual(first.latentIds.slice(0, DEMO_VIDEO.keyframes));
    expect(video.durationSec).toBeGreaterThanOrEqual(3);
    expect(video.durationSec).toBeLessThanOrEqual(10);
    const job = await db.job.findUniqueOrThrow({ where: { id: video.jobId! }, select: { type: true, userId: true } });
    expect(job).toEqual({ type: 'render-video', userId: adminId });

    const gallery = await listGallery({ order: 'newest', page: 1, perPage: 60 });
    expect(gallery.collections.map((c) => c.id)).toContain(first.collectionId);
  });

  it('running the seed again duplicates nothing', async () => {
    const before = await counts();
    expect((await installDefaultModel(source, adminId)).status).toBe('unchanged');
    const again = ready(await seedDemoCollection(adminId, modelId));
    expect(again.created).toEqual({ collection: false, latents: 0, video: false, itemsAdded: 0, itemsRemoved: 0 });
    expect([again.collectionId, again.videoId, again.latentIds]).toEqual([first.collectionId, first.videoId, first.latentIds]);
    expect(await counts()).toEqual(before);
  });

  it('the worker renders the sample video (MP4, WebM and a GIF preview)', async () => {
    const deadline = Date.now() + 240_000;
    let video;
    for (;;) {
      video = await db.video.findUniqueOrThrow({ where: { id: first.videoId }, select: { mp4AssetId: true, webmAssetId: true, previewAssetId: true, jobId: true } });
      const job = await db.job.findUniqueOrThrow({ where: { id: video.jobId! }, select: { state: true, error: true } });
      if (job.state === 'FAILED' || job.state === 'CANCELLED') throw new Error(`video job ${job.state}: ${job.error}`);
      if (job.state === 'COMPLETED' || Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(video.mp4AssetId).not.toBeNull();
    expect(video.webmAssetId).not.toBeNull();
    expect(video.previewAssetId).not.toBeNull();
  }, 300_000);

  it('new weights in the folder become the newest checkpoint of the same model, and the demo moves to them', async () => {
    const weights = fs.readFileSync(path.join(dir, 'G_ema.safetensors'));
    weights[weights.length - 1] ^= 1; // one float16 of the last tensor changes: new weights, same shapes
    fs.writeFileSync(path.join(dir, 'G_ema.safetensors'), weights);

    const model = await installDefaultModel(source, adminId);
    expect(model).toMatchObject({ status: 'updated', modelId });
    const checkpoints = await db.checkpoint.findMany({ where: { modelId }, select: { id: true }, orderBy: { createdAt: 'desc' } });
    expect(checkpoints).toHaveLength(2);
    expect(model.status !== 'missing' && model.checkpointId).toBe(checkpoints[0].id);

    const upgraded = ready(await seedDemoCollection(adminId, modelId));
    expect(upgraded.collectionId).toBe(first.collectionId);
    expect(upgraded.checkpointId).toBe(checkpoints[0].id);
    expect(upgraded.created).toMatchObject({ collection: false, latents: DEMO_FACES.length, video: true, itemsAdded: DEMO_FACES.length + 1, itemsRemoved: DEMO_FACES.length + 1 });
    const collection = await getCollection(null, first.collectionId);
    expect(collection.items.map((i) => i.target.id)).toEqual([upgraded.videoId, ...upgraded.latentIds]);
    // Older demo latents stay (forks may hold them) and keep the weights they were saved with.
    expect(await db.latent.count({ where: { id: { in: first.latentIds }, checkpointId: first.checkpointId } })).toBe(DEMO_FACES.length);

    const before = await counts();
    expect((await installDefaultModel(source, adminId)).status).toBe('unchanged');
    expect(ready(await seedDemoCollection(adminId, modelId)).created.latents).toBe(0);
    expect(await counts()).toEqual(before);
  });

  it('a model of another architecture under the same name is imported beside the old one', async () => {
    const other = await installDefaultModel({ ...source, dir: FIXTURE_DIR }, adminId);
    expect(other).toMatchObject({ status: 'imported', name: 'Default faces', previousModelId: modelId });
    expect(await db.checkpoint.count({ where: { modelId } })).toBe(2);
  });

  it('a demo collection the administrator deleted is not recreated', async () => {
    await deleteCollection(adminId, first.collectionId);
    expect((await seedDemoCollection(adminId, modelId)).status).toBe('deleted');
    expect(await db.collection.count({ where: { ownerId: adminId } })).toBe(0);
  });
});
