// The demo a fresh installation opens with: a public collection "Demo faces" of the
// administrator's, holding a short interpolation video and a dozen latents saved from fixed
// seeds of the default model (with thumbnails), so the gallery and the explorer have real
// content the moment someone signs in. Made through the product's own services (saveLatent,
// createVideo, createCollection, changeItems); the video is rendered by a worker.
//
// Idempotent and upgrade-aware: the latents and the video belong to the model's current
// checkpoint, and whatever of them already exists is reused. When the default model gets a
// new checkpoint, the next run saves the same seeds again for it, queues a new video, and
// swaps the collection's demo items over; older demo latents and videos stay (forks of the
// collection may hold them) and render with the weights they were made with. A demo
// collection the administrator deleted stays deleted; one made private stays private.
import { db } from '@/lib/db';
import { changeItems } from '@/lib/collections/items';
import { createCollection } from '@/lib/collections/collections';
import { saveLatent, saveLatentInput } from '@/lib/latents/latents';
import { modelForSynthesis } from '@/lib/models/models';
import { recordProvenanceMany } from '@/lib/provenance/record-provenance';
import { render } from '@/lib/synthesis/worker/renderer';
import { storePngs } from '@/lib/synthesis/worker/store-images';
import { createVideo } from '@/lib/videos/videos';
import { createVideoInput } from '@/lib/videos/video-settings';

export const DEMO_TAG = 'demo';
export const DEMO_PSI = 0.7;

/** Fixed seeds of the default model and the names they are saved under; the first four are the video's keyframes. */
export const DEMO_FACES = [
  { seed: 2, name: 'Ada' },
  { seed: 27, name: 'Bruno' },
  { seed: 38, name: 'Chiara' },
  { seed: 50, name: 'Dmitri' },
  { seed: 15, name: 'Esme' },
  { seed: 22, name: 'Farid' },
  { seed: 28, name: 'Greta' },
  { seed: 32, name: 'Hiro' },
  { seed: 35, name: 'Ines' },
  { seed: 40, name: 'Jonas' },
  { seed: 48, name: 'Kemi' },
  { seed: 14, name: 'Luca' },
] as const;

export const DEMO_COLLECTION = {
  name: 'Demo faces',
  description:
    'Faces of the bundled default model, saved from fixed seeds at ψ 0.7, and a short video morphing through four of them. Fork the collection to make it yours, or open the model in the explorer for more.',
};

export const DEMO_VIDEO = {
  name: 'Demo faces: a morph through four faces',
  keyframes: 4,
  // W-space interpolation, looping back to the first face: 4 × 1.5 s at 24 fps = 6 s, 144 frames.
  settings: { space: 'w', easing: 'ease-in-out', secondsPerTransition: 1.5, fps: 24, loop: true, noise: 'const' },
} as const;

export type DemoResult = {
  status: 'ready';
  collectionId: string;
  checkpointId: string;
  latentIds: string[];
  videoId: string;
  created: { collection: boolean; latents: number; video: boolean; itemsAdded: number; itemsRemoved: number };
};

/** The demo latents of this checkpoint, saved now where missing (one forward pass for the thumbnails). */
async function demoLatents(adminId: string, modelId: string, checkpointId: string) {
  const existing = await db.latent.findMany({
    where: { ownerId: adminId, teamId: null, modelId, checkpointId, tags: { has: DEMO_TAG }, seed: { in: DEMO_FACES.map((f) => f.seed) } },
    select: { id: true, seed: true },
    orderBy: { createdAt: 'asc' },
  });
  const bySeed = new Map<number, string>();
  for (const l of existing) if (l.seed !== null && !bySeed.has(l.seed)) bySeed.set(l.seed, l.id);
  const missing = DEMO_FACES.filter((f) => !bySeed.has(f.seed));
  if (missing.length) {
    const out = await render({
      checkpointId,
      source: { kind: 'seeds', seeds: missing.map((f) => f.seed) },
      psi: DEMO_PSI,
      psiLayers: null,
      truncationCutoff: null,
      noiseMode: 'const',
      noiseSeed: 0,
      nudge: null,
    });
    const thumbnails = await storePngs(out.images, { userId: adminId, teamId: null });
    // Provenance as for any explorer image: one IMAGE record per stored PNG.
    await recordProvenanceMany(
      thumbnails.map((asset, i) => ({
        artifactType: 'IMAGE' as const,
        artifactId: asset.id,
        asset,
        modelId,
        checkpointId,
        inputs: { seed: missing[i].seed, psi: DEMO_PSI, truncationCutoff: null, noiseMode: 'CONST' as const, noiseSeed: null },
        userId: adminId,
      })),
    );
    const created: string[] = [];
    for (const [i, face] of missing.entries()) {
      const input = saveLatentInput.parse({ name: face.name, tags: [DEMO_TAG], modelId, checkpointId, seed: face.seed, psi: DEMO_PSI, noiseMode: 'const', thumbnailAssetId: thumbnails[i].id });
      const latent = await saveLatent(adminId, input);
      bySeed.set(face.seed, latent.id);
      created.push(latent.id);
    }
    // Public like the collection, so that anyone may use them as keyframes or mix sources.
    // (The latents API has no visibility field yet: latents are saved private.)
    await db.latent.updateMany({ where: { id: { in: created } }, data: { visibility: 'PUBLIC' } });
  }
  return { latentIds: DEMO_FACES.map((f) => bySeed.get(f.seed)!), created: missing.length };
}

async function demoVideo(adminId: string, modelId: string, keyframes: string[]) {
  const existing = await db.video.findFirst({ where: { ownerId: adminId, teamId: null, modelId, keyframeIds: { equals: keyframes } }, select: { id: true }, orderBy: { createdAt: 'asc' } });
  if (existing) return { videoId: existing.id, created: false };
  const input = createVideoInput.parse({ name: DEMO_VIDEO.name, keyframes, visibility: 'PUBLIC', ...DEMO_VIDEO.settings });
  const { video } = await createVideo(adminId, input);
  return { videoId: video.id, created: true };
}

/** The administrator's demo collection: the one holding demo latents, else one of that name. */
async function findDemoCollection(adminId: string) {
  const mine = { ownerId: adminId, teamId: null };
  return (
    (await db.collection.findFirst({
      where: { ...mine, items: { some: { latent: { ownerId: adminId, tags: { has: DEMO_TAG } } } } },
      select: { id: true },
      orderBy: { createdAt: 'asc' },
    })) ?? (await db.collection.findFirst({ where: { ...mine, name: DEMO_COLLECTION.name }, select: { id: true }, orderBy: { createdAt: 'asc' } }))
  );
}

export async function seedDemoCollection(adminId: string, modelId: string): Promise<DemoResult | { status: 'deleted' }> {
  const { checkpointId } = await modelForSynthesis(adminId, modelId);
  // The collection comes first, so that a run cut short is finished by the next one.
  let collection = await findDemoCollection(adminId);
  const createdCollection = !collection;
  if (!collection) {
    const demoBefore = await db.latent.count({ where: { ownerId: adminId, tags: { has: DEMO_TAG } } });
    if (demoBefore > 0) return { status: 'deleted' };
    collection = await createCollection(adminId, { ...DEMO_COLLECTION, visibility: 'PUBLIC' });
  }
  const latents = await demoLatents(adminId, modelId, checkpointId);
  const video = await demoVideo(adminId, modelId, latents.latentIds.slice(0, DEMO_VIDEO.keyframes));

  // The video first (its GIF preview leads the gallery card once rendered), then the faces.
  // Demo items of other checkpoints leave; anything else the administrator added stays.
  const wanted: { type: 'video' | 'latent'; id: string }[] = [{ type: 'video', id: video.videoId }, ...latents.latentIds.map((id) => ({ type: 'latent' as const, id }))];
  const wantedIds = new Set(wanted.map((w) => w.id));
  const items = await db.collectionItem.findMany({
    where: { collectionId: collection.id },
    select: { id: true, latentId: true, videoId: true, latent: { select: { ownerId: true, tags: true } }, video: { select: { ownerId: true, name: true } } },
  });
  const staleDemo = items.filter(
    (i) =>
      (i.latent && i.latent.ownerId === adminId && i.latent.tags.includes(DEMO_TAG) && !wantedIds.has(i.latentId!)) ||
      (i.video && i.video.ownerId === adminId && i.video.name === DEMO_VIDEO.name && !wantedIds.has(i.videoId!)),
  );
  for (const item of staleDemo) await changeItems(adminId, collection.id, { action: 'remove', itemId: item.id });
  const present = new Set(items.flatMap((i) => [i.latentId, i.videoId]).filter((id): id is string => id !== null));
  let added = 0;
  for (const [position, w] of wanted.entries()) {
    if (present.has(w.id)) continue;
    await changeItems(adminId, collection.id, { action: 'add', type: w.type, id: w.id, position });
    added++;
  }

  return {
    status: 'ready',
    collectionId: collection.id,
    checkpointId,
    latentIds: latents.latentIds,
    videoId: video.videoId,
    created: { collection: createdCollection, latents: latents.created, video: video.created, itemsAdded: added, itemsRemoved: staleDemo.length },
  };
}
