import { spawnSync } from 'node:child_process';
import os from 'node:os';
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

describe('cancelling a job whose worker is gone', () => {
  async function orphanedFineTune(tag: string, job: { heartbeatAt: Date; workerName: string }) {
    const user = await createUser(tag);
    const datasetId = await licensedFaceDataset(user, 2);
    const base = await createFixtureModel(user.id);
    // Running as far as Postgres knows, but no queue entry (Redis lost it) and no live worker.
    const row = await db.job.create({
      data: { type: 'fine-tune', userId: user.id, payload: {}, state: 'ACTIVE', attempts: 1, startedAt: new Date(Date.now() - 120_000), ...job },
    });
    const run = await db.trainingRun.create({
      data: { name: 'Orphan', ownerId: user.id, datasetId, baseModelId: base.id, options: {}, targetKimg: 1, jobId: row.id, state: 'ACTIVE', startedAt: new Date() },
    });
    await db.job.update({ where: { id: row.id }, data: { payload: { runId: run.id } } });
    expect(await getQueue('training').getJob(row.id)).toBeUndefined();
    return { user, jobId: row.id, runId: run.id };
  }

  it('finishes it as CANCELLED at once, with its run, when its heartbeat stopped long ago', async () => {
    const { user, jobId, runId } = await orphanedFineTune('cancel-silent', { heartbeatAt: new Date(Date.now() - 600_000), workerName: 'gone-host:4242' });
    const res = await api(`/api/v1/jobs/${jobId}/cancel`, { method: 'POST', token: user.token });
    expect(res.status).toBe(200);
    expect(res.data.job.state).toBe('CANCELLED');
    expect(res.data.job.finishedAt).toBeTruthy();
    const run = await db.trainingRun.findUniqueOrThrow({ where: { id: runId }, select: { state: true, finishedAt: true } });
    expect(run.state).toBe('CANCELLED');
    expect(run.finishedAt).toBeTruthy();
  });

  it('finishes it at once through the run page when its worker on this host has exited, though its heartbeat is fresh', async () => {
    // A process that has exited: its pid is the dead worker's.
    const dead = spawnSync(process.execPath, ['-e', 'process.pid'], { stdio: 'ignore' }).pid!;
    const { user, jobId, runId } = await orphanedFineTune('cancel-exited', { heartbeatAt: new Date(), workerName: `${os.hostname()}:${dead}` });
    const res = await api(`/api/v1/training-runs/${runId}/cancel`, { method: 'POST', token: user.token });
    expect(res.status).toBe(202);
    expect(res.data.run).toMatchObject({ state: 'CANCELLED', cancelRequested: true });
    const job = await db.job.findUniqueOrThrow({ where: { id: jobId }, select: { state: true, finishedAt: true } });
    expect(job.state).toBe('CANCELLED');
    expect(job.finishedAt).toBeTruthy();
  });

  it('leaves a job whose worker still runs it to that worker, which stops it', async () => {
    // Its queue entry was lost, but the worker that runs it (this process) is alive and beating.
    const { user, jobId, runId } = await orphanedFineTune('cancel-alive', { heartbeatAt: new Date(), workerName: `${os.hostname()}:${process.pid}` });
    const res = await api(`/api/v1/jobs/${jobId}/cancel`, { method: 'POST', token: user.token });
    expect(res.data.job).toMatchObject({ state: 'CANCELLED', finishedAt: null });
    const run = await db.trainingRun.findUniqueOrThrow({ where: { id: runId }, select: { state: true, cancelRequestedAt: true } });
    expect(run.state).toBe('ACTIVE');
    expect(run.cancelRequestedAt).toBeTruthy();
  });
});
