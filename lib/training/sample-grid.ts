import { db } from '@/lib/db';
import { notFound } from '@/lib/api/errors';
import { storage } from '@/lib/storage';
import { findAccessibleRun } from '@/lib/training/training-runs';

/** The latest snapshot's sample grid (PNG) of a run the user may see. */
export async function runSampleGridPng(userId: string, runId: string): Promise<Buffer> {
  const run = await findAccessibleRun(userId, runId);
  const id = (await db.trainingRun.findUnique({ where: { id: run.id }, select: { sampleGridAssetId: true } }))?.sampleGridAssetId;
  if (!id) throw notFound('Sample grid');
  const asset = await db.asset.findUnique({ where: { id }, select: { storageKey: true } });
  if (!asset) throw notFound('Sample grid');
  return storage().get(asset.storageKey);
}
