import { describe, expect, it } from 'vitest';
import { api, createUser } from '@/lib/testing/http';

async function waitFor<T>(read: () => Promise<T>, done: (v: T) => boolean, ms = 20_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (done(v) || Date.now() > until) return v;
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('cancelling a job', () => {
  it('stops a running job on the worker and a queued one before it starts; the rows stay CANCELLED', async () => {
    const user = await createUser('cancel');
    const long = { message: 'slow', steps: 20, delayMs: 1000 };
    const running = (await api('/api/v1/jobs/ping', { method: 'POST', token: user.token, json: long })).data.job.id;
    await waitFor(() => api(`/api/v1/jobs/${running}`, { token: user.token }), (r) => r.data.job.state === 'ACTIVE');
    // The default queue runs one job at a time here, so this one waits behind the first.
    const waiting = (await api('/api/v1/jobs/ping', { method: 'POST', token: user.token, json: long })).data.job.id;

    const c2 = await api(`/api/v1/jobs/${waiting}/cancel`, { method: 'POST', token: user.token });
    expect(c2.status).toBe(200);
    expect(c2.data.job.state).toBe('CANCELLED');
    const c1 = await api(`/api/v1/jobs/${running}/cancel`, { method: 'POST', token: user.token });
    expect(c1.data.job.state).toBe('CANCELLED');

    // The worker notices within about a second and a step, and records when it stopped.
    const stopped = await waitFor(() => api(`/api/v1/jobs/${running}`, { token: user.token }), (r) => r.data.job.finishedAt !== null, 10_000);
    expect(stopped.data.job).toMatchObject({ state: 'CANCELLED', result: null });
    expect(stopped.data.job.progress).toBeLessThan(0.5);
    await new Promise((r) => setTimeout(r, 2500));
    const after = (await api(`/api/v1/jobs/${running}`, { token: user.token })).data.job;
    expect(after.state).toBe('CANCELLED');
    const never = (await api(`/api/v1/jobs/${waiting}`, { token: user.token })).data.job;
    expect(never).toMatchObject({ state: 'CANCELLED', startedAt: null, result: null });
    expect(never.finishedAt).not.toBeNull();
  });

  it("is 404 for someone else's job and leaves a finished job as it was", async () => {
    const alice = await createUser('cancel-owner');
    const mallory = await createUser('cancel-mallory');
    const id = (await api('/api/v1/jobs/ping', { method: 'POST', token: alice.token, json: { steps: 1, delayMs: 0 } })).data.job.id;
    expect((await api(`/api/v1/jobs/${id}/cancel`, { method: 'POST', token: mallory.token })).status).toBe(404);
    await waitFor(() => api(`/api/v1/jobs/${id}`, { token: alice.token }), (r) => r.data.job.state === 'COMPLETED');
    const res = await api(`/api/v1/jobs/${id}/cancel`, { method: 'POST', token: alice.token });
    expect(res.status).toBe(200);
    expect(res.data.job.state).toBe('COMPLETED');
  });
});
