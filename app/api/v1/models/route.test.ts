import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { readSafetensors, writeSafetensors } from '@/lib/stylegan/safetensors';
import { api, createUser } from '@/lib/testing/http';
import { fetchBytes, fixtureFiles, importFixtureModel, uploadModel, zipOf } from '@/lib/testing/models';

describe('model registry: import, list, show', () => {
  it('imports the official export layout, renders a sample grid on a worker and serves it with an ETag', async () => {
    const alice = await createUser('importer');
    const model = await importFixtureModel(alice.token, { name: 'Alice 32', license: 'CC0-1.0' });
    const shown = await api(`/api/v1/models/${model.id}`, { token: alice.token });
    expect(shown.status).toBe(200);
    const m = shown.data.model;
    expect(m).toMatchObject({ name: 'Alice 32', visibility: 'PRIVATE', mine: true, license: { spdxId: 'CC0-1.0' } });
    expect(m.architecture).toMatchObject({ resolution: 32, zDim: 64, wDim: 64, mappingLayers: 4, numWs: 8 });
    expect(m.architecture.generatorParams).toBeGreaterThan(100_000);
    expect(m.checkpoint.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(m.sampleGrid.url).toBe(`/api/v1/assets/${m.sampleGrid.assetId}`);

    const grid = await fetchBytes(m.sampleGrid.url, alice.token);
    expect(grid.status).toBe(200);
    expect(grid.headers.get('content-type')).toBe('image/png');
    expect(grid.headers.get('cache-control')).toMatch(/max-age/);
    const meta = await sharp(grid.bytes).metadata();
    expect([meta.width, meta.height]).toEqual([128, 128]);
    const etag = grid.headers.get('etag')!;
    expect(etag).toMatch(/^"[0-9a-f]{64}"$/);
    expect((await fetchBytes(m.sampleGrid.url, alice.token, { 'if-none-match': etag })).status).toBe(304);

    const listed = await api('/api/v1/models', { token: alice.token });
    expect(listed.data.models.map((x: { id: string }) => x.id)).toContain(model.id);
    const grid4 = await db.model.findUnique({ where: { id: model.id }, select: { sampleGridAssetId: true } });
    expect(grid4?.sampleGridAssetId).toBe(m.sampleGrid.assetId);
    expect(await db.usageEvent.count({ where: { userId: alice.id, kind: 'GPU_SECONDS' } })).toBeGreaterThan(0);
  });

  it("hides a private model (and its images) from other users; public models are listed for everyone", async () => {
    const alice = await createUser('owner');
    const bob = await createUser('other');
    const priv = await importFixtureModel(alice.token, { name: 'Private one' });
    const pub = await importFixtureModel(alice.token, { name: 'Public one', visibility: 'PUBLIC' });
    expect((await api(`/api/v1/models/${priv.id}`, { token: bob.token })).status).toBe(404);
    const privRow = await api(`/api/v1/models/${priv.id}`, { token: alice.token });
    expect((await fetchBytes(privRow.data.model.sampleGrid.url, bob.token)).status).toBe(404);
    expect((await fetchBytes(privRow.data.model.sampleGrid.url)).status).toBe(404);
    const bobs = (await api('/api/v1/models', { token: bob.token })).data.models.map((x: { id: string }) => x.id);
    expect(bobs).toContain(pub.id);
    expect(bobs).not.toContain(priv.id);
    const pubRow = await api(`/api/v1/models/${pub.id}`, { token: bob.token });
    expect(pubRow.data.model).toMatchObject({ visibility: 'PUBLIC', mine: false });
    expect((await fetchBytes(pubRow.data.model.sampleGrid.url, bob.token)).status).toBe(200);
  });

  it('rejects broken uploads with a 400 that names the problem, and stores nothing', async () => {
    const alice = await createUser('broken');
    const before = await db.model.count({ where: { ownerId: alice.id } });
    const { 'config.json': _config, ...noConfig } = fixtureFiles();
    let res = await uploadModel(alice.token, zipOf(noConfig));
    expect(res.status).toBe(400);
    expect(res.data.error.message).toMatch(/Missing file config.json/);

    res = await uploadModel(alice.token, zipOf({ ...fixtureFiles(), 'config.json': '{ nope' }));
    expect(res.status).toBe(400);
    expect(res.data.error.message).toMatch(/config.json is not valid JSON/);

    const G = readSafetensors(fixtureFiles()['G.safetensors']);
    const t = G.tensors['synthesis.b8.conv0.weight'];
    const wrong = writeSafetensors({ ...G.tensors, 'synthesis.b8.conv0.weight': { ...t, shape: [32, 128, 3, 3] } });
    res = await uploadModel(alice.token, zipOf({ ...fixtureFiles(), 'G.safetensors': wrong }));
    expect(res.status).toBe(400);
    expect(res.data.error.message).toBe('G.safetensors: wrong shape of synthesis.b8.conv0.weight: expected [64, 64, 3, 3] from config.json, got [32, 128, 3, 3]');

    res = await uploadModel(alice.token, new TextEncoder().encode('this is not a zip'));
    expect(res.status).toBe(400);
    expect(res.data.error.message).toMatch(/not a readable zip/);

    res = await uploadModel(alice.token, zipOf(fixtureFiles()), { license: 'WTFPL-9' });
    expect(res.status).toBe(400);
    expect(res.data.error.message).toMatch(/Unknown licence "WTFPL-9"/);

    res = await uploadModel(alice.token, zipOf(fixtureFiles()), { name: '' });
    expect(res.status).toBe(400);
    expect(res.data.error.message).toMatch(/name/i);
    expect(await db.model.count({ where: { ownerId: alice.id } })).toBe(before);
  });
});
