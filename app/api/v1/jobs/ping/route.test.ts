import { describe, expect, it } from 'vitest';
import { api, baseUrl, createUser } from '@/lib/testing/http';

type SseEvent = { event: string; data: any }; // eslint-disable-line @typescript-eslint/no-explicit-any

async function readEvents(path: string, token: string): Promise<SseEvent[]> {
  const res = await fetch(baseUrl() + path, { headers: { authorization: `Bearer ${token}` } });
  expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
  const text = await res.text(); // the stream ends after the `done` event
  return text
    .split('\n\n')
    .filter(Boolean)
    .map((chunk) => {
      const event = /event: (.*)/.exec(chunk)?.[1] ?? '';
      const data = JSON.parse(/data: (.*)/.exec(chunk)?.[1] ?? 'null');
      return { event, data };
    });
}

describe('ping job round trip: route → queue → worker → result', () => {
  it('runs on the real worker and streams progress to the result', async () => {
    const user = await createUser('ping');
    const created = await api('/api/v1/jobs/ping', { method: 'POST', token: user.token, json: { message: 'hello worker', steps: 4, delayMs: 150 } });
    expect(created.status).toBe(202);
    const jobId = created.data.job.id;

    const events = await readEvents(`/api/v1/jobs/${jobId}/events`, user.token);
    const progress = events.filter((e) => e.event === 'progress').map((e) => e.data.progress);
    expect(progress.length).toBeGreaterThanOrEqual(2);
    expect([...progress].sort((a, b) => a - b)).toEqual(progress);
    const done = events.at(-1)!;
    expect(done.event).toBe('done');
    expect(done.data.state).toBe('COMPLETED');
    expect(done.data.result.pong).toBe('hello worker');
    expect(done.data.result.worker).toMatch(/:\d+$/);
    // The worker's tfjs backend: its label, its choice and (on webgpu only) the GPU adapter.
    expect(typeof done.data.result.backend).toBe('string');
    expect(['webgpu', 'node-gpu', 'node', 'wasm', 'cpu']).toContain(done.data.result.backendChoice);
    expect(done.data.result).toHaveProperty('adapter');
    if (done.data.result.backendChoice === 'webgpu') expect(done.data.result.adapter).toMatchObject({ software: expect.any(Boolean), vendor: expect.any(String) });
    else expect(done.data.result.adapter).toBeNull();

    const job = await api(`/api/v1/jobs/${jobId}`, { token: user.token });
    expect(job.data.job).toMatchObject({ state: 'COMPLETED', progress: 1, type: 'ping' });
    expect(job.data.job.gpuSeconds).toBeGreaterThan(0.5);
  });

  it("hides a job from other users and validates the payload", async () => {
    const alice = await createUser('a');
    const bob = await createUser('b');
    const created = await api('/api/v1/jobs/ping', { method: 'POST', token: alice.token, json: { steps: 1, delayMs: 0 } });
    expect((await api(`/api/v1/jobs/${created.data.job.id}`, { token: bob.token })).status).toBe(404);
    expect((await api(`/api/v1/jobs/${created.data.job.id}/events`, { token: bob.token })).status).toBe(404);
    const bad = await api('/api/v1/jobs/ping', { method: 'POST', token: alice.token, json: { steps: 500 } });
    expect(bad.status).toBe(400);
    expect(bad.data.error.message).toMatch(/^Steps must be at most \d+$/);
  });
});
