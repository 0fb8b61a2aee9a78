import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { api, createUser, promoteToAdmin, type TestUser } from '@/lib/testing/http';
import { fetchBytes, importFixtureModel, waitForJob } from '@/lib/testing/models';

let alice: TestUser;
let model: { id: string };
let a: string;
let b: string;

async function latent(user: TestUser, modelId: string, seed: number) {
  const res = await api('/api/v1/latents', { method: 'POST', token: user.token, json: { name: `seed ${seed}`, modelId, seed } });
  expect(res.status).toBe(201);
  return res.data.latent.id as string;
}

beforeAll(async () => {
  alice = await createUser('mix-owner');
  model = await importFixtureModel(alice.token);
  a = await latent(alice, model.id, 21);
  b = await latent(alice, model.id, 22);
});

// The fixture is 32 px: 8 ws layers, coarse = 0–2 (4–8 px), middle = 3–7 (16–32 px), no fine.
describe('style mixes', () => {
  it('previews a mix through the queue: coarse from one source, middle from another; the result differs from both', async () => {
    const res = await api('/api/v1/mixes/preview', {
      method: 'POST',
      token: alice.token,
      json: { modelId: model.id, sources: [{ latentId: a, layers: ['coarse'] }, { seed: 99, psi: 0.8, layers: ['middle'] }] },
    });
    expect(res.status).toBe(202);
    const job = await waitForJob(alice.token, res.data.job.id);
    expect(job.state).toBe('COMPLETED');
    expect(job.result.sources).toHaveLength(2);
    expect(job.result.wplus).toHaveLength(8);
    const [mix, s0, s1] = await Promise.all([job.result.image.url, ...job.result.sources.map((s: { url: string }) => s.url)].map((u) => fetchBytes(u, alice.token)));
    expect(mix.status).toBe(200);
    const px = (buf: Buffer) => sharp(buf).raw().toBuffer();
    const [m, p0, p1] = await Promise.all([px(mix.bytes), px(s0.bytes), px(s1.bytes)]);
    expect(m.equals(p0)).toBe(false);
    expect(m.equals(p1)).toBe(false);
  });

  it('saves a mix as a new latent that records its parents and the ranges each gave', async () => {
    const res = await api('/api/v1/mixes', {
      method: 'POST',
      token: alice.token,
      json: { name: 'A face, B details', modelId: model.id, sources: [{ latentId: a, layers: ['coarse'] }, { latentId: b, layers: [{ start: 3, end: 8 }] }] },
    });
    expect(res.status).toBe(202);
    const id = res.data.mix.id;
    const job = await waitForJob(alice.token, res.data.job.id);
    expect(job.state).toBe('COMPLETED');

    const mix = (await api(`/api/v1/mixes/${id}`, { token: alice.token })).data.mix;
    expect(mix.spec.sources).toEqual([
      { latentId: a, layers: ['coarse'] },
      { latentId: b, layers: [{ start: 3, end: 8 }] },
    ]);
    expect(mix.spec.ranges).toEqual([
      { source: 0, start: 0, end: 3 },
      { source: 1, start: 3, end: 8 },
    ]);
    expect(mix.resultLatent.id).toBe(job.result.latentId);
    expect((await fetchBytes(mix.preview.url, alice.token)).status).toBe(200);

    // The result is an ordinary latent whose w+ takes layers 0–2 from A and 3–7 from B.
    const [result, la, lb] = await Promise.all([mix.resultLatent.id, a, b].map((lid) => api(`/api/v1/latents/${lid}`, { token: alice.token })));
    expect(result.data.latent.wplus).toHaveLength(8);
    const wa = job.result.wplus;
    expect(result.data.latent.wplus).toEqual(wa);
    const row = await db.latent.findUniqueOrThrow({ where: { id: mix.resultLatent.id }, select: { mixId: true } });
    expect(row.mixId).toBe(id);
    expect(la.status).toBe(200);
    expect(lb.status).toBe(200);

    expect((await api(`/api/v1/mixes/${id}`, { token: (await createUser('mix-stranger')).token })).status).toBe(404);
  });

  it('rejects overlapping or incomplete ranges, latents of another model and too few sources with a 400 that writes nothing', async () => {
    const other = await importFixtureModel(alice.token, { name: 'Other model' });
    const foreign = await latent(alice, other.id, 3);
    const before = { mixes: await db.mix.count({ where: { ownerId: alice.id } }), jobs: await db.job.count({ where: { userId: alice.id } }) };
    const post = (sources: unknown[]) => api('/api/v1/mixes', { method: 'POST', token: alice.token, json: { name: 'bad', modelId: model.id, sources } });

    const overlap = await post([{ latentId: a, layers: ['coarse', 'middle'] }, { latentId: b, layers: [{ start: 5, end: 8 }] }]);
    expect(overlap.status).toBe(400);
    // Said the way the composer counts (Source 1, 2, …), with the field for the form.
    expect(overlap.data.error.message).toBe('Source 2 layers: layer 5 is already taken by Source 1 (each layer comes from one source)');
    expect(overlap.data.error.details).toEqual([expect.objectContaining({ path: 'sources.1.layers' })]);
    const gap = await post([{ latentId: a, layers: ['coarse'] }, { latentId: b, layers: [{ start: 3, end: 6 }] }]);
    expect(gap.data.error.message).toMatch(/^Layers 6, 7 come from no source/);
    const fine = await post([{ latentId: a, layers: ['coarse'] }, { latentId: b, layers: ['fine'] }]);
    expect(fine.data.error.message).toMatch(/^Source 2 layers: a 32 px model has no fine layers/);
    const psi = await post([{ latentId: a, layers: ['coarse'] }, { seed: 1, psi: 3, layers: ['middle'] }]);
    expect(psi.status).toBe(400);
    expect(psi.data.error.message).toBe('Source 2 ψ must be at most 2');
    expect(psi.data.error.details[0]).toMatchObject({ path: 'sources.1.psi', field: 'Source 2 ψ' });
    const noLayers = await post([{ latentId: a, layers: ['coarse'] }, { latentId: b, layers: ['middle'] }, { seed: 4, layers: [] }]);
    expect(noLayers.data.error.message).toBe('Source 3 layers: each source takes at least one layer range');
    const wrongModel = await post([{ latentId: a, layers: ['coarse'] }, { latentId: foreign, layers: ['middle'] }]);
    expect(wrongModel.status).toBe(400);
    expect(wrongModel.data.error.message).toMatch(/belongs to another model/);
    expect((await post([{ latentId: a, layers: ['coarse', 'middle'] }])).data.error.message).toMatch(/at least two sources/);

    expect(await db.mix.count({ where: { ownerId: alice.id } })).toBe(before.mixes);
    expect(await db.job.count({ where: { userId: alice.id } })).toBe(before.jobs);
  });

  it('renders the mixing grid: sources across the top and down the side, mixes inside', async () => {
    const res = await api('/api/v1/mixes/grid', {
      method: 'POST',
      token: alice.token,
      json: { modelId: model.id, columns: [{ latentId: a }, { seed: 5 }, { seed: 6 }], rows: [{ latentId: b }, { seed: 7 }], layers: ['coarse'] },
    });
    expect(res.status).toBe(202);
    const job = await waitForJob(alice.token, res.data.job.id);
    expect(job.state).toBe('COMPLETED');
    expect(job.result).toMatchObject({ rows: 2, columns: 3, grid: { width: 4 * 32, height: 3 * 32, cell: 32 } });
    const png = await fetchBytes(job.result.grid.url, alice.token);
    const meta = await sharp(png.bytes).metadata();
    expect([meta.width, meta.height]).toEqual([128, 96]);
    // The corner is left blank (white); the cells are faces.
    const corner = await sharp(png.bytes).extract({ left: 0, top: 0, width: 32, height: 32 }).raw().toBuffer();
    expect(corner.every((v) => v === 255)).toBe(true);
    const cell = await sharp(png.bytes).extract({ left: 32, top: 32, width: 32, height: 32 }).raw().toBuffer();
    expect(cell.every((v) => v === 255)).toBe(false);
  });
});

describe('renaming and re-sharing a mix (PATCH /mixes/:id)', () => {
  const patch = (token: string | undefined, id: string, json: unknown) => api(`/api/v1/mixes/${id}`, { method: 'PATCH', token, json });
  const seedSources = [{ seed: 7, layers: ['coarse'] }, { seed: 8, layers: ['middle'] }];
  async function save(json: Record<string, unknown>) {
    const res = await api('/api/v1/mixes', { method: 'POST', token: alice.token, json: { modelId: model.id, sources: seedSources, ...json } });
    expect(res.status, JSON.stringify(res.data)).toBe(202);
    return res.data as { mix: { id: string }; job: { id: string } };
  }

  it('the owner renames and shares it, its result latent too; others get 403 when they can see it, 404 when not; bad input is a 400', async () => {
    const saved = await save({ name: 'Draft' });
    const id = saved.mix.id;
    expect((await waitForJob(alice.token, saved.job.id)).state).toBe('COMPLETED');
    const stranger = await createUser('mix-patcher');

    expect((await patch(stranger.token, id, { name: 'Mine' })).status).toBe(404);
    const renamed = await patch(alice.token, id, { name: '  Final cut ' });
    expect(renamed.status).toBe(200);
    expect(renamed.data.mix).toMatchObject({ name: 'Final cut', visibility: 'PRIVATE', canEdit: true });

    const shared = await patch(alice.token, id, { visibility: 'PUBLIC' });
    expect(shared.status).toBe(200);
    expect(shared.data.mix).toMatchObject({ name: 'Final cut', visibility: 'PUBLIC' });
    const seen = await api(`/api/v1/mixes/${id}`, { token: stranger.token });
    expect(seen.data.mix).toMatchObject({ name: 'Final cut', canEdit: false });
    expect((await api(`/api/v1/latents/${seen.data.mix.resultLatent.id}`, { token: stranger.token })).status).toBe(200);

    const refused = await patch(stranger.token, id, { name: 'Mine', visibility: 'PRIVATE' });
    expect(refused.status).toBe(403);
    expect(refused.data.error.message).toMatch(/only the owner or their team/i);
    expect((await patch(undefined, id, { name: 'Anonymous' })).status).toBe(401);
    const bad: [unknown, RegExp][] = [
      [{}, /Nothing to update/],
      [{ visibility: 'SECRET' }, /^Visibility must be one of PRIVATE, UNLISTED, PUBLIC$/],
      [{ name: '   ' }, /Name is required/],
      [{ name: 'x'.repeat(101) }, /^Name must be at most 100 characters$/],
    ];
    for (const [body, message] of bad) {
      const res = await patch(alice.token, id, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.data.error.message).toMatch(message);
    }
    expect((await api(`/api/v1/mixes/${id}`, { token: alice.token })).data.mix).toMatchObject({ name: 'Final cut', visibility: 'PUBLIC' });

    // Private again: gone for others, with its result latent.
    expect((await patch(alice.token, id, { visibility: 'PRIVATE' })).status).toBe(200);
    expect((await api(`/api/v1/mixes/${id}`, { token: stranger.token })).status).toBe(404);
    expect((await api(`/api/v1/latents/${seen.data.mix.resultLatent.id}`, { token: stranger.token })).status).toBe(404);
  });

  it("a team's mix can be changed by every member; a hidden one stays hidden when shared", async () => {
    const [mate, viewer, admin] = await Promise.all([createUser('mix-mate'), createUser('mix-viewer'), createUser('mix-moderator')]);
    await promoteToAdmin(admin.id);
    const team = (await api('/api/v1/teams', { method: 'POST', token: alice.token, json: { name: 'Mix team' } })).data.team;
    expect((await api(`/api/v1/teams/${team.id}/members`, { method: 'POST', token: alice.token, json: { email: mate.email } })).status).toBe(201);
    const { mix } = await save({ name: 'Team draft', workspace: team.id });

    const byMate = await patch(mate.token, mix.id, { name: 'Team pick', visibility: 'UNLISTED' });
    expect(byMate.status, JSON.stringify(byMate.data)).toBe(200);
    expect(byMate.data.mix).toMatchObject({ name: 'Team pick', visibility: 'UNLISTED' });
    expect((await api(`/api/v1/mixes/${mix.id}`, { token: viewer.token })).status).toBe(200);

    const hide = await api(`/api/v1/admin/moderation/mix/${mix.id}`, { method: 'PATCH', token: admin.token, json: { hidden: true } });
    expect(hide.status).toBe(200);
    expect((await patch(alice.token, mix.id, { visibility: 'PUBLIC' })).status).toBe(200);
    expect((await api(`/api/v1/mixes/${mix.id}`, { token: viewer.token })).status).toBe(404);
    expect(await db.mix.findUniqueOrThrow({ where: { id: mix.id }, select: { hidden: true, visibility: true } })).toEqual({ hidden: true, visibility: 'PUBLIC' });
  });

  it('a mix of a model waiting for licence review stays private (403), and can still be renamed', async () => {
    const pending = await importFixtureModel(alice.token, { name: 'NC for mixes', license: 'CC-BY-NC-4.0' });
    const res = await api('/api/v1/mixes', { method: 'POST', token: alice.token, json: { name: 'NC mix', modelId: pending.id, sources: seedSources } });
    expect(res.status).toBe(202);
    const id = res.data.mix.id;
    for (const visibility of ['UNLISTED', 'PUBLIC']) {
      const shared = await patch(alice.token, id, { visibility });
      expect(shared.status, visibility).toBe(403);
      expect(shared.data.error.message).toMatch(/waiting for licence review/);
    }
    expect((await patch(alice.token, id, { name: 'NC mix, renamed' })).data.mix).toMatchObject({ name: 'NC mix, renamed', visibility: 'PRIVATE' });
  });
});
