import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { api, createUser, type TestUser } from '@/lib/testing/http';
import { fetchBytes, importFixtureModel, waitForJob } from '@/lib/testing/models';

let alice: TestUser;
let model: { id: string };
let keys: string[];

async function latent(user: TestUser, modelId: string, seed: number) {
  const res = await api('/api/v1/latents', { method: 'POST', token: user.token, json: { name: `seed ${seed}`, modelId, seed, psi: 0.7 } });
  expect(res.status).toBe(201);
  return res.data.latent.id as string;
}

async function rgb(url: string, token: string, extract?: { left: number; top: number; width: number; height: number }) {
  const png = await fetchBytes(url, token);
  expect(png.status).toBe(200);
  let img = sharp(png.bytes).removeAlpha();
  if (extract) img = img.extract(extract);
  return img.raw().toBuffer();
}

const meanAbsDiff = (a: Buffer, b: Buffer) => {
  expect(a.length).toBe(b.length);
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs(a[i]! - b[i]!);
  return sum / a.length;
};

beforeAll(async () => {
  alice = await createUser('preview-owner');
  model = await importFixtureModel(alice.token);
  keys = [await latent(alice, model.id, 21), await latent(alice, model.id, 22)];
});

describe('POST /api/v1/videos/preview', () => {
  it('renders evenly spaced in-between frames on a synthesis worker; the first and last are the keyframes', async () => {
    const res = await api('/api/v1/videos/preview', { method: 'POST', token: alice.token, json: { keyframes: keys, space: 'z', easing: 'linear', secondsPerTransition: 1, fps: 10, frames: 5 } });
    expect(res.status, JSON.stringify(res.data)).toBe(202);
    const job = await waitForJob(alice.token, res.data.job.id, 120_000);
    expect(job.state, job.error).toBe('COMPLETED');
    expect(job.result.totalFrames).toBe(10); // one 1 s transition at 10 fps, ending on the last keyframe
    expect(job.result.frames.map((f: { index: number }) => f.index)).toEqual([0, 2, 5, 7, 9]);
    expect(job.result.frames.at(-1).seconds).toBe(0.9);
    const { strip } = job.result;
    expect([strip.width, strip.height, strip.cell]).toEqual([5 * 32, 32, 32]);
    // Its compute time counts against the quota like any render.
    expect(await db.usageEvent.count({ where: { jobId: res.data.job.id, kind: 'GPU_SECONDS' } })).toBe(1);

    // The ends are the keyframes themselves: the same images /generate draws for those seeds.
    const gen = await api('/api/v1/generate', { method: 'POST', token: alice.token, json: { modelId: model.id, seeds: [21, 22], psi: 0.7 } });
    const generated = await waitForJob(alice.token, gen.data.job.id);
    expect(generated.state, generated.error).toBe('COMPLETED');
    const tile = (i: number) => rgb(strip.url, alice.token, { left: i * 32, top: 0, width: 32, height: 32 });
    const first = await rgb(generated.result.images[0].url, alice.token);
    const last = await rgb(generated.result.images[1].url, alice.token);
    expect(meanAbsDiff(await tile(0), first)).toBeLessThan(1);
    expect(meanAbsDiff(await tile(4), last)).toBeLessThan(1);
    // The middle is neither end.
    const middle = await tile(2);
    expect(meanAbsDiff(middle, first)).toBeGreaterThan(1);
    expect(meanAbsDiff(middle, last)).toBeGreaterThan(1);
  });

  it("refuses one keyframe, too many frames, and someone else's private latent, writing no job", async () => {
    const bob = await createUser('preview-other');
    const startedAt = new Date();
    const one = await api('/api/v1/videos/preview', { method: 'POST', token: alice.token, json: { keyframes: [keys[0]] } });
    expect(one.status).toBe(400);
    const many = await api('/api/v1/videos/preview', { method: 'POST', token: alice.token, json: { keyframes: keys, frames: 50 } });
    expect(many.status).toBe(400);
    expect(many.data.error.message).toBe('frames is at most 12');
    const foreign = await api('/api/v1/videos/preview', { method: 'POST', token: bob.token, json: { keyframes: keys } });
    expect(foreign.status).toBe(400);
    expect(foreign.data.error.message).toMatch(/^keyframes\[0\]: no saved latent/);
    expect(await db.job.count({ where: { userId: { in: [bob.id, alice.id] }, type: 'preview-video', createdAt: { gt: startedAt } } })).toBe(0);
  });
});
