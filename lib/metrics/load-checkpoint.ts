// A checkpoint's generator (G_ema) from storage, for workers outside the synthesis renderer's cache.
import { db } from '@/lib/db';
import { storage } from '@/lib/storage';
import { parseModelConfig } from '@/lib/models/architecture';
import { PermanentJobError } from '@/lib/queue/define-job';
import type { Generator } from '@/lib/stylegan/generator';

export async function loadCheckpointGenerator(checkpointId: string): Promise<Generator> {
  const row = await db.checkpoint.findUnique({ where: { id: checkpointId }, select: { gEmaAssetId: true, model: { select: { config: true } } } });
  if (!row) throw new PermanentJobError(`Checkpoint ${checkpointId} no longer exists`);
  const asset = await db.asset.findUnique({ where: { id: row.gEmaAssetId }, select: { storageKey: true } });
  if (!asset) throw new PermanentJobError('The weights of this checkpoint are missing');
  const { initBackend } = await import('@/lib/stylegan/backend');
  const { safetensorsToTensors } = await import('@/lib/stylegan/model-io');
  const { Generator } = await import('@/lib/stylegan/generator');
  await initBackend({ quiet: true });
  const tensors = safetensorsToTensors(await storage().get(asset.storageKey));
  try {
    return Generator.fromTensors(parseModelConfig(row.model.config).generator_kwargs, tensors);
  } finally {
    for (const t of Object.values(tensors)) t.dispose();
  }
}
