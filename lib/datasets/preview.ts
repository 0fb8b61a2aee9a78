import { db } from '@/lib/db';
import { notFound } from '@/lib/api/errors';
import { storage } from '@/lib/storage';
import { findAccessibleDataset } from '@/lib/datasets/datasets';

/** The preview grid's bytes, for someone who may see the dataset. */
export async function datasetPreviewPng(userId: string, datasetId: string): Promise<Buffer> {
  const dataset = await findAccessibleDataset(userId, datasetId);
  if (!dataset.previewAssetId) throw notFound('Preview');
  const asset = await db.asset.findUnique({ where: { id: dataset.previewAssetId }, select: { storageKey: true } });
  if (!asset) throw notFound('Preview');
  return storage().get(asset.storageKey);
}
