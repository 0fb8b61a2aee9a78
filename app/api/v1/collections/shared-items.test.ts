import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { api, createUser } from '@/lib/testing/http';
import { createFixtureModel } from '@/lib/training/test-helpers';

describe('the items of a shared collection open for everyone who may open the collection', () => {
  it('adding a private item to a public collection shares it (and says so); someone else’s private item is refused', async () => {
    const alice = await createUser('sharer');
    const bob = await createUser('visitor');
    const model = await createFixtureModel(alice.id, 'Shared items 32');
    const saved = await api('/api/v1/latents', { method: 'POST', token: alice.token, json: { name: 'Private face', modelId: model.id, seed: 3 } });
    expect(saved.status, JSON.stringify(saved.data)).toBe(201);
    const latentId = saved.data.latent.id as string;
    expect((await api(`/api/v1/latents/${latentId}`, { token: bob.token })).status).toBe(404);

    const pub = (await api('/api/v1/collections', { method: 'POST', token: alice.token, json: { name: 'Open board', visibility: 'PUBLIC' } })).data.collection;
    const added = await api(`/api/v1/collections/${pub.id}/items`, { method: 'POST', token: alice.token, json: { action: 'add', type: 'latent', id: latentId } });
    expect(added.status, JSON.stringify(added.data)).toBe(200);
    expect(added.data.notice).toBe('“Private face” was private and is now unlisted, so everyone who can open this collection can open it too.');
    // Bob opens the item through the collection's link: its own page, not his empty library.
    expect((await api(`/api/v1/latents/${latentId}`, { token: bob.token })).status).toBe(200);

    // Bob cannot put Alice's now-private item into a shared collection of his.
    await db.latent.update({ where: { id: latentId }, data: { visibility: 'PRIVATE' } });
    const bobs = (await api('/api/v1/collections', { method: 'POST', token: bob.token, json: { name: 'Bob board', visibility: 'PUBLIC' } })).data.collection;
    const refused = await api(`/api/v1/collections/${bobs.id}/items`, { method: 'POST', token: bob.token, json: { action: 'add', type: 'latent', id: latentId } });
    expect(refused.status).toBe(404); // private to Alice: Bob cannot see it at all

    // Making a private collection public shares its private items the same way.
    const priv = (await api('/api/v1/collections', { method: 'POST', token: alice.token, json: { name: 'Later board' } })).data.collection;
    expect((await api(`/api/v1/collections/${priv.id}/items`, { method: 'POST', token: alice.token, json: { action: 'add', type: 'latent', id: latentId } })).data.notice).toBeNull();
    expect((await api(`/api/v1/latents/${latentId}`, { token: bob.token })).status).toBe(404);
    const shared = await api(`/api/v1/collections/${priv.id}`, { method: 'PATCH', token: alice.token, json: { visibility: 'UNLISTED' } });
    expect(shared.status).toBe(200);
    expect(shared.data.collection.sharedItems).toEqual(['Private face']);
    expect((await api(`/api/v1/latents/${latentId}`, { token: bob.token })).status).toBe(200);
  });
});
