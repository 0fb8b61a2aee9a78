// Monthly GPU quota: set through the admin API, enforced in enqueueJob for every job type,
// reported to the user, written to the audit log.
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { ApiError } from '@/lib/api/errors';
import { assertGpuQuota } from '@/lib/usage/gpu-quota';
import { api, createUser, promoteToAdmin, type TestUser } from '@/lib/testing/http';

let admin: TestUser;
let user: TestUser;

async function waitForJob(token: string, jobId: string, timeoutMs = 180_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await api(`/api/v1/jobs/${jobId}`, { token });
    const job = res.data.job;
    if (['COMPLETED', 'FAILED', 'CANCELLED'].includes(job.state)) return job;
    if (Date.now() > deadline) throw new Error(`job ${jobId} still ${job.state}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

beforeAll(async () => {
  admin = await createUser('quotaboss');
  await promoteToAdmin(admin.id);
  user = await createUser('quota');
});

describe('monthly GPU quota', () => {
  it('lets a job run under a tiny quota, then refuses the next with 429 and writes nothing', async () => {
    const set = await api(`/api/v1/admin/quotas/users/${user.id}`, { method: 'PUT', token: admin.token, json: { gpuQuotaSeconds: 1 } });
    expect(set.status).toBe(200);
    expect(set.data.user).toMatchObject({ id: user.id, gpuQuotaSeconds: 1, effectiveQuotaSeconds: 1 });

    const before = await api('/api/v1/me/quota', { token: user.token });
    expect(before.data.user).toMatchObject({ usedSeconds: 0, quotaSeconds: 1, exceeded: false });

    const first = await api('/api/v1/jobs/ping', { method: 'POST', token: user.token, json: { steps: 4, delayMs: 400 } });
    expect(first.status).toBe(202);
    const done = await waitForJob(user.token, first.data.job.id);
    expect(done.state).toBe('COMPLETED');
    expect(done.gpuSeconds).toBeGreaterThanOrEqual(1);

    const jobsBefore = await db.job.count({ where: { userId: user.id } });
    const refused = await api('/api/v1/jobs/ping', { method: 'POST', token: user.token, json: { steps: 1, delayMs: 0 } });
    expect(refused.status).toBe(429);
    expect(refused.data.error.code).toBe('quota_exceeded');
    expect(refused.data.error.message).toMatch(/^Monthly GPU quota of 1 s used up; resets on \d{4}-\d{2}-01$/);
    expect(await db.job.count({ where: { userId: user.id } })).toBe(jobsBefore);

    const after = await api('/api/v1/me/quota', { token: user.token });
    expect(after.data.user).toMatchObject({ quotaSeconds: 1, exceeded: true, remainingSeconds: 0 });
    expect(after.data.user.usedSeconds).toBeGreaterThanOrEqual(1);

    // Back to the default (10 h): jobs run again.
    const reset = await api(`/api/v1/admin/quotas/users/${user.id}`, { method: 'PUT', token: admin.token, json: { gpuQuotaSeconds: null } });
    expect(reset.data.user.gpuQuotaSeconds).toBeNull();
    const again = await api('/api/v1/jobs/ping', { method: 'POST', token: user.token, json: { steps: 1, delayMs: 0 } });
    expect(again.status).toBe(202);

    const log = await api('/api/v1/admin/audit-log?action=quota.user', { token: admin.token });
    const mine = log.data.entries.filter((e: { targetId: string }) => e.targetId === user.id);
    expect(mine.map((e: { details: { to: number | null } }) => e.details.to)).toEqual([null, 1]);
    expect(mine[0].actor.id).toBe(admin.id);
  });

  it('enforces a team quota on the team’s jobs', async () => {
    const team = await api('/api/v1/teams', { method: 'POST', token: user.token, json: { name: 'Quota team' } });
    expect(team.status).toBe(201);
    const teamId = team.data.team.id;
    await db.job.create({ data: { type: 'ping', payload: {}, userId: null, teamId, state: 'COMPLETED', gpuSeconds: 5 } });
    await expect(assertGpuQuota({ userId: null, teamId })).resolves.toBeUndefined();
    const set = await api(`/api/v1/admin/quotas/teams/${teamId}`, { method: 'PUT', token: admin.token, json: { gpuQuotaSeconds: 5 } });
    expect(set.status).toBe(200);
    const err = await assertGpuQuota({ userId: null, teamId }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).status).toBe(429);
    expect((err as ApiError).message).toMatch(/team’s monthly GPU quota of 5 s used up/);
    const mine = await api('/api/v1/me/quota', { token: user.token });
    expect(mine.data.teams[0]).toMatchObject({ team: { id: teamId }, quotaSeconds: 5, exceeded: true });
  });

  it('validates quota input and unknown targets', async () => {
    expect((await api(`/api/v1/admin/quotas/users/${user.id}`, { method: 'PUT', token: admin.token, json: { gpuQuotaSeconds: -1 } })).status).toBe(400);
    expect((await api('/api/v1/admin/quotas/users/nope', { method: 'PUT', token: admin.token, json: { gpuQuotaSeconds: 10 } })).status).toBe(404);
  });
});
