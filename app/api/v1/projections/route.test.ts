import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { storage } from '@/lib/storage';
import { api, createUser, type TestUser } from '@/lib/testing/http';
import { fetchBytes, importFixtureModel, waitForJob } from '@/lib/testing/models';
import { waitFor } from '@/lib/testing/wait-for';

/** A real photo of three people shipped inside @vladmandic/face-api (demo/sample1.jpg). */
const GROUP_PHOTO = fs.readFileSync(path.resolve(process.cwd(), 'node_modules/@vladmandic/face-api/demo/sample1.jpg'));

let alice: TestUser;
let model: { id: string };

beforeAll(async () => {
  alice = await createUser('projection-owner');
  model = await importFixtureModel(alice.token);
});

function upload(user: TestUser, photo: Buffer | null, fields: Record<string, string>) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  if (photo) form.set('photo', new Blob([new Uint8Array(photo)], { type: 'image/jpeg' }), 'photo.jpg');
  return api('/api/v1/projections', { method: 'POST', token: user.token, body: form });
}

async function rowsOf(user: TestUser) {
  return db.projection.count({ where: { ownerId: user.id } });
}

describe('find your face: projections', () => {
  it('refuses photos without a face, group photos without a choice, non-images and bad settings with a 400 that writes nothing', async () => {
    const flat = await sharp({ create: { width: 300, height: 300, channels: 3, background: '#778899' } }).png().toBuffer();
    const noFace = await upload(alice, flat, { modelId: model.id });
    expect(noFace.status).toBe(400);
    expect(noFace.data.error.message).toMatch(/no face was found/);
    expect(noFace.data.error.details.reason).toBe('no_face');

    const group = await upload(alice, GROUP_PHOTO, { modelId: model.id });
    expect(group.status).toBe(400);
    expect(group.data.error.details.reason).toBe('choose_face');
    expect(group.data.error.details.faces).toHaveLength(3);

    const text = await upload(alice, Buffer.from('not a photo at all'), { modelId: model.id });
    expect(text.status).toBe(400);
    expect(text.data.error.details.reason).toBe('not_an_image');

    expect((await upload(alice, null, { modelId: model.id })).status).toBe(400);
    expect((await upload(alice, GROUP_PHOTO, { modelId: model.id, faceIndex: '0', steps: '3' })).status).toBe(400);
    expect((await upload(alice, GROUP_PHOTO, { modelId: 'nope', faceIndex: '0' })).status).toBe(400);
    expect(await rowsOf(alice)).toBe(0);
  });

  it('projects the chosen face on the projection queue, shows target / result / difference and a video, saves a private latent with provenance; only the owner sees it', async () => {
    const res = await upload(alice, GROUP_PHOTO, { modelId: model.id, faceIndex: '1', steps: '12', mode: 'wplus', name: 'Me, projected' });
    expect(res.status).toBe(202);
    const id = res.data.projection.id as string;
    expect(res.data.projection).toMatchObject({ steps: 12, provenance: { derivedFrom: 'derived from an uploaded photo' } });
    expect(['QUEUED', 'RUNNING']).toContain(res.data.projection.status); // a free worker may have started already
    const job = await waitForJob(alice.token, res.data.job.id, 180_000);
    expect(job.state, job.error ?? '').toBe('COMPLETED');

    const p = (await api(`/api/v1/projections/${id}`, { token: alice.token })).data.projection;
    expect(p).toMatchObject({ status: 'DONE', stepsDone: 12, settings: { mode: 'wplus', optimizeNoise: true } });
    expect(p.lossCurve).toHaveLength(12);
    expect(p.psnr).toBeGreaterThan(5);
    expect(p.provenance.photoSha256).toMatch(/^[0-9a-f]{64}$/);
    for (const kind of ['target', 'current', 'result', 'difference']) {
      const img = await fetchBytes(`/api/v1/projections/${id}/images/${kind}`, alice.token);
      expect(img.status, kind).toBe(200);
      expect(await sharp(img.bytes).metadata()).toMatchObject({ format: 'png', width: 32, height: 32 });
    }
    expect(p.video).not.toBeNull();
    expect((await fetchBytes(p.video.mp4, alice.token)).headers.get('content-type')).toBe('video/mp4');

    const latent = (await api(`/api/v1/latents/${p.latentId}`, { token: alice.token })).data.latent;
    expect(latent).toMatchObject({ name: 'Me, projected', visibility: 'PRIVATE' });
    const record = await db.provenanceRecord.findFirst({ where: { artifactType: 'LATENT', artifactId: p.latentId }, select: { inputs: true } });
    expect(record?.inputs).toMatchObject({ derivedFrom: 'derived from an uploaded photo', projection: { photoSha256: p.provenance.photoSha256, steps: 12 } });

    const bob = await createUser('projection-stranger');
    expect((await api(`/api/v1/projections/${id}`, { token: bob.token })).status).toBe(404);
    expect((await fetchBytes(`/api/v1/projections/${id}/images/target`, bob.token)).status).toBe(404);
    expect((await api('/api/v1/projections', { token: bob.token })).data.projections).toEqual([]);

    // Sharing the latent needs the likeness confirmation: a public collection refuses it before.
    const c = await api('/api/v1/collections', { method: 'POST', token: alice.token, json: { name: 'Public', visibility: 'PUBLIC' } });
    const add = await api(`/api/v1/collections/${c.data.collection.id}/items`, { method: 'POST', token: alice.token, json: { action: 'add', type: 'latent', id: p.latentId } });
    expect(add.status).toBe(403);
    expect(add.data.error.message).toMatch(/likeness/);
    expect((await api(`/api/v1/projections/${id}/share`, { method: 'POST', token: alice.token, json: {} })).status).toBe(400);
    const shared = await api(`/api/v1/projections/${id}/share`, { method: 'POST', token: alice.token, json: { confirmLikeness: true } });
    expect(shared.status).toBe(200);
    expect((await api(`/api/v1/latents/${p.latentId}`, { token: alice.token })).data.latent.visibility).toBe('UNLISTED');

    // Deleting the photo removes the file from storage and the aligned crop; the latent stays.
    const { photoKey } = await db.projection.findUniqueOrThrow({ where: { id }, select: { photoKey: true } });
    expect(await storage().has(photoKey!)).toBe(true);
    const del = await api(`/api/v1/projections/${id}/photo`, { method: 'DELETE', token: alice.token });
    expect(del.status).toBe(200);
    expect(del.data.projection.photo.stored).toBe(false);
    expect(await storage().has(photoKey!)).toBe(false);
    expect((await fetchBytes(`/api/v1/projections/${id}/images/target`, alice.token)).status).toBe(404);
    expect((await api(`/api/v1/latents/${p.latentId}`, { token: alice.token })).status).toBe(200);
    expect((await api(`/api/v1/projections/${id}`, { method: 'DELETE', token: alice.token })).status).toBe(200);
    expect(await rowsOf(alice)).toBe(0);
  });

  it('cancels a running search', async () => {
    const res = await upload(alice, GROUP_PHOTO, { modelId: model.id, faceIndex: '0', steps: '2000', mode: 'w' });
    expect(res.status).toBe(202);
    const id = res.data.projection.id as string;
    for (let i = 0; i < 120; i++) {
      const p = (await api(`/api/v1/projections/${id}`, { token: alice.token })).data.projection;
      if (p.stepsDone > 0) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    const cancelled = await api(`/api/v1/projections/${id}/cancel`, { method: 'POST', token: alice.token });
    expect(cancelled.status).toBe(200);
    const job = await waitForJob(alice.token, res.data.job.id, 60_000);
    expect(job.state).toBe('CANCELLED');
    // The job is marked cancelled at once; the worker stops at its next step and says so on the row.
    const p = await waitFor(
      'the projection to stop',
      async () => {
        const v = (await api(`/api/v1/projections/${id}`, { token: alice.token })).data.projection;
        return v.status === 'CANCELLED' ? v : null;
      },
      30_000,
    );
    expect(p.stepsDone).toBeLessThan(2000);
    expect(p.latentId).toBeNull();
  });
});
