import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { api, createUser, type TestUser } from '@/lib/testing/http';
import { importFixtureModel, waitForJob } from '@/lib/testing/models';

let alice: TestUser;
let bob: TestUser;
let model: Awaited<ReturnType<typeof importFixtureModel>>;

beforeAll(async () => {
  alice = await createUser('lat');
  bob = await createUser('latbob');
  model = await importFixtureModel(alice.token);
});

async function render(body: Record<string, unknown>) {
  const res = await api('/api/v1/generate', { method: 'POST', token: alice.token, json: { modelId: model.id, ...body } });
  expect(res.status, JSON.stringify(res.data)).toBe(202);
  const job = await waitForJob(alice.token, res.data.job.id);
  expect(job.state, job.error).toBe('COMPLETED');
  return job.result.images[0];
}

const save = (body: Record<string, unknown>, token = alice.token) =>
  api('/api/v1/latents', { method: 'POST', token, json: { modelId: model.id, ...body } });

describe('saved latents reproduce their image exactly', () => {
  it('saves a seed with per-layer ψ and random noise; reopening renders the identical image', async () => {
    const psiLayers = [0.4, 0.4, 0.4, 0.8, 0.8, 0.8, 0.8, 0.8];
    const original = await render({ seeds: [42], psiLayers, noiseMode: 'random', noiseSeed: 99, returnLatents: true });
    const res = await save({ name: 'Smiling 42', tags: ['Portrait', 'warm'], seed: 42, psiLayers, noiseMode: 'random', noiseSeed: original.noiseSeed, wplus: original.wplus, thumbnailAssetId: original.assetId });
    expect(res.status, JSON.stringify(res.data)).toBe(201);
    const latent = res.data.latent;
    expect(latent).toMatchObject({ name: 'Smiling 42', tags: ['portrait', 'warm'], seed: 42, noiseMode: 'random', noiseSeed: 99, psiLayers });
    expect(latent.z).toHaveLength(64);
    expect(latent.thumbnail.assetId).toBe(original.assetId);
    expect(latent.checkpointId).toBe(model.checkpoint.id);

    const fetched = await api(`/api/v1/latents/${latent.id}`, { token: alice.token });
    const again = await render(fetched.data.latent.generate);
    expect(again.sha256).toBe(original.sha256);
    // the stored w+ renders the same image too
    const viaWplus = await render({ wplus: fetched.data.latent.wplus, noiseMode: 'random', noiseSeed: 99 });
    expect(viaWplus.sha256).toBe(original.sha256);
  });

  it('lists, searches by name and tag, renames, retags and deletes', async () => {
    const img = await render({ seeds: [3] });
    const a = (await save({ name: 'Blue hour', tags: ['dusk'], seed: 3, thumbnailAssetId: img.assetId })).data.latent;
    const b = (await save({ name: 'Morning', tags: ['dawn', 'soft'], seed: 4 })).data.latent;
    let list = await api('/api/v1/latents?q=blue', { token: alice.token });
    expect(list.data.latents.map((l: { id: string }) => l.id)).toEqual([a.id]);
    list = await api('/api/v1/latents?tag=soft', { token: alice.token });
    expect(list.data.latents.map((l: { id: string }) => l.id)).toEqual([b.id]);
    list = await api('/api/v1/latents?q=dawn', { token: alice.token });
    expect(list.data.latents.map((l: { id: string }) => l.id)).toEqual([b.id]);
    list = await api('/api/v1/latents?perPage=1&page=2', { token: alice.token });
    expect(list.data).toMatchObject({ page: 2, perPage: 1 });
    expect(list.data.total).toBeGreaterThanOrEqual(3);
    expect(list.data.latents).toHaveLength(1);

    const renamed = await api(`/api/v1/latents/${a.id}`, { method: 'PATCH', token: alice.token, json: { name: 'Golden hour', tags: ['gold'] } });
    expect(renamed.data.latent).toMatchObject({ name: 'Golden hour', tags: ['gold'] });
    expect((await api(`/api/v1/latents/${b.id}`, { method: 'DELETE', token: alice.token })).status).toBe(204);
    expect((await api(`/api/v1/latents/${b.id}`, { token: alice.token })).status).toBe(404);
  });
});

describe('latents: validation and authorisation', () => {
  it("another user's private latent is a 404 for read, rename and delete, and nothing changes", async () => {
    const latent = (await save({ name: 'Mine', seed: 1 })).data.latent;
    expect((await api(`/api/v1/latents/${latent.id}`, { token: bob.token })).status).toBe(404);
    expect((await api(`/api/v1/latents/${latent.id}`, { method: 'PATCH', token: bob.token, json: { name: 'Pwned' } })).status).toBe(404);
    expect((await api(`/api/v1/latents/${latent.id}`, { method: 'DELETE', token: bob.token })).status).toBe(404);
    expect((await db.latent.findUnique({ where: { id: latent.id } }))?.name).toBe('Mine');
    const bobs = await api('/api/v1/latents', { token: bob.token });
    expect(bobs.data.latents).toEqual([]);
  });

  const bad: [string, Record<string, unknown>, RegExp][] = [
    ['z of the wrong length', { z: [1, 2, 3] }, /z must have 64 values/],
    ['"NaN" inside w+', { wplus: Array.from({ length: 8 }, (_, l) => Array.from({ length: 64 }, (_, i) => (l === 2 && i === 7 ? 'NaN' : 0))) }, /wplus\[2\]\[7\] must be a finite number/],
    ['a value beyond float32', { z: Array.from({ length: 64 }, (_, i) => (i === 0 ? -3.5e38 : 0)) }, /outside the float32 range/],
    ['ψ out of range', { seed: 1, psi: -2.01 }, /psi must be between -2 and 2/],
    ['nothing to render', { psi: 1 }, /Send z, wplus or seed/],
    ['random noise without its seed', { seed: 1, noiseMode: 'random' }, /noiseSeed is required/],
    ['an empty name', { seed: 1, name: '  ' }, /Name is required/],
    ['an unknown model', { seed: 1, modelId: 'nope' }, /no model "nope" that you can use/],
  ];
  it.each(bad)('%s is a 400 and saves nothing', async (_, body, message) => {
    const before = await db.latent.count({ where: { ownerId: alice.id } });
    const res = await save({ name: 'Bad', ...body });
    expect(res.status).toBe(400);
    expect(res.data.error.message).toMatch(message);
    expect(await db.latent.count({ where: { ownerId: alice.id } })).toBe(before);
  });

  it("refuses someone else's asset as a thumbnail and someone else's private model", async () => {
    const img = await render({ seeds: [9] });
    const res = await save({ name: 'Steal', seed: 1, thumbnailAssetId: img.assetId }, bob.token);
    expect(res.status).toBe(400);
    expect(res.data.error.message).toMatch(/no model .* that you can use/);
    const own = await importFixtureModel(bob.token);
    const res2 = await api('/api/v1/latents', { method: 'POST', token: bob.token, json: { modelId: own.id, name: 'Steal', seed: 1, thumbnailAssetId: img.assetId } });
    expect(res2.status).toBe(400);
    expect(res2.data.error.message).toMatch(/thumbnailAssetId: not an image of yours/);
  });
});
