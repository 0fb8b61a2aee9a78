import { afterAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { api, createUser } from '@/lib/testing/http';

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
