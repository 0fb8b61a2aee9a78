// Metrics of a training run's snapshot against its dataset's stored images: what a run that
// asks for metrics (options.metrics) queues after each snapshot (lib/training/snapshots.ts).
import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { storeAsset } from '@/lib/assets/store-asset';
import { renderFace } from '@/lib/faces/render-face';
import { manifestFor } from '@/lib/datasets/manifest';
import { createUser } from '@/lib/testing/http';
import { importFixtureModel, waitForJob } from '@/lib/testing/models';
import { metricsOfTrainingRun, queueSnapshotMetrics } from './start-metrics';

describe('snapshot metrics of a training run', () => {
  it('measures the checkpoint against the run’s dataset, caches by manifest hash and lists the runs by kimg', async () => {
    const alice = await createUser('snapshot-metrics');
    const model = await importFixtureModel(alice.token);
    const dataset = await db.dataset.create({ data: { name: 'Faces 32', ownerId: alice.id, resolution: 32 } });
    for (let i = 0; i < 8; i++) {
      const png = (await renderFace(100 + i, { size: 32 })).png;
      const asset = await storeAsset(png, 'image/png', { userId: alice.id });
      await db.datasetImage.create({ data: { datasetId: dataset.id, assetId: asset.id, sha256: asset.sha256, originalName: `${i}.png`, width: 32, height: 32 } });
    }
    await db.model.update({ where: { id: model.id }, data: { datasetId: dataset.id } });
    const run = await db.trainingRun.create({
      data: { name: 'run', ownerId: alice.id, datasetId: dataset.id, baseModelId: model.id, resultModelId: model.id, options: {}, targetKimg: 1 },
      select: { id: true, ownerId: true, teamId: true },
    });
    await queueSnapshotMetrics({ ...run, resultModelId: model.id }, { id: model.checkpoint.id, kimg: 0.5 }, { metrics: ['fid', 'kid'], num: 8, inputSize: 75 });
    const [queued] = await metricsOfTrainingRun(run.id);
    expect(queued).toMatchObject({ kimg: 0.5, metrics: ['fid', 'kid'], num: 8 });
    const job = await waitForJob(alice.token, queued.jobId!, 180_000);
    expect(job.state).toBe('COMPLETED');
    const [done] = await metricsOfTrainingRun(run.id);
    expect(done.state).toBe('COMPLETED');
    expect((done.results as Array<{ metric: string; value: number }>).map((r) => r.metric)).toEqual(['fid', 'kid']);
    const { hash } = await manifestFor(dataset.id);
    expect(await db.realFeatureCache.count({ where: { key: { contains: `dataset:${hash}:32|8` } } })).toBe(1);
  });
});
