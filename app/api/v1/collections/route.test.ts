import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { db } from '@/lib/db';
import { storeAsset } from '@/lib/assets/store-asset';
import { api, createUser, type TestUser } from '@/lib/testing/http';

// Items need something to hold: latents are made straight in the database here (the
// latents API is tested with its own routes); everything about collections goes through
// the real routes.
async function latentOf(user: TestUser, opts: { visibility?: 'PRIVATE' | 'UNLISTED' | 'PUBLIC'; name?: string } = {}) {
  const model = await db.model.create({ data: { name: 'fixture model', ownerId: user.id, config: { generator_kwargs: { z_dim: 4, w_dim: 4, img_resolution: 8, img_channels: 3 } } } });
  return db.latent.create({
    data: { name: opts.name ?? 'face', modelId: model.id, ownerId: user.id, seed: 7, z: [0.1, 0.2, 0.3, 0.4], wplus: [], visibility: opts.visibility ?? 'PRIVATE' },
  });
}

async function collection(user: TestUser, body: Record<string, unknown>) {
  const res = await api('/api/v1/collections', { method: 'POST', token: user.token, json: body });
  expect(res.status).toBe(201);
  return res.data.collection as { id: string; name: string; visibility: string };
}

describe('collections', () => {
  it('lets the owner create, rename, describe and delete a collection', async () => {
    const alice = await createUser('coll-owner');
    const c = await collection(alice, { name: 'Faces I like' });
    expect(c).toMatchObject({ name: 'Faces I like', visibility: 'PRIVATE' });
    const patched = await api(`/api/v1/collections/${c.id}`, { method: 'PATCH', token: alice.token, json: { name: 'Favourites', description: 'Best of the week' } });
    expect(patched.status).toBe(200);
    expect(patched.data.collection).toMatchObject({ name: 'Favourites', description: 'Best of the week', canEdit: true });
    const listed = await api('/api/v1/collections', { token: alice.token });
    expect(listed.data.collections.map((x: { id: string }) => x.id)).toContain(c.id);
    expect((await api(`/api/v1/collections/${c.id}`, { method: 'DELETE', token: alice.token })).status).toBe(204);
    expect((await api(`/api/v1/collections/${c.id}`, { token: alice.token })).status).toBe(404);
  });

  it('rejects an empty name, an unknown visibility and an empty update with 400, writing nothing', async () => {
    const alice = await createUser('coll-bad');
    const before = await db.collection.count({ where: { ownerId: alice.id } });
    expect((await api('/api/v1/collections', { method: 'POST', token: alice.token, json: { name: '  ' } })).status).toBe(400);
    const vis = await api('/api/v1/collections', { method: 'POST', token: alice.token, json: { name: 'x', visibility: 'SECRET' } });
    expect(vis.status).toBe(400);
    expect(vis.data.error.message).toBe('Visibility must be one of PRIVATE, UNLISTED, PUBLIC');
    expect(await db.collection.count({ where: { ownerId: alice.id } })).toBe(before);
    const c = await collection(alice, { name: 'Keep' });
    expect((await api(`/api/v1/collections/${c.id}`, { method: 'PATCH', token: alice.token, json: {} })).status).toBe(400);
  });

  it('a private collection is 404 to another account and to visitors; nobody else can change it', async () => {
    const alice = await createUser('coll-private');
    const mallory = await createUser('coll-mallory');
    const c = await collection(alice, { name: 'Secret set' });
    expect((await api(`/api/v1/collections/${c.id}`, { token: mallory.token })).status).toBe(404);
    expect((await api(`/api/v1/collections/${c.id}`)).status).toBe(404);
    const patch = await api(`/api/v1/collections/${c.id}`, { method: 'PATCH', token: mallory.token, json: { name: 'Pwned', visibility: 'PUBLIC' } });
    expect(patch.status).toBe(404);
    expect((await api(`/api/v1/collections/${c.id}`, { method: 'DELETE', token: mallory.token })).status).toBe(404);
    expect((await api(`/api/v1/collections/${c.id}/fork`, { method: 'POST', token: mallory.token, json: {} })).status).toBe(404);
    expect(await db.collection.findUnique({ where: { id: c.id } })).toMatchObject({ name: 'Secret set', visibility: 'PRIVATE', forkCount: 0 });
  });

  it('unlisted collections open by link, signed out too, but never show in the gallery; public ones do', async () => {
    const alice = await createUser('coll-share');
    const unlisted = await collection(alice, { name: 'By link only', visibility: 'UNLISTED' });
    const pub = await collection(alice, { name: 'For everyone', visibility: 'PUBLIC' });
    const priv = await collection(alice, { name: 'Mine only' });
    const anon = await api(`/api/v1/collections/${unlisted.id}`);
    expect(anon.status).toBe(200);
    expect(anon.data.collection).toMatchObject({ name: 'By link only', canEdit: false });
    expect((await api(`/api/v1/collections/${pub.id}`)).status).toBe(200);

    const gallery = await api('/api/v1/gallery?perPage=60');
    expect(gallery.status).toBe(200);
    const ids = gallery.data.collections.map((x: { id: string }) => x.id);
    expect(ids).toContain(pub.id);
    expect(ids).not.toContain(unlisted.id);
    expect(ids).not.toContain(priv.id);
    for (const x of gallery.data.collections) expect(x.visibility).toBe('PUBLIC');
  });

  it('adds, reorders and removes items; refuses duplicates, strangers’ private latents and bad orders', async () => {
    const alice = await createUser('coll-items');
    const bob = await createUser('coll-bob');
    const c = await collection(alice, { name: 'Ordered' });
    const [l1, l2, l3] = [await latentOf(alice, { name: 'one' }), await latentOf(alice, { name: 'two' }), await latentOf(bob, { name: 'bobs public', visibility: 'PUBLIC' })];
    const bobsPrivate = await latentOf(bob, { name: 'bobs private' });
    const items = (path: string, json: unknown) => api(`/api/v1/collections/${c.id}/items`, { method: 'POST', token: alice.token, json });

    expect((await items('', { action: 'add', type: 'latent', id: l1.id })).status).toBe(200);
    expect((await items('', { action: 'add', type: 'latent', id: l2.id })).status).toBe(200);
    const third = await items('', { action: 'add', type: 'latent', id: l3.id, position: 0 });
    expect(third.data.items.map((i: { target: { name: string } }) => i.target.name)).toEqual(['bobs public', 'one', 'two']);

    expect((await items('', { action: 'add', type: 'latent', id: l1.id })).status).toBe(409);
    const stolen = await items('', { action: 'add', type: 'latent', id: bobsPrivate.id });
    expect(stolen.status).toBe(404);
    expect((await items('', { action: 'add', type: 'video', id: 'nope' })).status).toBe(404);

    const ids: string[] = third.data.items.map((i: { id: string }) => i.id);
    const bad = await items('', { action: 'reorder', itemIds: [ids[0], ids[1]] });
    expect(bad.status).toBe(400);
    expect(bad.data.error.message).toMatch(/every item/);
    const reordered = await items('', { action: 'reorder', itemIds: [ids[2], ids[0], ids[1]] });
    expect(reordered.data.items.map((i: { target: { name: string } }) => i.target.name)).toEqual(['two', 'bobs public', 'one']);
    expect(reordered.data.items.map((i: { position: number }) => i.position)).toEqual([0, 1, 2]);

    const removed = await items('', { action: 'remove', itemId: ids[0] });
    expect(removed.data.items.map((i: { target: { name: string } }) => i.target.name)).toEqual(['two', 'one']);
    expect(await db.collectionItem.count({ where: { collectionId: c.id } })).toBe(2);

    // Bob cannot change Alice's collection even though he can see one of its items.
    const sneak = await api(`/api/v1/collections/${c.id}/items`, { method: 'POST', token: bob.token, json: { action: 'add', type: 'latent', id: l3.id } });
    expect(sneak.status).toBe(404);
  });

  it('forks a public collection into the forker’s workspace with its items and lineage, counting forks', async () => {
    const alice = await createUser('coll-src');
    const bob = await createUser('coll-forker');
    const src = await collection(alice, { name: 'Forkable', visibility: 'PUBLIC', description: 'seed set' });
    const l = await latentOf(alice, { name: 'shared face', visibility: 'PUBLIC' });
    await api(`/api/v1/collections/${src.id}/items`, { method: 'POST', token: alice.token, json: { action: 'add', type: 'latent', id: l.id } });

    const forked = await api(`/api/v1/collections/${src.id}/fork`, { method: 'POST', token: bob.token, json: {} });
    expect(forked.status).toBe(201);
    expect(forked.data.collection).toMatchObject({ name: 'Forkable', description: 'seed set', visibility: 'PRIVATE', ownerId: bob.id, forkedFrom: { id: src.id, name: 'Forkable' } });
    const mine = await api(`/api/v1/collections/${forked.data.collection.id}`, { token: bob.token });
    expect(mine.data.collection.items.map((i: { target: { id: string } }) => i.target.id)).toEqual([l.id]);
    expect((await api(`/api/v1/collections/${src.id}`)).data.collection.forkCount).toBe(1);
    // The fork is Bob's own private copy: Alice cannot see it.
    expect((await api(`/api/v1/collections/${forked.data.collection.id}`, { token: alice.token })).status).toBe(404);

    await api(`/api/v1/collections/${src.id}/fork`, { method: 'POST', token: alice.token, json: {} });
    const byForks = await api('/api/v1/gallery?order=most-forked&perPage=60');
    const counts: number[] = byForks.data.collections.map((x: { forkCount: number }) => x.forkCount);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    expect(byForks.data.collections.find((x: { id: string }) => x.id === src.id)?.forkCount).toBe(2);
  });

  it('forks a public latent keeping its lineage; a private one is 404', async () => {
    const alice = await createUser('fork-latent-src');
    const bob = await createUser('fork-latent-bob');
    const pub = await latentOf(alice, { name: 'public face', visibility: 'PUBLIC' });
    const priv = await latentOf(alice, { name: 'private face' });
    const res = await api('/api/v1/forks', { method: 'POST', token: bob.token, json: { type: 'latent', id: pub.id } });
    expect(res.status).toBe(201);
    expect(res.data.latent).toMatchObject({ name: 'public face', forkedFromId: pub.id, ownerId: bob.id, visibility: 'PRIVATE' });
    const copy = await db.latent.findUniqueOrThrow({ where: { id: res.data.latent.id } });
    expect(copy.z).toEqual(pub.z);
    expect(copy.seed).toBe(7);
    expect((await api('/api/v1/forks', { method: 'POST', token: bob.token, json: { type: 'latent', id: priv.id } })).status).toBe(404);
  });

  it('shares team collections with the team’s members only', async () => {
    const owner = await createUser('coll-team-owner');
    const member = await createUser('coll-team-member');
    const outsider = await createUser('coll-team-out');
    const team = await api('/api/v1/teams', { method: 'POST', token: owner.token, json: { name: 'Coll Team' } });
    const teamId = team.data.team.id;
    await api(`/api/v1/teams/${teamId}/members`, { method: 'POST', token: owner.token, json: { email: member.email } });

    const c = await collection(owner, { name: 'Team board', workspace: teamId });
    const seen = await api(`/api/v1/collections?workspace=${teamId}`, { token: member.token });
    expect(seen.data.collections.map((x: { id: string }) => x.id)).toContain(c.id);
    const renamed = await api(`/api/v1/collections/${c.id}`, { method: 'PATCH', token: member.token, json: { name: 'Team board v2' } });
    expect(renamed.status).toBe(200);

    expect((await api(`/api/v1/collections/${c.id}`, { token: outsider.token })).status).toBe(404);
    expect((await api(`/api/v1/collections?workspace=${teamId}`, { token: outsider.token })).status).toBe(404);
    const sneak = await api('/api/v1/collections', { method: 'POST', token: outsider.token, json: { name: 'Sneak', workspace: teamId } });
    expect(sneak.status).toBe(404);
    expect(await db.collection.count({ where: { name: 'Sneak', teamId } })).toBe(0);
  });

  it('paginates the gallery and validates its query', async () => {
    const alice = await createUser('coll-pages');
    await collection(alice, { name: 'Page A', visibility: 'PUBLIC' });
    await collection(alice, { name: 'Page B', visibility: 'PUBLIC' });
    const p1 = await api('/api/v1/gallery?perPage=1&page=1');
    const p2 = await api('/api/v1/gallery?perPage=1&page=2');
    expect(p1.data.collections).toHaveLength(1);
    expect(p2.data.collections).toHaveLength(1);
    expect(p1.data.collections[0].id).not.toBe(p2.data.collections[0].id);
    expect(p1.data.total).toBeGreaterThanOrEqual(2);
    expect(new Date(p1.data.collections[0].createdAt) >= new Date(p2.data.collections[0].createdAt)).toBe(true);
    expect((await api('/api/v1/gallery?order=random')).status).toBe(400);
    expect((await api('/api/v1/gallery?perPage=0')).status).toBe(400);
  });

  it('shows item pictures to whoever may read the collection, even when the item itself is private', async () => {
    const alice = await createUser('coll-images');
    const c = await collection(alice, { name: 'Pictures', visibility: 'UNLISTED' });
    const png = await sharp({ create: { width: 4, height: 4, channels: 3, background: { r: 200, g: 10, b: 10 } } }).png().toBuffer();
    const asset = await storeAsset(png, 'image/png', { userId: alice.id });
    const l = await latentOf(alice, { name: 'private but shown' });
    await db.latent.update({ where: { id: l.id }, data: { thumbnailAssetId: asset.id } });
    const added = await api(`/api/v1/collections/${c.id}/items`, { method: 'POST', token: alice.token, json: { action: 'add', type: 'latent', id: l.id } });
    const url: string = added.data.items[0].target.imageUrl;
    expect(url).toBe(`/api/v1/collections/${c.id}/items/${added.data.items[0].id}/image`);

    const res = await fetch(`${process.env.ATELIER_BASE_URL}${url}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await res.arrayBuffer()).equals(png)).toBe(true);

    await api(`/api/v1/collections/${c.id}`, { method: 'PATCH', token: alice.token, json: { visibility: 'PRIVATE' } });
    expect((await fetch(`${process.env.ATELIER_BASE_URL}${url}`)).status).toBe(404);
  });
});
