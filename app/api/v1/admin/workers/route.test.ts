import { beforeAll, describe, expect, it } from 'vitest';
import { api, createUser, promoteToAdmin, type TestUser } from '@/lib/testing/http';

const CHOICES = ['webgpu', 'node-gpu', 'node', 'wasm', 'cpu'];

async function pingResult(token: string) {
  const created = await api('/api/v1/jobs/ping', { method: 'POST', token, json: { steps: 1, delayMs: 0 } });
  expect(created.status).toBe(202);
  for (const end = Date.now() + 60_000; Date.now() < end; ) {
    const job = (await api(`/api/v1/jobs/${created.data.job.id}`, { token })).data.job;
    if (job.state === 'COMPLETED') return job.result;
    if (job.state === 'FAILED') throw new Error(`ping failed: ${job.error}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('ping did not finish within a minute');
}

describe('GET /api/v1/admin/workers', () => {
  let admin: TestUser;
  let user: TestUser;
  beforeAll(async () => {
    admin = await createUser('workers-admin');
    await promoteToAdmin(admin.id);
    user = await createUser('workers-user');
  });

  it('lists the running test worker online, with the backend and adapter its ping job reports', async () => {
    // The ping proves the test worker is up and names it: `${hostname}:${pid}` is its registry id.
    const ping = await pingResult(admin.token);
    const res = await api('/api/v1/admin/workers', { token: admin.token });
    expect(res.status).toBe(200);
    const worker = res.data.workers.find((w: { id: string }) => w.id === ping.worker);
    expect(worker).toBeDefined();
    expect(worker).toMatchObject({ state: 'online', stoppedAt: null, backend: ping.backendChoice, adapter: ping.adapter });
    expect(`${worker.hostname}:${worker.pid}`).toBe(ping.worker);
    expect(CHOICES).toContain(worker.backend); // 'wasm' on machines without a GPU
    // Only webgpu runs on a GPU adapter; it reports whether that adapter is software or hardware.
    if (worker.backend === 'webgpu') expect(typeof worker.adapter.software).toBe('boolean');
    else expect(worker.adapter).toBeNull();
    expect(worker.queues).toEqual(expect.arrayContaining(['default', 'synthesis']));
    expect(Date.now() - Date.parse(worker.lastSeenAt)).toBeLessThan(60_000);
    expect(Date.parse(worker.startedAt)).toBeLessThanOrEqual(Date.parse(worker.lastSeenAt));
  });

  it('is 403 for a non-admin and 401 signed out', async () => {
    const asUser = await api('/api/v1/admin/workers', { token: user.token });
    expect(asUser.status).toBe(403);
    expect(asUser.data.error.code).toBe('forbidden');
    expect((await api('/api/v1/admin/workers')).status).toBe(401);
  });
});
