import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { api, createUser, type TestUser } from '@/lib/testing/http';
import { fetchBytes, importFixtureModel, waitForJob } from '@/lib/testing/models';

let alice: TestUser;
let model: Awaited<ReturnType<typeof importFixtureModel>>;

beforeAll(async () => {
  alice = await createUser('gen');
  model = await importFixtureModel(alice.token);
});

async function generate(body: Record<string, unknown>, token = alice.token) {
  return api('/api/v1/generate', { method: 'POST', token, json: { modelId: model.id, ...body } });
}

async function generated(body: Record<string, unknown>) {
  const res = await generate(body);
  expect(res.status, JSON.stringify(res.data)).toBe(202);
  const job = await waitForJob(alice.token, res.data.job.id);
  expect(job.state, job.error).toBe('COMPLETED');
  return job;
}

describe('POST /generate on a real synthesis worker', () => {
  it('renders seeds to PNG assets, records GPU-seconds, and is deterministic', async () => {
    const job = await generated({ seeds: [1, 2, 3], psi: 0.7 });
    expect(job.type).toBe('synthesize');
    expect(job.result.images).toHaveLength(3);
    expect(job.result.images.map((i: { seed: number }) => i.seed)).toEqual([1, 2, 3]);
    for (const img of job.result.images) {
      const png = await fetchBytes(img.url, alice.token);
      expect(png.status).toBe(200);
      expect(png.headers.get('etag')).toBe(`"${img.sha256}"`);
      const meta = await sharp(png.bytes).metadata();
      expect([meta.format, meta.width, meta.height, meta.channels]).toEqual(['png', 32, 32, 3]);
    }
    expect(new Set(job.result.images.map((i: { sha256: string }) => i.sha256)).size).toBe(3);
    const usage = await db.usageEvent.findMany({ where: { jobId: job.id, kind: 'GPU_SECONDS' } });
    expect(usage).toHaveLength(1);
    expect(usage[0].amount).toBeGreaterThan(0);
    expect(usage[0].userId).toBe(alice.id);
    expect(job.gpuSeconds).toBeGreaterThan(0);

    const again = await generated({ seeds: [2], psi: 0.7 });
    expect(again.result.images[0].sha256).toBe(job.result.images[1].sha256);
  });

  it('renders from z, w+ and nudges; w+ round-trips to the identical image', async () => {
    const focus = await generated({ seeds: [7], psi: 0.5, returnLatents: true });
    const wplus = focus.result.images[0].wplus;
    expect(wplus).toHaveLength(model.architecture.numWs);
    expect(wplus[0]).toHaveLength(model.architecture.wDim);
    const fromWplus = await generated({ wplus });
    expect(fromWplus.result.images[0].sha256).toBe(focus.result.images[0].sha256);

    const nudged = await generated({ wplus, nudge: { count: 4, step: 0.3, seed: 11 } });
    expect(nudged.result.images).toHaveLength(4);
    expect(nudged.result.images[0].wplus).toHaveLength(model.architecture.numWs);
    const hashes = nudged.result.images.map((i: { sha256: string }) => i.sha256);
    expect(new Set([...hashes, focus.result.images[0].sha256]).size).toBe(5);

    const z = Array.from({ length: model.architecture.zDim }, (_, i) => Math.sin(i));
    const fromZ = await generated({ z, psi: 1, noiseMode: 'none' });
    expect(fromZ.result.images).toHaveLength(1);
  });

  it('random noise is reproducible from its noise seed and differs from const', async () => {
    const a = await generated({ seeds: [5], noiseMode: 'random', noiseSeed: 1234 });
    const b = await generated({ seeds: [5], noiseMode: 'random', noiseSeed: 1234 });
    const c = await generated({ seeds: [5], noiseMode: 'const' });
    expect(a.result.images[0].noiseSeed).toBe(1234);
    expect(b.result.images[0].sha256).toBe(a.result.images[0].sha256);
    expect(c.result.images[0].sha256).not.toBe(a.result.images[0].sha256);
  });
});

describe('POST /generate rejects bad input with a clear 400 and writes nothing', () => {
  const cases: [string, Record<string, unknown>, RegExp][] = [
    ['z of the wrong length', { z: [0.1, 0.2, 0.3] }, /z must have 64 values \(the model's z_dim\), got 3/],
    ['"NaN" in z', { z: Array.from({ length: 64 }, (_, i) => (i === 5 ? 'NaN' : 0)) }, /z\[5\] must be a finite number, got "NaN"/],
    ['"Infinity" in w', { w: Array.from({ length: 64 }, (_, i) => (i === 0 ? 'Infinity' : 0)) }, /w\[0\] must be a finite number/],
    ['a value outside float32', { z: Array.from({ length: 64 }, (_, i) => (i === 2 ? 1e39 : 0)) }, /z\[2\] = 1e\+39 is outside the float32 range/],
    ['w+ with a wrong layer count', { wplus: [Array(64).fill(0)] }, /wplus must have 8 layers/],
    ['ψ above 2', { seeds: [1], psi: 2.5 }, /psi must be between -2 and 2/],
    ['ψ as a string', { seeds: [1], psi: 'NaN' }, /psi must be a finite number/],
    ['a per-layer ψ below -2', { seeds: [1], psiLayers: [1, 1, 1, -3, 1, 1, 1, 1] }, /psiLayers\[3\] must be between -2 and 2/],
    ['too many seeds', { seeds: Array.from({ length: 65 }, (_, i) => i) }, /too many images in one request \(65; at most 64/],
    ['no source', { psi: 1 }, /exactly one of seeds, z, w or wplus/],
    ['two sources', { seeds: [1], z: Array(64).fill(0) }, /exactly one of seeds, z, w or wplus/],
    ['an unknown noise mode', { seeds: [1], noiseMode: 'loud' }, /noiseMode must be const, random or none/],
    ['an unknown model', { seeds: [1], modelId: 'no-such-model' }, /modelId: no model "no-such-model" that you can use/],
  ];

  it.each(cases)('%s', async (_, body, message) => {
    const jobsBefore = await db.job.count({ where: { userId: alice.id } });
    const res = await generate(body);
    expect(res.status).toBe(400);
    expect(res.data.error.code).toBe('validation_error');
    expect(res.data.error.message).toMatch(message);
    expect(await db.job.count({ where: { userId: alice.id } })).toBe(jobsBefore);
  });

  it("treats another user's private model as unknown, and hides the job", async () => {
    const bob = await createUser('bob');
    const res = await generate({ seeds: [1] }, bob.token);
    expect(res.status).toBe(400);
    expect(res.data.error.message).toMatch(/no model .* that you can use/);
    expect(await db.job.count({ where: { userId: bob.id } })).toBe(0);
    const mine = await generate({ seeds: [1] });
    expect((await api(`/api/v1/jobs/${mine.data.job.id}`, { token: bob.token })).status).toBe(404);
    const done = await waitForJob(alice.token, mine.data.job.id);
    expect((await fetchBytes(done.result.images[0].url, bob.token)).status).toBe(404);
  });

  it('requires a signed-in user', async () => {
    const res = await api('/api/v1/generate', { method: 'POST', json: { modelId: model.id, seeds: [1] } });
    expect(res.status).toBe(401);
  });
});

describe('POST /generate?wait=N answers with the finished job', () => {
  it('200 with the job as GET /jobs/:id shows it, images included, in one request', async () => {
    const res = await api('/api/v1/generate?wait=20', { method: 'POST', token: alice.token, json: { modelId: model.id, seeds: [3], psi: 0.7 } });
    expect(res.status, JSON.stringify(res.data)).toBe(200);
    expect(res.data.job.state).toBe('COMPLETED');
    expect(res.data.job.result.images.map((i: { seed: number }) => i.seed)).toEqual([3]);
    const polled = await api(`/api/v1/jobs/${res.data.job.id}`, { token: alice.token });
    expect(res.data.job).toEqual(polled.data.job);
    const png = await fetchBytes(res.data.job.result.images[0].url, alice.token);
    expect(png.status).toBe(200);
    expect(png.headers.get('etag')).toBe(`"${res.data.job.result.images[0].sha256}"`);
  });

  it('202 with the job still running when the wait runs out; without wait, 202 at once as before', async () => {
    // 64 images take the fixture worker longer than the shortest wait.
    const slow = await api('/api/v1/generate?wait=0.01', { method: 'POST', token: alice.token, json: { modelId: model.id, seeds: Array.from({ length: 64 }, (_, i) => i) } });
    expect(slow.status, JSON.stringify(slow.data)).toBe(202);
    expect(['QUEUED', 'ACTIVE']).toContain(slow.data.job.state);
    const plain = await generate({ seeds: [4] });
    expect(plain.status).toBe(202);
    expect(Object.keys(plain.data.job).sort()).toEqual(['createdAt', 'id', 'progress', 'state', 'type']);
    expect((await waitForJob(alice.token, slow.data.job.id)).state).toBe('COMPLETED');
    expect((await waitForJob(alice.token, plain.data.job.id)).state).toBe('COMPLETED');
  });

  it.each(['26', '-1', 'soon'])('refuses wait=%s with a 400 and enqueues nothing', async (wait) => {
    const jobsBefore = await db.job.count({ where: { userId: alice.id } });
    const res = await api(`/api/v1/generate?wait=${wait}`, { method: 'POST', token: alice.token, json: { modelId: model.id, seeds: [1] } });
    expect(res.status).toBe(400);
    expect(res.data.error.code).toBe('validation_error');
    expect(await db.job.count({ where: { userId: alice.id } })).toBe(jobsBefore);
  });

  it('refuses with 429 quota_exceeded when the month is used up, before any wait', async () => {
    const quota = await db.user.update({ where: { id: alice.id }, data: { gpuQuotaSeconds: 1 }, select: { id: true } });
    try {
      await db.job.create({ data: { type: 'synthesize', state: 'COMPLETED', payload: {}, userId: quota.id, gpuSeconds: 5, finishedAt: new Date() } });
      const res = await api('/api/v1/generate?wait=20', { method: 'POST', token: alice.token, json: { modelId: model.id, seeds: [1] } });
      expect(res.status).toBe(429);
      expect(res.data.error.code).toBe('quota_exceeded');
      expect(res.data.error.details).toMatchObject({ scope: 'user', quotaSeconds: 1, exceeded: true, overridden: true });
    } finally {
      await db.user.update({ where: { id: alice.id }, data: { gpuQuotaSeconds: null } });
    }
  });
});

describe("a synthesis job's signed image links", () => {
  it('download the image without a token; the plain URL still needs one', async () => {
    const res = await api('/api/v1/generate?wait=20', { method: 'POST', token: alice.token, json: { modelId: model.id, seeds: [8] } });
    const image = res.data.job.result.images[0];
    expect(image.url).toBe(`/api/v1/assets/${image.assetId}`);
    expect(image.signedUrl).toMatch(new RegExp(`^/api/v1/assets/${image.assetId}\\?exp=\\d+&sig=[\\w-]{43}$`));
    const signed = await fetchBytes(image.signedUrl);
    expect(signed.status).toBe(200);
    expect(signed.headers.get('etag')).toBe(`"${image.sha256}"`);
    expect(signed.headers.get('content-type')).toBe('image/png');
    expect(signed.bytes.equals((await fetchBytes(image.url, alice.token)).bytes)).toBe(true);
    expect((await fetchBytes(image.url)).status).toBe(404);
    // GET /jobs/:id gives the same links to whoever may read the job, and none to anyone else.
    expect((await api(`/api/v1/jobs/${res.data.job.id}`, { token: alice.token })).data.job.result.images[0].signedUrl).toBe(image.signedUrl);
  });

  it('refuse a changed, expired, misplaced or partial signature with a 403, never a 5xx', async () => {
    const res = await api('/api/v1/generate?wait=20', { method: 'POST', token: alice.token, json: { modelId: model.id, seeds: [9, 10] } });
    const [a, b] = res.data.job.result.images;
    const { exp, sig } = Object.fromEntries(new URL(a.signedUrl, 'http://x').searchParams) as { exp: string; sig: string };
    const bad = [
      `/api/v1/assets/${a.assetId}?exp=${exp}&sig=${sig.slice(0, -1)}${sig.endsWith('A') ? 'B' : 'A'}`,
      `/api/v1/assets/${a.assetId}?exp=${Number(exp) + 60}&sig=${sig}`,
      `/api/v1/assets/${a.assetId}?exp=${Math.floor(Date.now() / 1000) - 1}&sig=${sig}`,
      `/api/v1/assets/${b.assetId}?exp=${exp}&sig=${sig}`,
      `/api/v1/assets/${a.assetId}?sig=${sig}`,
      `/api/v1/assets/${a.assetId}?exp=${exp}`,
      `/api/v1/assets/${a.assetId}?exp=${exp}&sig=`,
      `/api/v1/assets/no-such-asset?exp=${exp}&sig=${sig}`,
    ];
    for (const url of bad) {
      const got = await fetchBytes(url, alice.token); // a token does not rescue a bad link
      expect(got.status, url).toBe(403);
    }
    // A valid link to an asset that no longer exists: 404.
    const gone = await db.asset.create({ data: { storageKey: 'missing', sha256: 'x'.repeat(64), bytes: 1, mime: 'image/png', ownerId: alice.id }, select: { id: true } });
    await db.asset.delete({ where: { id: gone.id } });
    const { signedAssetUrl } = await import('@/lib/access/signed-asset-urls');
    expect((await fetchBytes(signedAssetUrl(gone.id))).status).toBe(404);
  });
});

describe('POST /generate with a checkpointId', () => {
  it("renders on the model's checkpoint it names; another model's checkpoint or an unknown one is a 400", async () => {
    const done = await api('/api/v1/generate?wait=20', { method: 'POST', token: alice.token, json: { modelId: model.id, checkpointId: model.checkpoint.id, seeds: [1] } });
    expect(done.status, JSON.stringify(done.data)).toBe(200);
    expect(done.data.job.result.checkpointId).toBe(model.checkpoint.id);
    const other = await importFixtureModel(alice.token);
    for (const checkpointId of [other.checkpoint.id, 'no-such-checkpoint']) {
      const res = await generate({ seeds: [1], checkpointId });
      expect(res.status).toBe(400);
      expect(res.data.error.message).toBe('checkpointId: no such checkpoint of this model');
    }
  });
});
