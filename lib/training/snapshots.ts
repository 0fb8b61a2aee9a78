// Training snapshots live in shared storage, not on the worker's disk, so any worker on any
// host can resume a run. Each snapshot is stored as its files (content-addressed) plus a
// small JSON index; TrainingRun.snapshotKey points at the newest index. Each snapshot also
// becomes a Checkpoint of the run's model, with G, G_ema and D split out in the official
// layout the model registry uses.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { db } from '@/lib/db';
import { storage } from '@/lib/storage';
import { sha256Hex } from '@/lib/storage/storage';
import { storeAsset } from '@/lib/assets/store-asset';
import { readSafetensors, writeSafetensors } from '@/lib/stylegan/safetensors';
import { recordProvenanceMany } from '@/lib/provenance/record-provenance';
import type { SnapshotPointer } from '@/lib/training/thread-messages';

export type SnapshotIndex = { format: 'latent-atelier/training-snapshot'; version: 1; tick: number; kimg: number; augmentP: number; files: Record<string, string> };

/** Splits our snapshot file (tensors prefixed G., G_ema., D.) into three official-layout files. */
export function splitNetworks(snapshot: Uint8Array): { G: Uint8Array; G_ema: Uint8Array; D: Uint8Array } {
  const { tensors } = readSafetensors(snapshot);
  const part = (prefix: string) => {
    const out: Record<string, { shape: number[]; data: Float32Array }> = {};
    for (const [name, t] of Object.entries(tensors)) if (name.startsWith(prefix)) out[name.slice(prefix.length)] = { shape: t.shape, data: t.data };
    if (Object.keys(out).length === 0) throw new Error(`snapshot has no ${prefix} tensors`);
    return writeSafetensors(out, { dtype: 'F32' });
  };
  return { G: part('G.'), G_ema: part('G_ema.'), D: part('D.') };
}

type RunRef = { id: string; ownerId: string; teamId: string | null; resultModelId: string | null };

export async function persistSnapshot(
  run: RunRef,
  msg: { tick: number; kimg: number; latest: SnapshotPointer; files: Record<string, Uint8Array> },
  opts: { metrics?: { metrics: string[]; num?: number; inputSize: number } | null } = {},
) {
  const state = JSON.parse(Buffer.from(msg.files[msg.latest.state]).toString('utf8')) as { trainer?: { ada?: { p?: number } } };
  const augmentP = Number(state.trainer?.ada?.p ?? NaN);
  const keys: Record<string, string> = {};
  for (const [name, bytes] of Object.entries(msg.files)) keys[name] = (await storage().put(bytes, name.endsWith('.json') ? 'application/json' : 'application/octet-stream')).key;
  const index: SnapshotIndex = { format: 'latent-atelier/training-snapshot', version: 1, tick: msg.tick, kimg: msg.kimg, augmentP, files: keys };
  const indexKey = (await storage().put(Buffer.from(JSON.stringify(index)), 'application/json')).key;

  const owner = { userId: run.ownerId, teamId: run.teamId };
  const nets = splitNetworks(msg.files[msg.latest.network]);
  const [gEma, g, d] = [await storeAsset(nets.G_ema, 'application/octet-stream', owner), await storeAsset(nets.G, 'application/octet-stream', owner), await storeAsset(nets.D, 'application/octet-stream', owner)];
  const grid = msg.latest.grid ? await storeAsset(msg.files[msg.latest.grid], 'image/png', owner) : null;
  const written = await db.$transaction([
    ...(run.resultModelId
      ? [
          db.checkpoint.create({
            data: {
              modelId: run.resultModelId,
              label: `tick ${msg.tick} · ${msg.kimg.toFixed(3)} kimg`,
              kimg: msg.kimg,
              gEmaAssetId: gEma.id,
              gAssetId: g.id,
              dAssetId: d.id,
              sha256: sha256Hex(nets.G_ema),
              trainingRunId: run.id,
            },
            select: { id: true },
          }),
        ]
      : []),
    // The model's card shows the newest snapshot's samples.
    ...(run.resultModelId && grid ? [db.model.update({ where: { id: run.resultModelId }, data: { sampleGridAssetId: grid.id }, select: { id: true } })] : []),
    db.trainingRun.update({
      where: { id: run.id },
      data: { snapshotKey: indexKey, kimg: msg.kimg, ...(Number.isFinite(augmentP) ? { augmentP } : {}), ...(grid ? { sampleGridAssetId: grid.id } : {}) },
    }),
  ]);
  if (run.resultModelId) {
    const checkpoint = written[0] as { id: string };
    const common = { modelId: run.resultModelId, checkpointSha256: gEma.sha256, userId: run.ownerId, teamId: run.teamId };
    const trainingOptions = { trainingRunId: run.id, tick: msg.tick, kimg: msg.kimg, augmentP };
    await recordProvenanceMany([
      { ...common, artifactType: 'CHECKPOINT', artifactId: checkpoint.id, asset: { id: gEma.id, sha256: gEma.sha256, mime: gEma.mime }, inputs: { trainingOptions }, parents: [run.id] },
      // The snapshot's sample grid, rendered by this checkpoint's G_ema.
      ...(grid ? [{ ...common, artifactType: 'IMAGE' as const, artifactId: grid.id, asset: grid, inputs: { trainingOptions, sampleGrid: true }, parents: [checkpoint.id] }] : []),
    ]);
    if (opts.metrics) {
      const { queueSnapshotMetrics } = await import('@/lib/metrics/start-metrics');
      // A metrics job that cannot be queued (quota used up) must not fail the training run.
      await queueSnapshotMetrics({ ...run, resultModelId: run.resultModelId }, { id: checkpoint.id, kimg: msg.kimg }, opts.metrics).catch((err) =>
        console.error('[training] could not queue snapshot metrics', err),
      );
    }
  }
  return index;
}

/** Writes the newest snapshot's files into `dir` (a run folder train() can resume from). */
export async function downloadSnapshot(indexKey: string, dir: string): Promise<SnapshotIndex> {
  const index = JSON.parse((await storage().get(indexKey)).toString('utf8')) as SnapshotIndex;
  if (index.format !== 'latent-atelier/training-snapshot') throw new Error(`${indexKey} is not a training snapshot index`);
  await mkdir(dir, { recursive: true });
  for (const [name, key] of Object.entries(index.files)) {
    if (name !== path.basename(name)) throw new Error(`unsafe snapshot file name ${name}`);
    await writeFile(path.join(dir, name), await storage().get(key));
  }
  return index;
}
