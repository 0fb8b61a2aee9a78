// Retrying a failed or cancelled job: the same job (id, inputs) runs again as a new attempt,
// through the shared test worker; attempts and compute seconds add up over every attempt.
// Admins retry and cancel anyone's job from /api/v1/admin/jobs (the page /admin/jobs).
import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { api, baseUrl, createUser, promoteToAdmin, sessionCookie } from '@/lib/testing/http';

async function waitFor<T>(read: () => Promise<T>, done: (v: T) => boolean, ms = 30_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (done(v)) return v;
    if (Date.now() > until) throw new Error(`timed out: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const finished = <T extends { state: string }>(j: T) => ['COMPLETED', 'FAILED', 'CANCELLED'].includes(j.state);

describe('retrying a job', () => {
  it('runs a cancelled job again to completion; attempts and compute time count both attempts', async () => {
    const user = await createUser('retry-cancelled');
    const id = (await api('/api/v1/jobs/ping', { method: 'POST', token: user.token, json: { message: 'again', steps: 6, delayMs: 250 } })).data.job.id;
    const read = async () => (await api(`/api/v1/jobs/${id}`, { token: user.token })).data.job;
    await waitFor(read, (j) => j.state === 'ACTIVE' && j.progress >= 0.5);
    await api(`/api/v1/jobs/${id}/cancel`, { method: 'POST', token: user.token });
    const cancelled = await waitFor(read, (j) => j.finishedAt !== null);
    expect(cancelled).toMatchObject({ state: 'CANCELLED', attempts: 1 });

    const res = await api(`/api/v1/jobs/${id}/retry`, { method: 'POST', token: user.token });
    expect(res.status).toBe(202);
    // Queued again (an idle worker may have taken it up already), the cancelled attempt's end cleared.
    expect(res.data.job).toMatchObject({ id, finishedAt: null, error: null });
    expect(['QUEUED', 'ACTIVE']).toContain(res.data.job.state);
    const done = await waitFor(read, finished);
    expect(done).toMatchObject({ state: 'COMPLETED', attempts: 2, result: { pong: 'again', steps: 6 } });
    // The second attempt alone ran 1.5 s; the first ran 0.75 s or more before it was cancelled.
    expect(done.gpuSeconds).toBeGreaterThan(cancelled.gpuSeconds + 1.4);
    expect(cancelled.gpuSeconds).toBeGreaterThan(0.7);

    // Only failed or cancelled jobs: a completed one is a 409, someone else's a 404.
    expect((await api(`/api/v1/jobs/${id}/retry`, { method: 'POST', token: user.token })).status).toBe(409);
    const other = await createUser('retry-other');
    expect((await api(`/api/v1/jobs/${id}/retry`, { method: 'POST', token: other.token })).status).toBe(404);
  });

  it('runs a failed job again with the same inputs (an admin retries it from the jobs list)', async () => {
    const user = await createUser('retry-failed');
    const admin = await createUser('retry-admin');
    await promoteToAdmin(admin.id);
    // A sample grid of a model that does not exist fails at once, for good.
    const { enqueueJob } = await import('@/lib/jobs/enqueue-job');
    const { sampleGridJob } = await import('@/lib/synthesis/jobs/synthesize');
    const payload = { modelId: `missing-${Date.now()}`, checkpointId: 'missing' };
    const { id } = await enqueueJob(sampleGridJob, payload, { userId: user.id });
    const read = () => db.job.findUniqueOrThrow({ where: { id } });
    const failed = await waitFor(read, finished);
    expect(failed).toMatchObject({ state: 'FAILED', attempts: 1, error: `Model ${payload.modelId} no longer exists` });

    const list = await api(`/api/v1/admin/jobs?state=FAILED&type=model-sample-grid&owner=${encodeURIComponent(user.email)}`, { token: admin.token });
    expect(list.status).toBe(200);
    expect(list.data.jobs.map((j: { id: string }) => j.id)).toEqual([id]);
    expect(list.data.jobs[0]).toMatchObject({ state: 'FAILED', attempts: 1, user: { email: user.email } });
    expect((await api(`/api/v1/admin/jobs/${id}/retry`, { method: 'POST', token: user.token })).status).toBe(403);
    // The page: the admin home's "Failed jobs" leads to it, and it offers the retry.
    const cookie = await sessionCookie(admin.email);
    const home = await fetch(`${baseUrl()}/admin`, { headers: { cookie } }).then((r) => r.text());
    expect(home).toContain('href="/admin/jobs?state=FAILED"');
    const page = await fetch(`${baseUrl()}/admin/jobs?state=FAILED&owner=${encodeURIComponent(user.email)}`, { headers: { cookie } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(`data-job-id="${id}"`);
    expect(html).toContain(`Model ${payload.modelId} no longer exists`);
    expect(html).toMatch(/>Retry</);

    const res = await api(`/api/v1/admin/jobs/${id}/retry`, { method: 'POST', token: admin.token });
    expect(res.status).toBe(202);
    const again = await waitFor(read, (j) => finished(j) && j.attempts === 2);
    expect(again).toMatchObject({ state: 'FAILED', payload, error: `Model ${payload.modelId} no longer exists` });
    const audit = await db.auditLog.findFirst({ where: { action: 'job.retry', targetId: id }, select: { actorId: true } });
    expect(audit?.actorId).toBe(admin.id);
  });
});
