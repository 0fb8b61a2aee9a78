// The former-member rule through the running app: what a member made in a team stays with the
// team. After leaving, the creator no longer reads or changes the team's latent and cannot use
// it as a video keyframe (the two disagreed before lib/access); current members still can.
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { api, createUser, type TestUser } from '@/lib/testing/http';
import { importFixtureModel } from '@/lib/testing/models';

let alice: TestUser; // team owner, stays
let bob: TestUser; // member who saves latents, then leaves
let teamId: string;
let latentIds: string[];
let teamJobId: string;

beforeAll(async () => {
  alice = await createUser('fmalice');
  bob = await createUser('fmbob');
  const team = await api('/api/v1/teams', { method: 'POST', token: alice.token, json: { name: 'Former members' } });
  teamId = team.data.team.id;
  expect((await api(`/api/v1/teams/${teamId}/members`, { method: 'POST', token: alice.token, json: { email: bob.email } })).status).toBe(201);
  const model = await importFixtureModel(alice.token, { workspace: teamId });
  latentIds = [];
  for (const seed of [1, 2]) {
    const res = await api('/api/v1/latents', { method: 'POST', token: bob.token, json: { modelId: model.id, workspace: teamId, seed, name: `Team latent ${seed}` } });
    expect(res.status, JSON.stringify(res.data)).toBe(201);
    latentIds.push(res.data.latent.id);
  }
  // A finished team job Bob started (finished: no worker takes it up).
  const job = await db.job.create({ data: { type: 'ping', state: 'COMPLETED', payload: {}, userId: bob.id, teamId, finishedAt: new Date() }, select: { id: true } });
  teamJobId = job.id;
});

describe('a former team member', () => {
  it('reads and changes the team latent while a member', async () => {
    expect((await api(`/api/v1/latents/${latentIds[0]}`, { token: bob.token })).status).toBe(200);
    expect((await api(`/api/v1/latents/${latentIds[0]}`, { method: 'PATCH', token: bob.token, json: { name: 'Renamed by Bob' } })).status).toBe(200);
    expect((await api(`/api/v1/jobs/${teamJobId}`, { token: bob.token })).status).toBe(200);
  });

  it('loses access to it after leaving: read, change and keyframe use all refuse alike', async () => {
    await db.membership.delete({ where: { userId_teamId: { userId: bob.id, teamId } } });
    expect((await api(`/api/v1/latents/${latentIds[0]}`, { token: bob.token })).status).toBe(404);
    expect((await api(`/api/v1/latents/${latentIds[0]}`, { method: 'PATCH', token: bob.token, json: { name: 'x' } })).status).toBe(404);
    const video = await api('/api/v1/videos', { method: 'POST', token: bob.token, json: { name: 'Not mine any more', keyframes: latentIds } });
    expect(video.status).toBe(400);
    expect(video.data.error.message).toMatch(/keyframes\[0\]/);
    const listed = await api('/api/v1/latents', { token: bob.token });
    expect(listed.data.latents.map((l: { id: string }) => l.id)).not.toContain(latentIds[0]);
    // The same rule for the team job he started.
    expect((await api(`/api/v1/jobs/${teamJobId}`, { token: bob.token })).status).toBe(404);
  });

  it('leaves the team its latents: the owner still reads and changes them', async () => {
    expect((await api(`/api/v1/latents/${latentIds[0]}`, { token: alice.token })).data.latent.name).toBe('Renamed by Bob');
    expect((await api(`/api/v1/latents/${latentIds[1]}`, { method: 'PATCH', token: alice.token, json: { name: 'Kept by the team' } })).status).toBe(200);
    expect((await api(`/api/v1/jobs/${teamJobId}`, { token: alice.token })).status).toBe(200);
  });
});
