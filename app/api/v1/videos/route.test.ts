import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { api, createUser, promoteToAdmin, type TestUser } from '@/lib/testing/http';
import { fetchBytes, importFixtureModel, waitForJob } from '@/lib/testing/models';
import { probeVideo } from '@/lib/videos/probe';

let alice: TestUser;
let model: { id: string };
let keys: string[];
let dir: string;

async function latent(user: TestUser, modelId: string, seed: number) {
  const res = await api('/api/v1/latents', { method: 'POST', token: user.token, json: { name: `seed ${seed}`, modelId, seed, psi: 0.7 } });
  expect(res.status).toBe(201);
  return res.data.latent.id as string;
}

beforeAll(async () => {
  alice = await createUser('video-owner');
  model = await importFixtureModel(alice.token);
  keys = [await latent(alice, model.id, 11), await latent(alice, model.id, 12), await latent(alice, model.id, 13)];
  dir = await mkdtemp(path.join(os.tmpdir(), 'videos-api-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('interpolation videos', () => {
  it('renders a video on the worker: MP4 (H.264) and WebM (VP9) with every frame, a GIF preview, playable by range', async () => {
    const res = await api('/api/v1/videos', {
      method: 'POST',
      token: alice.token,
      json: { name: 'Three faces', keyframes: keys, space: 'w', easing: 'spline', secondsPerTransition: 0.5, fps: 12, loop: true, size: 64 },
    });
    expect(res.status).toBe(202);
    expect(res.data.video).toMatchObject({ name: 'Three faces', frameCount: 18, durationSec: 1.5, files: null });
    const job = await waitForJob(alice.token, res.data.job.id, 120_000);
    expect(job.state).toBe('COMPLETED');

    const video = (await api(`/api/v1/videos/${res.data.video.id}`, { token: alice.token })).data.video;
    expect(video.job.state).toBe('COMPLETED');
    const mp4 = await fetchBytes(video.files.mp4, alice.token);
    expect(mp4.status).toBe(200);
    expect(mp4.headers.get('content-type')).toBe('video/mp4');
    await writeFile(path.join(dir, 'v.mp4'), mp4.bytes);
    const info = await probeVideo(path.join(dir, 'v.mp4'));
    expect(info).toMatchObject({ codec: 'h264', pixelFormat: 'yuv420p', width: 64, height: 64, frames: 18 });
    expect(info.durationSec).toBeCloseTo(1.5, 1);

    const webm = await fetchBytes(video.files.webm, alice.token);
    await writeFile(path.join(dir, 'v.webm'), webm.bytes);
    expect(await probeVideo(path.join(dir, 'v.webm'))).toMatchObject({ codec: 'vp9', frames: 18 });
    const gif = await fetchBytes(video.files.preview, alice.token);
    expect(gif.bytes.subarray(0, 6).toString()).toBe('GIF89a');

    const part = await fetchBytes(video.files.mp4, alice.token, { range: 'bytes=0-99' });
    expect(part.status).toBe(206);
    expect(part.bytes.length).toBe(100);
    expect(part.headers.get('content-range')).toBe(`bytes 0-99/${mp4.bytes.length}`);

    // Private: another account and visitors get 404 for the video and its files.
    const bob = await createUser('video-other');
    expect((await api(`/api/v1/videos/${video.id}`, { token: bob.token })).status).toBe(404);
    expect((await fetchBytes(video.files.mp4)).status).toBe(404);
    expect((await api(`/api/v1/videos/${video.id}/cancel`, { method: 'POST', token: bob.token })).status).toBe(404);
  });

  it('answers bad requests with a clear 400 and writes nothing', async () => {
    const other = await importFixtureModel(alice.token, { name: 'Second model' });
    const foreign = await latent(alice, other.id, 5);
    const before = { videos: await db.video.count(), jobs: await db.job.count({ where: { userId: alice.id } }) };
    const post = (json: Record<string, unknown>) => api('/api/v1/videos', { method: 'POST', token: alice.token, json: { name: 'bad', keyframes: keys.slice(0, 2), ...json } });

    const fps0 = await post({ fps: 0 });
    expect(fps0.status).toBe(400);
    expect(fps0.data.error.message).toBe('fps must be at least 1');
    expect((await post({ keyframes: [keys[0]] })).data.error.message).toMatch(/at least two keyframes/);
    const mixed = await post({ keyframes: [keys[0], foreign] });
    expect(mixed.status).toBe(400);
    expect(mixed.data.error.message).toMatch(/different models/);
    const long = await post({ fps: 60, secondsPerTransition: 60 });
    expect(long.status).toBe(400);
    expect(long.data.error.message).toMatch(/would have 3600 frames; the limit is \d+ \(VIDEO_MAX_FRAMES\)/);
    const bob = await createUser('video-thief');
    const stolen = await api('/api/v1/videos', { method: 'POST', token: bob.token, json: { name: 'x', keyframes: keys.slice(0, 2) } });
    expect(stolen.status).toBe(400);
    expect(stolen.data.error.message).toMatch(/keyframes\[0\]: no saved latent/);

    expect(await db.video.count()).toBe(before.videos);
    expect(await db.job.count({ where: { userId: alice.id } })).toBe(before.jobs);
  });

  it('cancels a render: the job stops between batches, stays CANCELLED and the video gets no files', async () => {
    const res = await api('/api/v1/videos', {
      method: 'POST',
      token: alice.token,
      json: { name: 'Long one', keyframes: keys, space: 'z', easing: 'linear', secondsPerTransition: 20, fps: 30, size: 32 },
    });
    expect(res.status).toBe(202);
    const id = res.data.video.id;
    for (let i = 0; i < 600; i++) {
      const v = (await api(`/api/v1/videos/${id}`, { token: alice.token })).data.video;
      if (v.job.state === 'ACTIVE' && v.job.progress > 0.02) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const cancelled = await api(`/api/v1/videos/${id}/cancel`, { method: 'POST', token: alice.token });
    expect(cancelled.status).toBe(200);
    expect(cancelled.data.video.job.state).toBe('CANCELLED');
    const job = await waitForJob(alice.token, res.data.job.id, 30_000);
    expect(job.state).toBe('CANCELLED');
    for (let i = 0; i < 100 && !(await api(`/api/v1/jobs/${job.id}`, { token: alice.token })).data.job.finishedAt; i++) await new Promise((r) => setTimeout(r, 100));
    const after = (await api(`/api/v1/videos/${id}`, { token: alice.token })).data.video;
    expect(after.job.state).toBe('CANCELLED');
    expect(after.job.progress).toBeLessThan(0.9);
    expect(after.files).toBeNull();
  });

  it('a public video plays for visitors: page data and files without signing in', async () => {
    const res = await api('/api/v1/videos', {
      method: 'POST',
      token: alice.token,
      json: { name: 'For everyone', keyframes: keys.slice(0, 2), fps: 4, secondsPerTransition: 1, visibility: 'PUBLIC' },
    });
    expect(res.status).toBe(202);
    expect((await waitForJob(alice.token, res.data.job.id, 60_000)).state).toBe('COMPLETED');
    const anon = await api(`/api/v1/videos/${res.data.video.id}`);
    expect(anon.status).toBe(200);
    expect(anon.data.video).toMatchObject({ name: 'For everyone', canEdit: false, frameCount: 4 });
    const webm = await fetchBytes(anon.data.video.files.webm);
    expect(webm.status).toBe(200);
    expect(webm.headers.get('content-type')).toBe('video/webm');
    expect((await api(`/api/v1/videos/${res.data.video.id}/cancel`, { method: 'POST' })).status).toBe(401);
  });
});

describe('renaming and re-sharing a video (PATCH /videos/:id)', () => {
  const patch = (token: string, id: string, json: unknown) => api(`/api/v1/videos/${id}`, { method: 'PATCH', token, json });
  // Two frames: nothing here waits for the render.
  const tiny = { fps: 2, secondsPerTransition: 1 };

  it("team members rename and share it; others get 403 when they can see it, 404 when not; bad input is a 400; hidden stays hidden", async () => {
    const [mate, stranger, admin] = await Promise.all([createUser('video-mate'), createUser('video-patcher'), createUser('video-moderator')]);
    await promoteToAdmin(admin.id);
    const team = (await api('/api/v1/teams', { method: 'POST', token: alice.token, json: { name: 'Video team' } })).data.team;
    expect((await api(`/api/v1/teams/${team.id}/members`, { method: 'POST', token: alice.token, json: { email: mate.email } })).status).toBe(201);
    const created = await api('/api/v1/videos', { method: 'POST', token: alice.token, json: { name: 'Rough cut', keyframes: keys.slice(0, 2), workspace: team.id, ...tiny } });
    expect(created.status).toBe(202);
    const id = created.data.video.id;

    expect((await patch(stranger.token, id, { name: 'Mine' })).status).toBe(404);
    const renamed = await patch(mate.token, id, { name: 'Final cut' });
    expect(renamed.status, JSON.stringify(renamed.data)).toBe(200);
    expect(renamed.data.video).toMatchObject({ name: 'Final cut', visibility: 'PRIVATE', canEdit: true });
    expect((await patch(alice.token, id, { visibility: 'UNLISTED' })).data.video).toMatchObject({ name: 'Final cut', visibility: 'UNLISTED' });
    expect((await api(`/api/v1/videos/${id}`)).data.video).toMatchObject({ name: 'Final cut', canEdit: false });

    const refused = await patch(stranger.token, id, { visibility: 'PRIVATE' });
    expect(refused.status).toBe(403);
    expect(refused.data.error.message).toMatch(/only the owner or their team/i);
    for (const body of [{}, { visibility: 'public' }, { name: '' }, { name: 'x'.repeat(121) }]) {
      expect((await patch(alice.token, id, body)).status, JSON.stringify(body)).toBe(400);
    }

    expect((await api(`/api/v1/admin/moderation/video/${id}`, { method: 'PATCH', token: admin.token, json: { hidden: true } })).status).toBe(200);
    expect((await patch(alice.token, id, { visibility: 'PUBLIC' })).status).toBe(200);
    expect((await api(`/api/v1/videos/${id}`, { token: stranger.token })).status).toBe(404);
    expect(await db.video.findUniqueOrThrow({ where: { id }, select: { hidden: true, visibility: true, name: true } })).toEqual({ hidden: true, visibility: 'PUBLIC', name: 'Final cut' });
  });

  it('a video of a model waiting for licence review stays private (403), and can still be renamed', async () => {
    const pending = await importFixtureModel(alice.token, { name: 'NC for videos', license: 'CC-BY-NC-4.0' });
    const frames = [await latent(alice, pending.id, 1), await latent(alice, pending.id, 2)];
    const created = await api('/api/v1/videos', { method: 'POST', token: alice.token, json: { name: 'NC video', keyframes: frames, ...tiny } });
    expect(created.status).toBe(202);
    const id = created.data.video.id;
    for (const visibility of ['UNLISTED', 'PUBLIC']) {
      const shared = await patch(alice.token, id, { visibility });
      expect(shared.status, visibility).toBe(403);
      expect(shared.data.error.message).toMatch(/waiting for licence review/);
    }
    expect((await patch(alice.token, id, { name: 'NC video, renamed' })).data.video).toMatchObject({ name: 'NC video, renamed', visibility: 'PRIVATE' });
  });
});
