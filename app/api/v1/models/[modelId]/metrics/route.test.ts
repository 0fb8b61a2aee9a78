import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { BUNDLED_CHECKPOINT_LABEL } from '@/lib/demo/bundled-model';
import { api, createUser } from '@/lib/testing/http';
import { importFixtureModel, waitForJob } from '@/lib/testing/models';
import { waitFor } from '@/lib/testing/wait-for';

/** The fixture model marked the way the bundled model is (its data: the procedural faces). */
async function bundledLikeModel(token: string, fields: Record<string, string> = {}) {
  const model = await importFixtureModel(token, fields);
  await db.checkpoint.update({ where: { id: model.checkpoint.id }, data: { label: `${BUNDLED_CHECKPOINT_LABEL} · test` } });
  return model;
}

describe('metrics jobs: /api/v1/models/:id/metrics', () => {
  it('computes FID, KID and precision/recall against the procedural faces, lists them and caches the real features', async () => {
    const alice = await createUser('metrics');
    const model = await bundledLikeModel(alice.token);
    const started = await api(`/api/v1/models/${model.id}/metrics`, { method: 'POST', token: alice.token, json: { metrics: ['fid', 'kid', 'pr'], num: 8, inputSize: 75 } });
    expect(started.status).toBe(200);
    expect(started.data.run).toMatchObject({ state: 'QUEUED', num: 8, metrics: ['fid', 'kid', 'pr'] });
    const job = await waitForJob(alice.token, started.data.run.jobId, 180_000);
    expect(job.state).toBe('COMPLETED');

    const listed = await api(`/api/v1/models/${model.id}/metrics`, { token: alice.token });
    expect(listed.status).toBe(200);
    expect(listed.data.featureNetwork).toMatch(/not comparable with published FIDs/);
    const run = listed.data.runs[0];
    expect(run.state).toBe('COMPLETED');
    const byName = Object.fromEntries(run.results.map((r: { metric: string }) => [r.metric, r]));
    expect(byName.fid.value).toBeGreaterThan(0);
    expect(Number.isFinite(byName.kid.value)).toBe(true);
    expect(byName.pr.precision).toBeGreaterThanOrEqual(0);
    expect(byName.pr.recall).toBeLessThanOrEqual(1);
    expect(byName.fid.note).toMatch(/not comparable/);

    // The real side (8 procedural faces at 32 px, 75 px input) is cached; a second run reuses it.
    const cached = await db.realFeatureCache.findMany({ where: { key: { contains: 'procedural:2026:32|8' } } });
    expect(cached).toHaveLength(1);
    const again = await api(`/api/v1/models/${model.id}/metrics`, { method: 'POST', token: alice.token, json: { metrics: ['fid'], num: 8, inputSize: 75 } });
    const job2 = await waitForJob(alice.token, again.data.run.jobId, 180_000);
    expect(job2.state).toBe('COMPLETED');
    const secondFid = (await db.metricRun.findUniqueOrThrow({ where: { id: again.data.run.id } })).results as Array<{ value: number }>;
    // Same seeds, same cached real features: the same FID.
    expect(secondFid[0].value).toBeCloseTo(byName.fid.value, 6);
  });

  it('refuses bad input with a 400 and another user’s private model with a 404, writing nothing', async () => {
    const alice = await createUser('metrics-owner');
    const bob = await createUser('metrics-other');
    const model = await bundledLikeModel(alice.token);
    const before = await db.metricRun.count({ where: { modelId: model.id } });
    for (const json of [{ metrics: ['fid', 'nope'] }, { num: 3 }, { num: 10, inputSize: 20 }, { metrics: [] }, { extra: 1 }]) {
      const res = await api(`/api/v1/models/${model.id}/metrics`, { method: 'POST', token: alice.token, json });
      expect(res.status, JSON.stringify(json)).toBe(400);
    }
    expect((await api(`/api/v1/models/${model.id}/metrics`, { method: 'POST', token: bob.token, json: { num: 8 } })).status).toBe(404);
    expect((await api(`/api/v1/models/${model.id}/metrics`, { token: bob.token })).status).toBe(404);
    expect((await api(`/api/v1/models/${model.id}/metrics`, { method: 'POST', json: { num: 8 } })).status).toBe(401);
    expect(await db.metricRun.count({ where: { modelId: model.id } })).toBe(before);
  });

  it('a model without training data cannot be measured (404), and a running job can be cancelled', async () => {
    const alice = await createUser('metrics-cancel');
    const plain = await importFixtureModel(alice.token);
    expect((await api(`/api/v1/models/${plain.id}/metrics`, { method: 'POST', token: alice.token, json: { num: 8 } })).status).toBe(404);

    const model = await bundledLikeModel(alice.token);
    const started = await api(`/api/v1/models/${model.id}/metrics`, { method: 'POST', token: alice.token, json: { metrics: ['fid', 'ppl'], num: 2000, inputSize: 75 } });
    expect(started.status).toBe(200);
    const cancel = await api(`/api/v1/jobs/${started.data.run.jobId}/cancel`, { method: 'POST', token: alice.token });
    expect(cancel.status).toBe(200);
    const job = await waitForJob(alice.token, started.data.run.jobId, 120_000);
    expect(job.state).toBe('CANCELLED');
    // The job row turns CANCELLED at once; the run follows when the worker has stopped.
    const row = await waitFor('the cancelled metric run', async () => {
      const r = await db.metricRun.findUniqueOrThrow({ where: { id: started.data.run.id } });
      return r.state === 'CANCELLED' ? r : null;
    }, 60_000);
    expect(row.finishedAt).not.toBeNull();
  });
});
