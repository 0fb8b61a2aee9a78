import { beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { db } from '@/lib/db';
import { applyEditsToWs } from '@/lib/stylegan/directions/apply-edits';
import { api, baseUrl, createUser, type TestUser } from '@/lib/testing/http';
import { fetchBytes, importFixtureModel, waitForJob } from '@/lib/testing/models';

let alice: TestUser;
let bob: TestUser;
let model: { id: string; checkpoint: { id: string } };
const NUM_WS = 8;
const W_DIM = 64;

type Direction = { id: string; name: string; method: string; layers: { start: number; end: number }; range: string; rank: number; value: number; vector: number[] };

async function directionsOf(token: string, modelId = model.id) {
  return api(`/api/v1/models/${modelId}/directions`, { token });
}

async function discovered() {
  const list = await directionsOf(alice.token);
  expect(list.status).toBe(200);
  const job = await waitForJob(alice.token, list.data.discovery.id, 120_000);
  expect(job.state).toBe('COMPLETED');
  return (await directionsOf(alice.token)).data.directions as Direction[];
}

async function baseWplus(seed: number): Promise<number[][]> {
  const res = await api('/api/v1/generate', { method: 'POST', token: alice.token, json: { modelId: model.id, seeds: [seed], psi: 0.7, returnLatents: true } });
  const job = await waitForJob(alice.token, res.data.job.id);
  return job.result.images[0].wplus;
}

beforeAll(async () => {
  alice = await createUser('directions');
  bob = await createUser('directions-other');
  model = await importFixtureModel(alice.token, { name: 'Directions 32' });
});

describe('semantic directions: discovery after import', () => {
  it('runs SeFa on each layer group of the model and GANSpace, strongest first, unit vectors', async () => {
    const dirs = await discovered();
    const sefa = dirs.filter((d) => d.method === 'sefa');
    // a 32 px model has coarse and middle layers and no fine ones
    expect([...new Set(sefa.map((d) => d.range))].sort()).toEqual(['all', 'coarse', 'middle']);
    expect(sefa.filter((d) => d.range === 'coarse')).toHaveLength(10);
    expect(dirs.filter((d) => d.method === 'ganspace')).toHaveLength(10);
    for (const d of dirs) {
      expect(d.vector).toHaveLength(W_DIM);
      expect(Math.hypot(...d.vector)).toBeCloseTo(1, 4);
    }
    const coarse = sefa.filter((d) => d.range === 'coarse');
    for (let i = 1; i < coarse.length; i++) expect(coarse[i].value).toBeLessThanOrEqual(coarse[i - 1].value);
    expect(coarse[0].layers).toEqual({ start: 0, end: 3 });
  });
});

describe('semantic directions: who may see and change them', () => {
  it("a private model's directions are a 404 for others; a public model's are readable but not changeable", async () => {
    const dirs = (await directionsOf(alice.token)).data.directions as Direction[];
    expect((await directionsOf(bob.token)).status).toBe(404);
    expect((await api(`/api/v1/models/${model.id}/directions/${dirs[0].id}`, { method: 'PATCH', token: bob.token, json: { name: 'x' } })).status).toBe(404);
    const pub = await importFixtureModel(alice.token, { name: 'Public directions', visibility: 'PUBLIC' });
    const pubList = await directionsOf(bob.token, pub.id);
    expect(pubList.status).toBe(200);
    const job = await waitForJob(alice.token, pubList.data.discovery.id, 120_000);
    expect(job.state).toBe('COMPLETED');
    const pubDirs = (await directionsOf(bob.token, pub.id)).data.directions as Direction[];
    expect(pubDirs.length).toBeGreaterThan(0);
    const rename = await api(`/api/v1/models/${pub.id}/directions/${pubDirs[0].id}`, { method: 'PATCH', token: bob.token, json: { name: 'Mine now' } });
    expect(rename.status).toBe(403);
    expect((await api(`/api/v1/models/${pub.id}/directions/${pubDirs[0].id}`, { method: 'DELETE', token: bob.token })).status).toBe(403);
    expect((await api(`/api/v1/models/${pub.id}/directions/discover`, { method: 'POST', token: bob.token, json: {} })).status).toBe(403);
    expect((await db.direction.findUnique({ where: { id: pubDirs[0].id } }))?.name).toBe(pubDirs[0].name);
  });

  it('the owner renames (kept by a new discovery) and deletes; an unknown direction is a 404', async () => {
    const dirs = (await directionsOf(alice.token)).data.directions as Direction[];
    const [first, second] = dirs.filter((d) => d.method === 'sefa' && d.range === 'coarse');
    const renamed = await api(`/api/v1/models/${model.id}/directions/${first.id}`, { method: 'PATCH', token: alice.token, json: { name: 'Head turn' } });
    expect(renamed.status).toBe(200);
    expect(renamed.data.direction).toMatchObject({ id: first.id, name: 'Head turn', named: true });
    expect((await api(`/api/v1/models/${model.id}/directions/${second.id}`, { method: 'DELETE', token: alice.token })).status).toBe(200);
    expect((await api(`/api/v1/models/${model.id}/directions/nope`, { method: 'DELETE', token: alice.token })).status).toBe(404);
    expect((await api(`/api/v1/models/${model.id}/directions/${first.id}`, { method: 'PATCH', token: alice.token, json: { name: '  ' } })).status).toBe(400);

    const again = await api(`/api/v1/models/${model.id}/directions/discover`, { method: 'POST', token: alice.token, json: { methods: ['sefa'], k: 4 } });
    expect(again.status).toBe(202);
    expect((await waitForJob(alice.token, again.data.job.id, 120_000)).state).toBe('COMPLETED');
    const after = (await directionsOf(alice.token)).data.directions as Direction[];
    expect(after.find((d) => d.id === first.id)?.name).toBe('Head turn');
    expect(after.filter((d) => d.method === 'sefa' && d.range === 'coarse' && d.id !== first.id)).toHaveLength(4);
    expect(after.filter((d) => d.method === 'ganspace')).toHaveLength(10);
  });
});

describe('semantic directions: create and teach', () => {
  it('teaches a direction from ten faces with and ten without a planted trait, with its held-out accuracy', async () => {
    const planted = Array.from({ length: W_DIM }, (_, j) => (j % 3 === 0 ? 1 : 0));
    const l = Math.hypot(...planted);
    const rnd = (i: number, j: number) => Math.sin(i * 91.7 + j * 13.3) * 0.8;
    const positives = Array.from({ length: 12 }, (_, i) => planted.map((p, j) => rnd(i, j) + (2 * p) / l));
    const negatives = Array.from({ length: 12 }, (_, i) => planted.map((p, j) => rnd(i + 50, j) - (2 * p) / l));
    const res = await api(`/api/v1/models/${model.id}/directions`, { method: 'POST', token: alice.token, json: { name: 'Planted', layers: 'coarse', teach: { positives, negatives } } });
    expect(res.status).toBe(201);
    expect(res.data.taught.heldOutAccuracy).toBeGreaterThanOrEqual(0.9);
    expect(res.data.direction).toMatchObject({ name: 'Planted', method: 'taught', range: 'coarse', layers: { start: 0, end: 3 } });
    const cos = res.data.direction.vector.reduce((s: number, v: number, j: number) => s + (v * planted[j]) / l, 0);
    expect(cos).toBeGreaterThan(0.9);
  });

  const bad: [string, Record<string, unknown>, RegExp][] = [
    ['a vector of the wrong length', { name: 'x', vector: [1, 2, 3] }, /vector must have 64 values/],
    ['"NaN" in a vector', { name: 'x', vector: Array.from({ length: W_DIM }, (_, i) => (i === 5 ? 'NaN' : 1)) }, /vector\[5\] must be a finite number/],
    ['fewer than ten examples', { name: 'x', teach: { positives: [Array(W_DIM).fill(1)], negatives: [Array(W_DIM).fill(0)] } }, /at least 10/],
    ['layers outside the model', { name: 'x', vector: Array(W_DIM).fill(1), layers: { start: 4, end: 9 } }, /within \[0, 8\)/],
    ['fine layers on a 32 px model', { name: 'x', vector: Array(W_DIM).fill(1), layers: 'fine' }, /no fine layers/],
    ['an unknown conditioning direction', { name: 'x', teach: { positives: Array(10).fill(Array(W_DIM).fill(1)), negatives: Array(10).fill(Array(W_DIM).fill(0)), conditionOn: ['nope'] } }, /no direction "nope"/],
  ];
  it.each(bad)('%s is a 400 and writes nothing', async (_, body, message) => {
    const before = await db.direction.count({ where: { modelId: model.id } });
    const res = await api(`/api/v1/models/${model.id}/directions`, { method: 'POST', token: alice.token, json: body });
    expect(res.status).toBe(400);
    expect(res.data.error.message).toMatch(message);
    expect(await db.direction.count({ where: { modelId: model.id } })).toBe(before);
  });
});

describe('semantic directions: apply, preview, save the edit, reopen', () => {
  it('applies amount·direction on the chosen layers only, and rejects bad edits with a 400', async () => {
    const dir = ((await directionsOf(alice.token)).data.directions as Direction[]).find((d) => d.method === 'ganspace')!;
    const base = await baseWplus(3);
    const res = await api(`/api/v1/models/${model.id}/directions/apply`, { method: 'POST', token: alice.token, json: { wplus: base, edits: [{ directionId: dir.id, amount: 2.5, layers: { start: 2, end: 5 } }] } });
    expect(res.status).toBe(200);
    const out = res.data.wplus as number[][];
    for (let layer = 0; layer < NUM_WS; layer++) {
      for (let j = 0; j < W_DIM; j++) {
        const expected = layer >= 2 && layer < 5 ? base[layer][j] + 2.5 * dir.vector[j] : base[layer][j];
        expect(out[layer][j]).toBeCloseTo(expected, 5);
      }
    }
    const cases: [unknown, RegExp][] = [
      [{ directionId: dir.id, amount: 10.5 }, /amount must be between -10 and 10/],
      [{ directionId: dir.id, amount: 'NaN' }, /amount must be a finite number/],
      [{ directionId: 'nope', amount: 1 }, /no direction "nope"/],
      [{ directionId: dir.id, amount: 1, layers: { start: 0, end: 9 } }, /within \[0, 8\)/],
      [{ vector: [1, 2], amount: 1 }, /vector must have 64 values/],
    ];
    for (const [edit, message] of cases) {
      const bad = await api(`/api/v1/models/${model.id}/directions/apply`, { method: 'POST', token: alice.token, json: { wplus: base, edits: [edit] } });
      expect(bad.status, JSON.stringify(edit)).toBe(400);
      expect(bad.data.error.message).toMatch(message);
    }
    expect((await api(`/api/v1/models/${model.id}/directions/apply`, { method: 'POST', token: bob.token, json: { wplus: base, edits: [] } })).status).toBe(404);
  });

  it('saves an edited face (base + directions + amounts + layers, with provenance) that reopens to the identical image', async () => {
    const dirs = (await directionsOf(alice.token)).data.directions as Direction[];
    const head = dirs.find((d) => d.method === 'sefa')!;
    const pca = dirs.find((d) => d.method === 'ganspace')!;
    const base = await baseWplus(11);
    const edits = [
      { directionId: head.id, amount: -3 },
      { directionId: pca.id, amount: 1.75, layers: 'middle' },
    ];
    const png = await fetch(`${baseUrl()}/api/v1/models/${model.id}/directions/preview`, {
      method: 'POST',
      headers: { authorization: `Bearer ${alice.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ wplus: base, edits }),
    });
    expect(png.status).toBe(200);
    expect(png.headers.get('content-type')).toBe('image/png');
    expect(png.headers.get('x-tfjs-backend')).toBe('wasm');
    expect(png.headers.get('server-timing')).toMatch(/^render;dur=\d+(\.\d)?$/);
    const previewPixels = await sharp(Buffer.from(await png.arrayBuffer())).raw().toBuffer();
    expect(previewPixels.length).toBe(32 * 32 * 3);

    const saved = await api('/api/v1/latents', { method: 'POST', token: alice.token, json: { modelId: model.id, name: 'Edited', wplus: base, edits } });
    expect(saved.status).toBe(201);
    const latentId = saved.data.latent.id;

    const reopened = (await api(`/api/v1/latents/${latentId}`, { token: alice.token })).data.latent;
    expect(reopened.edit.edits.map((e: { directionId: string; amount: number; layers: unknown }) => [e.directionId, e.amount, e.layers])).toEqual([
      [head.id, -3, head.layers],
      [pca.id, 1.75, { start: 3, end: 8 }],
    ]);
    // the stored w+ is exactly base + edits in float32 (what synthesis reads), recomputed from what was stored
    const recomputed = applyEditsToWs(Float32Array.from(reopened.edit.base.flat()), NUM_WS, W_DIM, reopened.edit.edits);
    expect(Array.from(recomputed)).toEqual(Array.from(Float32Array.from(reopened.wplus.flat())));
    expect(recomputed.some((v, i) => v !== Math.fround(base.flat()[i]))).toBe(true);

    // renaming or deleting the direction later changes nothing about the saved edit
    await api(`/api/v1/models/${model.id}/directions/${pca.id}`, { method: 'DELETE', token: alice.token });
    const again = (await api(`/api/v1/latents/${latentId}`, { token: alice.token })).data.latent;
    expect(again.wplus).toEqual(reopened.wplus);

    // rendering the reopened latent gives the preview's image, byte for byte, twice
    const shas: string[] = [];
    for (let i = 0; i < 2; i++) {
      const res = await api('/api/v1/generate', { method: 'POST', token: alice.token, json: again.generate });
      const job = await waitForJob(alice.token, res.data.job.id);
      expect(job.state).toBe('COMPLETED');
      shas.push(job.result.images[0].sha256);
      const img = await fetchBytes(job.result.images[0].url, alice.token);
      expect((await sharp(img.bytes).raw().toBuffer()).equals(previewPixels)).toBe(true);
    }
    expect(shas[0]).toBe(shas[1]);

    const record = await db.provenanceRecord.findFirst({ where: { artifactType: 'LATENT', artifactId: latentId }, select: { inputs: true } });
    const inputs = record!.inputs as { directionEdits: { directionId: string; name: string; amount: number }[] };
    expect(inputs.directionEdits.map((e) => [e.directionId, e.name, e.amount])).toEqual([
      [head.id, head.name, -3],
      [pca.id, pca.name, 1.75],
    ]);
  });

  it('refuses edits on a latent sent as z, and edits with bad amounts, saving nothing', async () => {
    const before = await db.latent.count({ where: { ownerId: alice.id } });
    const dir = ((await directionsOf(alice.token)).data.directions as Direction[])[0];
    const z = await api('/api/v1/latents', { method: 'POST', token: alice.token, json: { modelId: model.id, name: 'x', seed: 4, edits: [{ directionId: dir.id, amount: 1 }] } });
    expect(z.status).toBe(400);
    const base = await baseWplus(4);
    const far = await api('/api/v1/latents', { method: 'POST', token: alice.token, json: { modelId: model.id, name: 'x', wplus: base, edits: [{ directionId: dir.id, amount: -11 }] } });
    expect(far.status).toBe(400);
    expect(await db.latent.count({ where: { ownerId: alice.id } })).toBe(before);
  });
});

describe('semantic directions: a video that walks along a direction, a mix with an edited source', () => {
  it('saves one edited keyframe per amount and renders them as a W-space video', async () => {
    const dir = ((await directionsOf(alice.token)).data.directions as Direction[]).find((d) => d.method === 'ganspace')!;
    const base = await baseWplus(21);
    const latent = (await api('/api/v1/latents', { method: 'POST', token: alice.token, json: { modelId: model.id, name: 'Walk base', wplus: base } })).data.latent;
    const res = await api(`/api/v1/models/${model.id}/directions/walk`, {
      method: 'POST',
      token: alice.token,
      json: { name: 'Walk', latentId: latent.id, directionId: dir.id, amounts: [-3, 0, 3], secondsPerTransition: 0.25, fps: 8 },
    });
    expect(res.status).toBe(202);
    const keyframes = await db.latent.findMany({ where: { id: { in: res.data.video.keyframes?.map((k: { id: string }) => k.id) ?? (await db.video.findUniqueOrThrow({ where: { id: res.data.video.id } })).keyframeIds } }, select: { edits: true, wplus: true } });
    expect(keyframes.map((k) => (k.edits as { amount: number }[])[0].amount).sort((a, b) => a - b)).toEqual([-3, 0, 3]);
    const job = await waitForJob(alice.token, res.data.job.id, 120_000);
    expect(job.state).toBe('COMPLETED');

    const before = await db.latent.count({ where: { ownerId: alice.id } });
    const bad = await api(`/api/v1/models/${model.id}/directions/walk`, { method: 'POST', token: alice.token, json: { name: 'Bad', latentId: latent.id, directionId: 'nope', amounts: [0, 1] } });
    expect(bad.status).toBe(400);
    const far = await api(`/api/v1/models/${model.id}/directions/walk`, { method: 'POST', token: alice.token, json: { name: 'Bad', latentId: latent.id, directionId: dir.id, amounts: [0, 12] } });
    expect(far.status).toBe(400);
    expect(await db.latent.count({ where: { ownerId: alice.id } })).toBe(before);
  });

  it('a mix takes an edited latent as a source: its layers come from the edited w+', async () => {
    const dir = ((await directionsOf(alice.token)).data.directions as Direction[]).find((d) => d.method === 'ganspace')!;
    const edited = (
      await api('/api/v1/latents', { method: 'POST', token: alice.token, json: { modelId: model.id, name: 'Edited source', wplus: await baseWplus(31), edits: [{ directionId: dir.id, amount: 3 }] } })
    ).data.latent;
    const other = (await api('/api/v1/latents', { method: 'POST', token: alice.token, json: { modelId: model.id, name: 'Other source', seed: 32, psi: 0.7 } })).data.latent;
    const res = await api('/api/v1/mixes', {
      method: 'POST',
      token: alice.token,
      json: { name: 'Edited coarse', modelId: model.id, sources: [{ latentId: edited.id, layers: ['coarse'] }, { latentId: other.id, layers: [{ start: 3, end: 8 }] }] },
    });
    expect(res.status).toBe(202);
    const job = await waitForJob(alice.token, res.data.job.id, 120_000);
    expect(job.state).toBe('COMPLETED');
    const result = (await api(`/api/v1/latents/${job.result.latentId}`, { token: alice.token })).data.latent;
    const f32 = (rows: number[][]) => rows.map((r) => Array.from(Float32Array.from(r)));
    expect(f32(result.wplus.slice(0, 3))).toEqual(f32(edited.wplus.slice(0, 3)));
    expect(f32(result.wplus.slice(0, 3))).not.toEqual(f32(edited.edit.base.slice(0, 3)));
  });
});
