import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { getQueue } from '@/lib/queue/connection';
import { api, createUser } from '@/lib/testing/http';
import { createFixtureModel, licensedFaceDataset } from '@/lib/training/test-helpers';

describe('POST /jobs/:id/cancel on a fine-tune', () => {
  it('finishes a waiting run along with its job, so the run page does not stay queued', async () => {
    const user = await createUser('cancel-queued');
    const datasetId = await licensedFaceDataset(user, 2);
    const base = await createFixtureModel(user.id);
    // A run whose job waits in the real training queue (delayed, so no worker takes it first).
    const job = await db.job.create({ data: { type: 'fine-tune', userId: user.id, payload: {} } });
    const run = await db.trainingRun.create({
      data: { name: 'Waiting', ownerId: user.id, datasetId, baseModelId: base.id, options: {}, targetKimg: 1, jobId: job.id },
    });
    await db.job.update({ where: { id: job.id }, data: { payload: { runId: run.id } } });
    await getQueue('training').add('fine-tune', { runId: run.id }, { jobId: job.id, delay: 600_000 });

    const res = await api(`/api/v1/jobs/${job.id}/cancel`, { method: 'POST', token: user.token });
    expect(res.status).toBe(200);
    expect(res.data.job.state).toBe('CANCELLED');
    expect(await getQueue('training').getJob(job.id)).toBeUndefined();

    const page = await api(`/api/v1/training-runs/${run.id}`, { token: user.token });
    expect(page.data.run).toMatchObject({ state: 'CANCELLED', cancelRequested: true });
    expect(page.data.run.finishedAt).toBeTruthy();
  });
});
