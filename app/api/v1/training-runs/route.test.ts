import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { api, baseUrl, createUser } from '@/lib/testing/http';
import { createFixtureModel, licensedFaceDataset, TINY } from '@/lib/training/test-helpers';
import { waitForJob } from '@/lib/testing/models';

type SseEvent = { event: string; data: any }; // eslint-disable-line @typescript-eslint/no-explicit-any

async function readEvents(path: string, token: string): Promise<SseEvent[]> {
  const res = await fetch(baseUrl() + path, { headers: { authorization: `Bearer ${token}` } });
  expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
  const text = await res.text(); // ends after `done`
  return text
    .split('\n\n')
    .filter(Boolean)
    .map((chunk) => ({ event: /event: (.*)/.exec(chunk)?.[1] ?? '', data: JSON.parse(/data: (.*)/.exec(chunk)?.[1] ?? 'null') }));
}

describe('fine-tuning through the real queue and worker', () => {
  it('trains a few ticks at 32 px, streams progress, and leaves a model with a checkpoint per snapshot', async () => {
    const user = await createUser('tune');
    const datasetId = await licensedFaceDataset(user, 8);
    const base = await createFixtureModel(user.id);

    const estimate = await api('/api/v1/training-runs/estimate?resolution=32&kimg=0.016', { token: user.token });
    expect(estimate.status).toBe(200);
    expect(estimate.data.estimate.gpuSeconds).toBeGreaterThan(0);

    const started = await api('/api/v1/training-runs', {
      method: 'POST',
      token: user.token,
      json: { datasetId, baseModelId: base.id, options: { ...TINY, kimg: 0.016, aug: 'ada', p: 0.2, freezed: 2, mirror: true } },
    });
    expect(started.status).toBe(202);
    const run = started.data.run;
    expect(run).toMatchObject({ targetKimg: 0.016, options: { batch: 4, mirror: true, freezed: 2 } });
    // An idle worker may have taken it up before the answer was written.
    expect(['QUEUED', 'ACTIVE']).toContain(run.state);
    expect(run.options.datasetImages).toBeUndefined();
    expect(run.estimate.seconds).toBeGreaterThan(0);

    const events = await readEvents(`/api/v1/training-runs/${run.id}/events`, user.token);
    const done = events.at(-1)!;
    expect(done.event).toBe('done');
    expect(done.data.state).toBe('COMPLETED');
    expect(done.data.kimg).toBeGreaterThanOrEqual(0.016);
    const kimgs = events.filter((e) => e.event === 'progress').map((e) => e.data.kimg);
    expect([...kimgs].sort((a, b) => a - b)).toEqual(kimgs);
    const ticks = events.filter((e) => e.event === 'tick').map((e) => e.data);
    expect(ticks.length).toBeGreaterThanOrEqual(4);
    for (const t of ticks) {
      expect(Number.isFinite(t.lossG) && Number.isFinite(t.lossDreal) && Number.isFinite(t.lossDfake)).toBe(true);
      expect(t.secPerKimg).toBeGreaterThan(0);
    }
    expect(events.some((e) => e.event === 'snapshot')).toBe(true);
    expect(events.filter((e) => e.event === 'log').map((e) => e.data.text).join('')).toMatch(/starting from the base model[\s\S]*finished at/);

    const got = (await api(`/api/v1/training-runs/${run.id}`, { token: user.token })).data.run;
    expect(got.checkpoints.length).toBe(ticks.length);
    const cpKimg = got.checkpoints.map((c: { kimg: number }) => c.kimg);
    expect([...cpKimg].sort((a, b) => a - b)).toEqual(cpKimg);
    expect(got.resultModel.exploreUrl).toBe(`/explore?model=${got.resultModel.id}`);
    // Licence: most restrictive of the base (CC-BY-4.0, credited) and the dataset (CC0).
    expect(got.resultModel.license).toMatchObject({ spdxId: null, commercialUse: true, attribution: 'Fixture authors' });
    expect(got.gpuSeconds).toBeGreaterThan(0);

    const grid = await fetch(baseUrl() + got.sampleGridUrl, { headers: { authorization: `Bearer ${user.token}` } });
    expect(grid.status).toBe(200);
    expect(grid.headers.get('content-type')).toBe('image/png');

    // The result is recorded the way the model registry records models: lineage, dataset,
    // config, a checkpoint per snapshot with G/G_ema/D assets, the newest samples as its card.
    const { db } = await import('@/lib/db');
    const model = await db.model.findUniqueOrThrow({
      where: { id: got.resultModel.id },
      select: { baseModelId: true, datasetId: true, config: true, sampleGridAssetId: true, checkpoints: { orderBy: { createdAt: 'desc' }, take: 1, select: { id: true, gEmaAssetId: true, gAssetId: true, dAssetId: true } } },
    });
    expect(model).toMatchObject({ baseModelId: base.id, datasetId });
    expect((model.config as { generator_kwargs: { img_resolution: number } }).generator_kwargs.img_resolution).toBe(32);
    expect(model.checkpoints[0].id).toBe(got.checkpoints.at(-1).id);
    expect(model.checkpoints[0].gAssetId && model.checkpoints[0].dAssetId).toBeTruthy();
    expect(model.sampleGridAssetId).toBe(new URL(got.sampleGridUrl, baseUrl()).searchParams.get('v'));

    // The explorer renders it: its newest checkpoint, and images that differ from the base model's.
    const render = async (modelId: string) => {
      const res = await api('/api/v1/generate', { method: 'POST', token: user.token, json: { modelId, seeds: [5] } });
      expect(res.status, JSON.stringify(res.data)).toBe(202);
      const job = await waitForJob(user.token, res.data.job.id, 120_000);
      expect(job.state, job.error).toBe('COMPLETED');
      return job.result as { checkpointId: string; images: { sha256: string; width: number }[] };
    };
    const tuned = await render(got.resultModel.id);
    expect(tuned.checkpointId).toBe(got.checkpoints.at(-1).id);
    expect(tuned.images[0].width).toBe(32);
    expect(tuned.images[0].sha256).not.toBe((await render(base.id)).images[0].sha256);

    const bob = await createUser('bob');
    expect((await api(`/api/v1/training-runs/${run.id}`, { token: bob.token })).status).toBe(404);
    expect((await api(`/api/v1/training-runs/${run.id}/events`, { token: bob.token })).status).toBe(404);
    expect((await api(`/api/v1/training-runs/${run.id}/cancel`, { method: 'POST', token: bob.token })).status).toBe(404);
    expect((await api(`/api/v1/training-runs/${run.id}/cancel`, { method: 'POST', token: user.token })).status).toBe(409);
  }, 300_000);

  it('refuses datasets without a licence and models of another resolution', async () => {
    const user = await createUser('refuse');
    const base = await createFixtureModel(user.id);
    const ds = await api('/api/v1/datasets', { method: 'POST', token: user.token, json: { name: 'No licence', resolution: 32 } });
    const res = await api('/api/v1/training-runs', { method: 'POST', token: user.token, json: { datasetId: ds.data.dataset.id, baseModelId: base.id } });
    expect(res.status).toBe(400);
    expect(res.data.error.message).toMatch(/Upload images first|licence/);

    const ds64 = await licensedFaceDataset(user, 2, { resolution: 64 }).catch((e: Error) => e);
    expect(ds64).toBeInstanceOf(Error); // 32 px faces are too small for a 64 px dataset
    const other = await createUser('other');
    const theirs = await createFixtureModel(other.id);
    const datasetId = await licensedFaceDataset(user, 2);
    expect((await api('/api/v1/training-runs', { method: 'POST', token: user.token, json: { datasetId, baseModelId: theirs.id } })).status).toBe(404);
  });

  it('cancels a run: it stops after the current step and keeps its last snapshot', async () => {
    const user = await createUser('cancel');
    const datasetId = await licensedFaceDataset(user, 4);
    const base = await createFixtureModel(user.id);
    const started = await api('/api/v1/training-runs', { method: 'POST', token: user.token, json: { datasetId, baseModelId: base.id, options: { ...TINY, kimg: 1 } } });
    const id = started.data.run.id;
    const deadline = Date.now() + 240_000;
    for (;;) {
      const r = (await api(`/api/v1/training-runs/${id}`, { token: user.token })).data.run;
      if (r.checkpoints.length >= 1) break;
      if (Date.now() > deadline || r.state === 'FAILED') throw new Error(`no snapshot: ${JSON.stringify(r)}`);
      await new Promise((res) => setTimeout(res, 250));
    }
    const cancel = await api(`/api/v1/training-runs/${id}/cancel`, { method: 'POST', token: user.token });
    expect(cancel.status).toBe(202);
    expect(cancel.data.run.cancelRequested).toBe(true);
    const events = await readEvents(`/api/v1/training-runs/${id}/events`, user.token);
    const done = events.at(-1)!.data;
    expect(done.state).toBe('CANCELLED');
    expect(done.kimg).toBeLessThan(1);
    expect(done.checkpoints.at(-1).kimg).toBeCloseTo(done.kimg, 6);
    // Both ends are in the audit log, by the user, the run named; a second cancel adds nothing.
    expect((await api(`/api/v1/training-runs/${id}/cancel`, { method: 'POST', token: user.token })).status).toBe(409);
    const audit = await db.auditLog.findMany({ where: { targetType: 'TrainingRun', targetId: id }, orderBy: { createdAt: 'asc' }, select: { action: true, actorId: true, targetLabel: true } });
    expect(audit.map((a) => a.action)).toEqual(['training.start', 'training.cancel']);
    for (const a of audit) expect([a.actorId, a.targetLabel]).toEqual([user.id, started.data.run.name]);
  }, 300_000);
});
