import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { api, createUser } from '@/lib/testing/http';

async function modelFor(ownerId: string) {
  return db.model.create({ data: { name: 'm', ownerId, config: { resolution: 32 } } });
}

describe('GET /api/v1/studio/recent', () => {
  it("lists the workspace's newest work of each kind, each with its own page, and nobody else's", async () => {
    const u = await createUser('studio');
    const other = await createUser('stranger');
    const model = await modelFor(u.id);
    for (let i = 0; i < 8; i++) {
      await db.latent.create({ data: { name: `face ${i}`, seed: i, z: [], wplus: [], ownerId: u.id, modelId: model.id, createdAt: new Date(Date.now() - (8 - i) * 1000) } });
    }
    await db.latent.create({ data: { name: 'not mine', z: [], wplus: [], ownerId: other.id, modelId: model.id } });
    const collection = await api('/api/v1/collections', { method: 'POST', token: u.token, json: { name: 'Favourites' } });
    expect(collection.status).toBe(201);

    const res = await api('/api/v1/studio/recent', { token: u.token });
    expect(res.status).toBe(200);
    const { latents, mixes, videos, trainingRuns, collections } = res.data.recent;
    expect(latents.map((l: { name: string }) => l.name)).toEqual(['face 7', 'face 6', 'face 5', 'face 4', 'face 3', 'face 2']);
    expect(latents[0].href).toMatch(/^\/latents\/\w+$/);
    expect(latents[0].detail).toBe('seed 7 · private');
    expect(mixes).toEqual([]);
    expect(videos).toEqual([]);
    expect(trainingRuns).toEqual([]);
    expect(collections).toHaveLength(1);
    expect(collections[0]).toMatchObject({ name: 'Favourites', href: `/collections/${collection.data.collection.id}`, detail: '0 items · private', thumbnailUrl: null });

    const more = await api('/api/v1/studio/recent?take=48', { token: u.token });
    expect(more.data.recent.latents).toHaveLength(8);
    const bad = await api('/api/v1/studio/recent?take=500', { token: u.token });
    expect(bad.status).toBe(400);
    expect(bad.data.error.message).toBe('take must be at most 48');
  });

  it("shows a team's work to its members only", async () => {
    const owner = await createUser('teamowner');
    const outsider = await createUser('outsider');
    const team = await api('/api/v1/teams', { method: 'POST', token: owner.token, json: { name: 'Shelf team' } });
    const teamId = team.data.team.id as string;
    const model = await modelFor(owner.id);
    await db.latent.create({ data: { name: 'team face', z: [], wplus: [], ownerId: owner.id, teamId, modelId: model.id } });
    const mine = await api(`/api/v1/studio/recent?workspace=${teamId}`, { token: owner.token });
    expect(mine.status).toBe(200);
    expect(mine.data.recent.latents.map((l: { name: string }) => l.name)).toEqual(['team face']);
    const personal = await api('/api/v1/studio/recent', { token: owner.token });
    expect(personal.data.recent.latents).toEqual([]);
    const theirs = await api(`/api/v1/studio/recent?workspace=${teamId}`, { token: outsider.token });
    expect(theirs.status).toBe(404);
  });
});

describe('GET /api/v1/projects/:id (contents)', () => {
  it('lists what the project holds, and is 404 to others', async () => {
    const u = await createUser('proj');
    const other = await createUser('projother');
    const created = await api('/api/v1/projects', { method: 'POST', token: u.token, json: { name: 'Portraits' } });
    expect(created.status).toBe(201);
    const projectId = created.data.project.id as string;
    const model = await modelFor(u.id);
    await db.latent.create({ data: { name: 'in project', z: [], wplus: [], ownerId: u.id, modelId: model.id, projectId } });
    await db.latent.create({ data: { name: 'elsewhere', z: [], wplus: [], ownerId: u.id, modelId: model.id } });
    await db.model.update({ where: { id: model.id }, data: { projectId } });

    const res = await api(`/api/v1/projects/${projectId}`, { token: u.token });
    expect(res.status).toBe(200);
    expect(res.data.project.name).toBe('Portraits');
    expect(res.data.contents.latents.map((l: { name: string }) => l.name)).toEqual(['in project']);
    expect(res.data.contents.models.map((m: { href: string }) => m.href)).toEqual([`/models/${model.id}`]);
    expect(res.data.contents.datasets).toEqual([]);
    expect((await api(`/api/v1/projects/${projectId}`, { token: other.token })).status).toBe(404);
  });
});

describe('POST /api/v1/latents with a projectId', () => {
  it("keeps the latent in that project; someone else's project is refused and nothing is saved", async () => {
    const { importFixtureModel } = await import('@/lib/testing/models');
    const u = await createUser('projlatent');
    const other = await createUser('projlatent-other');
    const model = await importFixtureModel(u.token);
    const mine = (await api('/api/v1/projects', { token: u.token })).data.projects[0].id as string;
    const theirs = (await api('/api/v1/projects', { token: other.token })).data.projects[0].id as string;

    const refused = await api('/api/v1/latents', { method: 'POST', token: u.token, json: { name: 'sneaky', modelId: model.id, seed: 1, projectId: theirs } });
    expect(refused.status).toBe(400);
    expect(refused.data.error.message).toBe('projectId: no project of this workspace that you can use');
    expect(await db.latent.count({ where: { ownerId: u.id } })).toBe(0);

    const saved = await api('/api/v1/latents', { method: 'POST', token: u.token, json: { name: 'kept', modelId: model.id, seed: 1, projectId: mine } });
    expect(saved.status).toBe(201);
    const contents = await api(`/api/v1/projects/${mine}`, { token: u.token });
    expect(contents.data.contents.latents.map((l: { name: string }) => l.name)).toEqual(['kept']);

    // Moved between projects with PATCH; never into someone else's.
    const latentId = saved.data.latent.id as string;
    const second = (await api('/api/v1/projects', { method: 'POST', token: u.token, json: { name: 'Second' } })).data.project.id as string;
    const sneaky = await api(`/api/v1/latents/${latentId}`, { method: 'PATCH', token: u.token, json: { projectId: theirs } });
    expect(sneaky.status).toBe(400);
    expect((await db.latent.findUniqueOrThrow({ where: { id: latentId } })).projectId).toBe(mine);
    const moved = await api(`/api/v1/latents/${latentId}`, { method: 'PATCH', token: u.token, json: { projectId: second } });
    expect(moved.status).toBe(200);
    expect(moved.data.latent.projectId).toBe(second);
    expect((await api(`/api/v1/projects/${mine}`, { token: u.token })).data.contents.latents).toEqual([]);
    const out = await api(`/api/v1/latents/${latentId}`, { method: 'PATCH', token: u.token, json: { projectId: null } });
    expect(out.data.latent.projectId).toBeNull();
  });
});
