import { afterAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { api, createUser } from '@/lib/testing/http';
import { importFixtureModel } from '@/lib/testing/models';
import { referenceSecPerKimg } from '@/lib/training/benchmark';

const fakeGpuWorker = `estimate-test-gpu:${process.pid}`;

describe('the fine-tune estimate names its unit after the hardware', () => {
  afterAll(() => db.workerNode.deleteMany({ where: { id: fakeGpuWorker } }));

  it('says compute-seconds while no training worker has a GPU, GPU-seconds once one has', async () => {
    const user = await createUser('estimate');
    const cpu = await api('/api/v1/training-runs/estimate?resolution=32&kimg=1', { token: user.token });
    expect(cpu.status).toBe(200);
    expect(cpu.data.estimate).toMatchObject({ onGpu: false, unit: 'compute-seconds' });

    await db.workerNode.create({
      data: {
        id: fakeGpuWorker,
        hostname: 'estimate-test-gpu',
        pid: 1,
        queues: ['atelier-training'],
        backend: 'webgpu',
        adapter: { vendor: 'nvidia', architecture: 'hopper', device: '', description: 'NVIDIA H200', software: false, dawnBackend: 'default' },
      },
    });
    const gpu = await api('/api/v1/training-runs/estimate?resolution=32&kimg=1', { token: user.token });
    expect(gpu.data.estimate).toMatchObject({ onGpu: true, unit: 'GPU-seconds' });
  });
});

describe('the fine-tune estimate follows the base model', () => {
  it('uses the measured speed of its architecture (scaled by convolution work), not the 64-channel benchmark', async () => {
    const user = await createUser('estimatebase');
    const model = await importFixtureModel(user.token);
    const res = await api(`/api/v1/training-runs/estimate?resolution=32&kimg=2&baseModelId=${model.id}`, { token: user.token });
    expect(res.status, JSON.stringify(res.data)).toBe(200);
    // The 32 px fixture: channel_base 1024, channel_max 64 (64/64/32 channels at 8/16/32 px).
    const expected = referenceSecPerKimg({ resolution: 32, channelBase: 1024, channelMax: 64 });
    expect(res.data.estimate.secPerKimg).toBeCloseTo(expected.secPerKimg, 6);
    expect(res.data.estimate.secPerKimg).toBeLessThan(185); // the 64-channel benchmark row
    expect(res.data.estimate.seconds).toBeCloseTo(expected.secPerKimg * 2, 6);
    expect(res.data.estimate.basis).toBe(expected.basis);
  });

  it('answers 404 for a base model the user may not fine-tune', async () => {
    const owner = await createUser('estimateowner');
    const other = await createUser('estimateother');
    const model = await importFixtureModel(owner.token);
    const res = await api(`/api/v1/training-runs/estimate?resolution=32&kimg=2&baseModelId=${model.id}`, { token: other.token });
    expect(res.status).toBe(404);
  });
});
