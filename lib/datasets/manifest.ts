// A dataset version is its manifest: the sorted hashes of its training images (as stored,
// after preprocessing) plus how they were made. The manifest's sha256 names the version, so
// a model can say exactly what it was trained on. The preview is a grid of the first images.
import sharp from 'sharp';
import { db } from '@/lib/db';
import { storage } from '@/lib/storage';
import { sha256Hex } from '@/lib/storage/storage';
import { storeAsset } from '@/lib/assets/store-asset';

export type DatasetManifest = {
  format: 'latent-atelier/dataset-manifest';
  version: 1;
  resolution: number;
  fit: string;
  mirror: boolean;
  /** sha256 of each stored training image (PNG), sorted. */
  images: string[];
};

export function manifestHash(m: DatasetManifest): string {
  return sha256Hex(Buffer.from(JSON.stringify(m)));
}

/** The dataset's training images (asset id, storage key, image sha256), in manifest order. */
export async function datasetImages(datasetId: string) {
  const rows = await db.datasetImage.findMany({ where: { datasetId }, select: { assetId: true } });
  const assets = await db.asset.findMany({ where: { id: { in: rows.map((r) => r.assetId) } }, select: { id: true, sha256: true, storageKey: true } });
  return assets.sort((a, b) => (a.sha256 < b.sha256 ? -1 : a.sha256 > b.sha256 ? 1 : a.id < b.id ? -1 : 1));
}

export async function manifestFor(datasetId: string): Promise<DatasetManifest & { hash: string }> {
  const dataset = await db.dataset.findUniqueOrThrow({ where: { id: datasetId }, select: { resolution: true, fit: true, mirror: true } });
  const images = (await datasetImages(datasetId)).map((a) => a.sha256);
  const manifest: DatasetManifest = { format: 'latent-atelier/dataset-manifest', version: 1, resolution: dataset.resolution, fit: dataset.fit, mirror: dataset.mirror, images };
  return { ...manifest, hash: manifestHash(manifest) };
}

const PREVIEW_COLS = 8;
const PREVIEW_MAX = 32;

/** Recomputes count, manifest hash and preview grid after the images changed. */
export async function refreshDataset(datasetId: string) {
  const dataset = await db.dataset.findUniqueOrThrow({ where: { id: datasetId }, select: { ownerId: true, teamId: true, resolution: true } });
  const manifest = await manifestFor(datasetId);
  let previewAssetId: string | null = null;
  if (manifest.images.length > 0) {
    const images = (await datasetImages(datasetId)).slice(0, PREVIEW_MAX);
    const png = await previewGrid(await Promise.all(images.map((a) => storage().get(a.storageKey))), Math.min(dataset.resolution, 96));
    previewAssetId = (await storeAsset(png, 'image/png', { userId: dataset.ownerId, teamId: dataset.teamId })).id;
  }
  return db.dataset.update({
    where: { id: datasetId },
    data: { imageCount: manifest.images.length, manifestHash: manifest.images.length ? manifest.hash : null, previewAssetId },
    select: { imageCount: true, manifestHash: true, previewAssetId: true },
  });
}

/** Tiles square images into a grid PNG (8 per row). */
export async function previewGrid(images: Buffer[], cell: number): Promise<Buffer> {
  const cols = Math.min(PREVIEW_COLS, images.length);
  const rows = Math.ceil(images.length / cols);
  const tiles = await Promise.all(images.map((img) => sharp(img).resize(cell, cell).png().toBuffer()));
  return sharp({ create: { width: cols * cell, height: rows * cell, channels: 3, background: { r: 24, g: 24, b: 27 } } })
    .composite(tiles.map((input, i) => ({ input, left: (i % cols) * cell, top: Math.floor(i / cols) * cell })))
    .png()
    .toBuffer();
}
