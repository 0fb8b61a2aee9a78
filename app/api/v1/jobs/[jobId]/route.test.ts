// GET /jobs/:id: who may read a job (its owner, or its team's current members, signed in with a
// token or a session cookie), and the long poll (?wait=N) answering once a worker finishes it.
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { api, createUser, sessionCookie, type TestUser } from '@/lib/testing/http';

let alice: TestUser; // team owner
let bob: TestUser; // team member
let carol: TestUser; // outsider
let teamJobId: string;

beforeAll(async () => {
  [alice, bob, carol] = await Promise.all([createUser('jobalice'), createUser('jobbob'), createUser('jobcarol')]);
  const team = await api('/api/v1/teams', { method: 'POST', token: alice.token, json: { name: 'Job readers' } });
  const teamId = team.data.team.id;
  expect((await api(`/api/v1/teams/${teamId}/members`, { method: 'POST', token: alice.token, json: { email: bob.email } })).status).toBe(201);
  const job = await db.job.create({ data: { type: 'ping', state: 'COMPLETED', payload: {}, userId: alice.id, teamId, finishedAt: new Date() }, select: { id: true } });
  teamJobId = job.id;
});

describe('GET /jobs/:id', () => {
  it("shows a team's job to its members with a token or a session cookie, and 404s to others", async () => {
    expect((await api(`/api/v1/jobs/${teamJobId}`, { token: bob.token })).data.job.id).toBe(teamJobId);
    const bobCookie = await sessionCookie(bob.email);
    const withCookie = await api(`/api/v1/jobs/${teamJobId}`, { cookie: bobCookie });
    expect(withCookie.status).toBe(200);
    expect(withCookie.data.job.id).toBe(teamJobId);
    expect((await api(`/api/v1/jobs/${teamJobId}`, { token: carol.token })).status).toBe(404);
    expect((await api(`/api/v1/jobs/${teamJobId}`, { cookie: await sessionCookie(carol.email) })).status).toBe(404);
    expect((await api(`/api/v1/jobs/${teamJobId}?wait=1`, { token: carol.token })).status).toBe(404);
  });

  it('long-polls: answers with the job running when the wait runs out, finished as soon as a worker is done', async () => {
    const created = await api('/api/v1/jobs/ping', { method: 'POST', token: carol.token, json: { steps: 3, delayMs: 400 } });
    expect(created.status).toBe(202);
    const id = created.data.job.id;
    const early = await api(`/api/v1/jobs/${id}?wait=0.2`, { token: carol.token });
    expect(early.status).toBe(200);
    expect(['QUEUED', 'ACTIVE']).toContain(early.data.job.state);
    const t0 = Date.now();
    const done = await api(`/api/v1/jobs/${id}?wait=20`, { token: carol.token });
    expect(done.data.job.state).toBe('COMPLETED');
    expect(done.data.job.result.pong).toBe('ping');
    expect(Date.now() - t0).toBeLessThan(10_000);
    // Finished: answers at once.
    const t1 = Date.now();
    expect((await api(`/api/v1/jobs/${id}?wait=20`, { token: carol.token })).data.job.state).toBe('COMPLETED');
    expect(Date.now() - t1).toBeLessThan(2_000);
    expect((await api(`/api/v1/jobs/${id}?wait=20`, { token: alice.token })).status).toBe(404);
  });

  it.each(['26', '-1', 'soon'])('refuses wait=%s with a 400', async (wait) => {
    const res = await api(`/api/v1/jobs/${teamJobId}?wait=${wait}`, { token: alice.token });
    expect(res.status).toBe(400);
    expect(res.data.error.code).toBe('validation_error');
  });
});
