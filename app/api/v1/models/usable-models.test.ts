import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { api, createUser } from '@/lib/testing/http';
import { waitForJob } from '@/lib/testing/models';
import { createFixtureModel, licensedFaceDataset, TINY } from '@/lib/training/test-helpers';

// The user's own models in a list (other suites share the database and publish models of their own).
const ids = (res: { data: { models: { id: string; mine: boolean }[] } }) => res.data.models.filter((m) => m.mine).map((m) => m.id);

describe('partial fine-tunes and the owner’s hide, delete and promote', () => {
  it('a cancelled fine-tune is no usable model until its owner promotes a checkpoint', async () => {
    const user = await createUser('partial');
    const datasetId = await licensedFaceDataset(user, 4);
    const base = await createFixtureModel(user.id, 'Base 32');
    const started = await api('/api/v1/training-runs', { method: 'POST', token: user.token, json: { datasetId, baseModelId: base.id, options: { ...TINY, kimg: 1 } } });
    expect(started.status, JSON.stringify(started.data)).toBe(202);
    const runId = started.data.run.id as string;
    const deadline = Date.now() + 240_000;
    while ((await db.checkpoint.count({ where: { trainingRunId: runId } })) === 0) {
      if (Date.now() > deadline) throw new Error('no checkpoint');
      await new Promise((r) => setTimeout(r, 500));
    }
    expect((await api(`/api/v1/training-runs/${runId}/cancel`, { method: 'POST', token: user.token })).status).toBe(202);
    let run = (await api(`/api/v1/training-runs/${runId}`, { token: user.token })).data.run;
    while (!['COMPLETED', 'FAILED', 'CANCELLED'].includes(run.state)) {
      if (Date.now() > deadline) throw new Error(`run still ${run.state}`);
      await new Promise((r) => setTimeout(r, 500));
      run = (await api(`/api/v1/training-runs/${runId}`, { token: user.token })).data.run;
    }
    expect(run.state).toBe('CANCELLED');
    const tunedId = run.resultModel.id as string;
    expect(run.resultModel.ready).toBe(false);

    // Not listed (so never the explorer's default), not renderable, but its page still opens for its owner.
    expect(ids(await api('/api/v1/models', { token: user.token }))).toEqual([base.id]);
    const gen = await api('/api/v1/generate', { method: 'POST', token: user.token, json: { modelId: tunedId, seeds: [1] } });
    expect(gen.status).toBe(409);
    expect(gen.data.error.message).toMatch(/did not complete.*promote one of its checkpoints/);
    expect((await api(`/api/v1/models/${tunedId}`, { token: user.token })).data.model).toMatchObject({ ready: false, mine: true });

    // Promoting the first checkpoint makes it usable from there on.
    const first = run.checkpoints[0].id as string;
    const bob = await createUser('not-owner');
    expect((await api(`/api/v1/models/${tunedId}/checkpoints/${first}/promote`, { method: 'POST', token: bob.token })).status).toBe(404);
    const promoted = await api(`/api/v1/models/${tunedId}/checkpoints/${first}/promote`, { method: 'POST', token: user.token });
    expect(promoted.status, JSON.stringify(promoted.data)).toBe(200);
    expect(promoted.data.model).toMatchObject({ ready: true, checkpoint: { id: first } });
    expect(ids(await api('/api/v1/models', { token: user.token }))[0]).toBe(tunedId);
    const ok = await api('/api/v1/generate', { method: 'POST', token: user.token, json: { modelId: tunedId, seeds: [1] } });
    expect(ok.status).toBe(202);
    expect((await waitForJob(user.token, ok.data.job.id, 120_000)).result.checkpointId).toBe(first);

    // Hidden by its owner: out of the list; deleting a model that a run was trained from is refused, with the reason.
    expect((await api(`/api/v1/models/${tunedId}`, { method: 'PATCH', token: user.token, json: { archived: true } })).status).toBe(200);
    expect(ids(await api('/api/v1/models', { token: user.token }))).not.toContain(tunedId);
    const refused = await api(`/api/v1/models/${base.id}`, { method: 'DELETE', token: user.token });
    expect(refused.status).toBe(409);
    expect(refused.data.error.message).toBe('This model cannot be deleted: it is used by 1 fine-tuned model and 1 training run. Hide it instead');
    expect((await api(`/api/v1/models/${tunedId}`, { method: 'DELETE', token: bob.token })).status).toBe(404);
    expect((await api(`/api/v1/models/${tunedId}`, { method: 'DELETE', token: user.token })).status).toBe(200);
    expect(await db.model.count({ where: { id: tunedId } })).toBe(0);
  }, 420_000);

  it('an owner hides a checkpoint: the model renders from the newest one still shown', async () => {
    const user = await createUser('hide-cp');
    const model = await createFixtureModel(user.id, 'Two checkpoints');
    const first = await db.checkpoint.findFirstOrThrow({ where: { modelId: model.id }, select: { id: true, gEmaAssetId: true, gAssetId: true, dAssetId: true, sha256: true } });
    const { id: _id, ...copy } = first;
    const second = await db.checkpoint.create({ data: { ...copy, modelId: model.id, label: 'second', createdAt: new Date(Date.now() + 1000) }, select: { id: true } });
    expect((await api(`/api/v1/models/${model.id}`, { token: user.token })).data.model.checkpoint.id).toBe(second.id);
    const hidden = await api(`/api/v1/models/${model.id}/checkpoints/${second.id}`, { method: 'PATCH', token: user.token, json: { hidden: true } });
    expect(hidden.status).toBe(200);
    expect(hidden.data.model.checkpoint.id).toBe(first.id);
    const onlyOne = await api(`/api/v1/models/${model.id}/checkpoints/${first.id}`, { method: 'PATCH', token: user.token, json: { hidden: true } });
    expect(onlyOne.status).toBe(409);
    expect((await api(`/api/v1/models/${model.id}/checkpoints/${second.id}`, { method: 'DELETE', token: user.token })).status).toBe(200);
  });
});
