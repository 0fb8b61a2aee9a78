// Provenance round trip through the running app: an image generated on the synthesis worker
// (and artifacts recorded by the provenance service) → downloaded with metadata embedded →
// verified by its embedded id; a copy with the metadata stripped is found by hash; a foreign
// file is unknown. Also: every generated image, saved latent and mix gets its record, the
// record is authorised like its artifact, and licences inherit through a model's chain.
import { randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { storeAsset } from '@/lib/assets/store-asset';
import { recordProvenance } from '@/lib/provenance/record-provenance';
import { readXmpFromPng, stripAllMetadataFromPng } from '@/lib/provenance/png-xmp';
import { readVideoTags } from '@/lib/provenance/video-metadata';
import { DIGITAL_SOURCE_TYPE, parseXmp } from '@/lib/provenance/xmp';
import { api, baseUrl, createUser, sessionCookie, type TestUser } from '@/lib/testing/http';
import { importFixtureModel, waitForJob } from '@/lib/testing/models';

let alice: TestUser;
let bob: TestUser;
let tunedModelId: string;

async function licence(spdxId: string, commercialUse: boolean, attribution: string | null) {
  return db.license.create({ data: { spdxId, name: spdxId, commercialUse, attribution }, select: { id: true } });
}

async function uniquePng(seed: number) {
  // Random bytes: an image no other test (or earlier call) can have stored. A pattern derived
  // from the clock repeated itself now and then, and the "foreign" file was then found.
  const raw = randomBytes(24 * 24 * 3);
  raw[0] = seed % 256;
  return sharp(raw, { raw: { width: 24, height: 24, channels: 3 } }).png().toBuffer();
}

async function download(assetId: string, token?: string) {
  const res = await fetch(`${baseUrl()}/api/v1/assets/${assetId}/download`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

async function verify(bytes: Buffer, name = 'file.png') {
  const form = new FormData();
  form.set('file', new Blob([new Uint8Array(bytes)]), name);
  return api('/api/v1/verify', { method: 'POST', body: form });
}

beforeAll(async () => {
  alice = await createUser('prov');
  bob = await createUser('provbob');
  // A fine-tune: base model under a non-commercial licence, tuned on a CC0 dataset, the tuned
  // model itself declared CC-BY. Outputs must inherit "non-commercial" from the base.
  const [nc, by, cc0] = await Promise.all([
    licence('LicenseRef-Test-NC', false, 'Base model authors'),
    licence('CC-BY-4.0', true, 'Alice Tuner'),
    licence('CC0-1.0', true, null),
  ]);
  const base = await db.model.create({ data: { name: 'Base NC', config: {}, ownerId: alice.id, licenseId: nc.id }, select: { id: true } });
  const dataset = await db.dataset.create({ data: { name: 'CC0 faces', ownerId: alice.id, resolution: 32, licenseId: cc0.id, manifestHash: 'f'.repeat(64) }, select: { id: true } });
  const tuned = await db.model.create({ data: { name: 'Tuned', config: {}, ownerId: alice.id, licenseId: by.id, baseModelId: base.id, datasetId: dataset.id }, select: { id: true } });
  await db.checkpoint.create({ data: { modelId: tuned.id, label: 'final', gEmaAssetId: 'none', sha256: 'c'.repeat(64) } });
  tunedModelId = tuned.id;
});

async function recordedImage() {
  const png = await uniquePng(1);
  const asset = await storeAsset(png, 'image/png', { userId: alice.id });
  const record = await recordProvenance({
    artifactType: 'IMAGE',
    artifactId: asset.id,
    asset,
    modelId: tunedModelId,
    inputs: { seed: 42, psi: 0.7, noiseMode: 'CONST' },
    userId: alice.id,
  });
  return { png, asset, record };
}

describe('provenance of generated images, through the real synthesis worker', () => {
  let model: Awaited<ReturnType<typeof importFixtureModel>>;
  let checkpointSha: string;
  const generate = async (body: Record<string, unknown>) => {
    const res = await api('/api/v1/generate', { method: 'POST', token: alice.token, json: { modelId: model.id, ...body } });
    expect(res.status, JSON.stringify(res.data)).toBe(202);
    const job = await waitForJob(alice.token, res.data.job.id, 120_000);
    expect(job.state, job.error).toBe('COMPLETED');
    return job;
  };

  beforeAll(async () => {
    model = await importFixtureModel(alice.token, { name: 'Generated here', license: 'CC-BY-4.0' });
    checkpointSha = (await db.checkpoint.findUniqueOrThrow({ where: { id: model.checkpoint.id }, select: { sha256: true } })).sha256;
  }, 120_000);

  it('generate → download PNG → verify finds the record with its seed, ψ, noise and model chain; stripped copy by hash; foreign PNG unknown', async () => {
    const job = await generate({ seeds: [4242, 4243], psi: 0.6, noiseMode: 'random', noiseSeed: 77 });
    const image = job.result.images[0];

    const file = await download(image.assetId, alice.token);
    expect(file.status).toBe(200);
    const recordId = file.headers.get('x-provenance-id')!;
    expect(recordId).toBeTruthy();
    expect(parseXmp((await sharp(file.bytes).metadata()).xmp!.toString('utf8')).provenanceId).toBe(recordId);
    expect(file.headers.get('x-attribution')).toMatch(/commercial use allowed/);

    const byId = await verify(file.bytes);
    expect(byId.data.result).toMatchObject({ status: 'found', match: 'embedded-id', contentMatches: true, record: { id: recordId, artifactType: 'IMAGE' } });
    expect(byId.data.result.record.models).toEqual([{ name: 'Generated here', licence: 'CC-BY-4.0', dataset: null }]);
    expect(byId.data.result.record.checkpointSha256).toBe(checkpointSha);

    // The full record (for its owner): what renders this exact image again.
    const full = (await api(`/api/v1/provenance/${recordId}`, { token: alice.token })).data.provenance;
    expect(full).toMatchObject({
      artifact: { type: 'IMAGE', id: image.assetId },
      model: { id: model.id, checkpointSha256: checkpointSha },
      inputs: { seed: 4242, psi: 0.6, truncationCutoff: null, noiseMode: 'RANDOM', noiseSeed: 77 },
      jobId: job.id,
      user: { id: alice.id },
      licence: { commercialUse: true, licences: ['CC-BY-4.0'] },
    });
    expect(full.baseModelChain.map((l: { modelId: string }) => l.modelId)).toEqual([model.id]);
    // One record per image of the job, the second with its own seed and noise seed.
    const records = await db.provenanceRecord.findMany({ where: { jobId: job.id }, select: { artifactId: true, inputs: true }, orderBy: { artifactId: 'asc' } });
    expect(records.map((r) => r.artifactId).sort()).toEqual(job.result.images.map((i: { assetId: string }) => i.assetId).sort());
    expect(records.find((r) => r.artifactId === job.result.images[1].assetId)!.inputs).toMatchObject({ seed: 4243, noiseSeed: 78 });

    const stripped = stripAllMetadataFromPng(file.bytes);
    expect(readXmpFromPng(stripped)).toBeNull();
    expect((await verify(stripped)).data.result).toMatchObject({ status: 'found', match: 'content-hash', record: { id: recordId } });

    const foreign = await verify(await sharp({ create: { width: 32, height: 32, channels: 3, background: '#654321' } }).png().toBuffer());
    expect(foreign.data.result.status).toBe('unknown');
  }, 180_000);

  it('records z, w+ and nudge sources; saved latents and mixes get their own records with parents', async () => {
    const z = Array.from({ length: model.architecture.zDim }, (_, i) => Math.cos(i));
    const fromZ = await generate({ z, psi: 0.9, noiseMode: 'const' });
    const zRecord = await db.provenanceRecord.findFirstOrThrow({ where: { artifactType: 'IMAGE', artifactId: fromZ.result.images[0].assetId }, select: { inputs: true } });
    expect(zRecord.inputs).toMatchObject({ psi: 0.9, noiseMode: 'CONST', noiseSeed: null });
    // JSON storage may drop the 17th digit of a double; the float32 values the generator uses are exact.
    expect((zRecord.inputs as { z: number[] }).z.map(Math.fround)).toEqual(z.map(Math.fround));

    const focus = await generate({ seeds: [11], returnLatents: true });
    const nudged = await generate({ wplus: focus.result.images[0].wplus, nudge: { count: 2, step: 0.3, seed: 5 } });
    const nudgeRecords = await db.provenanceRecord.findMany({ where: { jobId: nudged.id }, select: { inputs: true } });
    expect(nudgeRecords).toHaveLength(2);
    for (const r of nudgeRecords) expect((r.inputs as { wplus: unknown[] }).wplus).toHaveLength(model.architecture.numWs);
    expect(nudgeRecords.map((r) => (r.inputs as { nudge: { index: number } }).nudge.index).sort()).toEqual([0, 1]);

    const saved = await api('/api/v1/latents', { method: 'POST', token: alice.token, json: { name: 'Kept', modelId: model.id, seed: 11, psi: 0.7, thumbnailAssetId: focus.result.images[0].assetId } });
    expect(saved.status).toBe(201);
    const latentRecord = await db.provenanceRecord.findFirstOrThrow({ where: { artifactType: 'LATENT', artifactId: saved.data.latent.id }, select: { inputs: true, modelId: true, checkpointSha256: true } });
    expect(latentRecord).toMatchObject({ modelId: model.id, checkpointSha256: checkpointSha, inputs: { seed: 11, psi: 0.7, noiseMode: 'CONST' } });

    const mixRes = await api('/api/v1/mixes', {
      method: 'POST',
      token: alice.token,
      json: { name: 'Kept × seed 3', modelId: model.id, sources: [{ latentId: saved.data.latent.id, layers: ['coarse'] }, { seed: 3, psi: 0.8, layers: ['middle'] }] },
    });
    expect(mixRes.status, JSON.stringify(mixRes.data)).toBe(202);
    const mixJob = await waitForJob(alice.token, mixRes.data.job.id, 120_000);
    expect(mixJob.state, mixJob.error).toBe('COMPLETED');
    const mixRecords = await db.provenanceRecord.findMany({ where: { jobId: mixJob.id }, select: { artifactType: true, artifactId: true, parentIds: true } });
    expect(mixRecords.map((r) => r.artifactType).sort()).toEqual(['IMAGE', 'IMAGE', 'LATENT', 'MIX']);
    expect(mixRecords.find((r) => r.artifactType === 'MIX')).toMatchObject({ artifactId: mixRes.data.mix.id, parentIds: [saved.data.latent.id] });
    expect(mixRecords.find((r) => r.artifactType === 'LATENT')).toMatchObject({ artifactId: mixJob.result.latentId, parentIds: [mixRes.data.mix.id, saved.data.latent.id] });

    // The artifact pages show the panel.
    const cookie = await sessionCookie(alice.email);
    for (const page of [`/latents/${saved.data.latent.id}`, `/mixes/${mixRes.data.mix.id}`, `/models/${model.id}`]) {
      const html = String((await api(page, { cookie })).data);
      expect(html, page).toContain('How was this made?');
      expect(html, page).not.toContain('No provenance record for this item yet');
    }
    const focusPage = await api(`/provenance/image/${focus.result.images[0].assetId}`, { cookie });
    expect(focusPage.status).toBe(307);
    expect(focusPage.headers.get('location')).toMatch(/\/provenance\/[a-z0-9]+$/);
  }, 240_000);
});

describe('provenance round trip', () => {
  it('download embeds XMP with the record id; verify finds it; a stripped copy is found by hash; a foreign image is unknown', async () => {
    const { png, asset, record } = await recordedImage();

    const file = await download(asset.id, alice.token);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toContain(`atelier-image-${record.id}.png`);
    expect(file.headers.get('x-provenance-id')).toBe(record.id);
    expect(file.headers.get('x-attribution')).toMatch(/Credit: Alice Tuner; Base model authors\./);
    expect(file.headers.get('x-attribution')).toMatch(/non-commercial use only/);

    // What a third-party reader sees: sharp (libvips) parses our XMP packet.
    const xmp = (await sharp(file.bytes).metadata()).xmp!.toString('utf8');
    expect(xmp).toContain(DIGITAL_SOURCE_TYPE);
    expect(parseXmp(xmp)).toMatchObject({ provenanceId: record.id, verifyUrl: `${process.env.APP_URL ?? baseUrl()}/verify` });
    // Same pixels as generated.
    expect((await sharp(file.bytes).raw().toBuffer()).equals(await sharp(png).raw().toBuffer())).toBe(true);

    const byId = await verify(file.bytes);
    expect(byId.status).toBe(200);
    expect(byId.data.result).toMatchObject({ status: 'found', match: 'embedded-id', contentMatches: true, record: { id: record.id, artifactType: 'IMAGE' } });
    expect(byId.data.result.record.licence.commercialUse).toBe(false);
    expect(byId.data.result.record.models.map((m: { name: string }) => m.name)).toEqual(['Tuned', 'Base NC']);

    const stripped = stripAllMetadataFromPng(file.bytes);
    expect(readXmpFromPng(stripped)).toBeNull();
    const byHash = await verify(stripped);
    expect(byHash.data.result).toMatchObject({ status: 'found', match: 'content-hash', record: { id: record.id } });

    const foreign = await verify(await sharp({ create: { width: 24, height: 24, channels: 3, background: '#123456' } }).png().toBuffer());
    expect(foreign.data.result.status).toBe('unknown');
    expect(foreign.data.result.record).toBeUndefined();
  });

  it('records the hash of the downloaded file, so an intact download matches by hash too', async () => {
    const { asset, record } = await recordedImage();
    const file = await download(asset.id, alice.token);
    const files = await db.provenanceFile.findMany({ where: { recordId: record.id }, select: { variant: true, sha256: true } });
    expect(files.map((f) => f.variant).sort()).toEqual(['download', 'stored']);
    const { createHash } = await import('node:crypto');
    expect(files.find((f) => f.variant === 'download')!.sha256).toBe(createHash('sha256').update(file.bytes).digest('hex'));
    expect(files.find((f) => f.variant === 'stored')!.sha256).toBe(asset.sha256);
    // A second download serves the same bytes.
    expect((await download(asset.id, alice.token)).bytes.equals(file.bytes)).toBe(true);
  });

  it('a foreign file claiming an id we never issued is unknown; our file with a forged id is still found by its content; a re-encoded copy says its content differs', async () => {
    const { embedXmpInPng } = await import('@/lib/provenance/png-xmp');
    const { buildXmp } = await import('@/lib/provenance/xmp');
    const { asset, record } = await recordedImage();
    const file = await download(asset.id, alice.token);
    const claim = (id: string) => buildXmp({ provenanceId: id, verifyUrl: 'https://elsewhere.example/verify', description: 'x', usageTerms: 'y' });

    const foreign = embedXmpInPng(await uniquePng(99), claim('cmforged000000'));
    expect((await verify(foreign)).data.result).toMatchObject({ status: 'unknown', claimedProvenanceId: 'cmforged000000' });

    const ourWithForgedId = embedXmpInPng(file.bytes, claim('cmforged000000'));
    expect((await verify(ourWithForgedId)).data.result).toMatchObject({ status: 'found', match: 'content-hash', record: { id: record.id } });

    const reencoded = embedXmpInPng(await sharp(file.bytes).png({ compressionLevel: 1 }).toBuffer(), readXmpFromPng(file.bytes)!);
    expect((await verify(reencoded)).data.result).toMatchObject({ status: 'found', match: 'embedded-id', contentMatches: false, record: { id: record.id } });
  });

  it('MP4 and WebM downloads carry the record in container metadata (ffprobe) and verify', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'prov-it-'));
    for (const [format, codec, mime] of [['mp4', 'libx264', 'video/mp4'], ['webm', 'libvpx-vp9', 'video/webm']] as const) {
      const out = path.join(dir, `v.${format}`);
      execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', `testsrc=size=32x32:rate=4:decimals=${Date.now() % 3}`, '-t', '1', '-pix_fmt', 'yuv420p', '-c:v', codec, out]);
      const asset = await storeAsset(readFileSync(out), mime, { userId: alice.id });
      const record = await recordProvenance({ artifactType: 'VIDEO', artifactId: `video-${asset.id}`, asset, modelId: tunedModelId, userId: alice.id });
      const file = await download(asset.id, alice.token);
      expect(file.status).toBe(200);
      const tags = (await readVideoTags(file.bytes))!;
      expect(tags).toMatchObject({ provenance_id: record.id, digital_source_type: DIGITAL_SOURCE_TYPE });
      expect(tags.comment).toContain(record.id);
      const res = await verify(file.bytes, `v.${format}`);
      expect(res.data.result).toMatchObject({ status: 'found', match: 'embedded-id', contentMatches: true, record: { id: record.id } });
      // The original (as stored, no tags) is found by hash.
      expect((await verify(readFileSync(out), `v.${format}`)).data.result).toMatchObject({ status: 'found', match: 'content-hash' });
    }
  });
});

describe('provenance is authorised like its artifact', () => {
  it('the owner reads the record and downloads; another user and anonymous get 404', async () => {
    const { asset, record } = await recordedImage();
    const mine = await api(`/api/v1/provenance/${record.id}`, { token: alice.token });
    expect(mine.status).toBe(200);
    expect(mine.data.provenance).toMatchObject({
      id: record.id,
      artifact: { type: 'IMAGE', id: asset.id },
      model: { id: tunedModelId, checkpointSha256: 'c'.repeat(64) },
      datasetManifestHash: 'f'.repeat(64),
      inputs: { seed: 42, psi: 0.7, noiseMode: 'CONST' },
      licence: { commercialUse: false, attributions: ['Alice Tuner', 'Base model authors'] },
      user: { id: alice.id },
    });
    expect(mine.data.provenance.softwareVersion).toMatch(/^latent-atelier\//);
    expect(mine.data.provenance.baseModelChain.map((l: { name: string }) => l.name)).toEqual(['Tuned', 'Base NC']);
    expect((await api(`/api/v1/provenance/${record.id}`, { token: bob.token })).status).toBe(404);
    expect((await api(`/api/v1/provenance/${record.id}`)).status).toBe(404);
    expect((await download(asset.id, bob.token)).status).toBe(404);
    expect((await api('/api/v1/provenance/does-not-exist', { token: alice.token })).status).toBe(404);
  });

  it('the provenance page shows the panel with the attribution next to the download link, only to those who may see it', async () => {
    const { asset, record } = await recordedImage();
    const page = await api(`/provenance/${record.id}`, { cookie: await sessionCookie(alice.email) });
    expect(page.status).toBe(200);
    const html = String(page.data);
    expect(html).toContain('How was this made?');
    expect(html).toContain(`/api/v1/assets/${asset.id}/download`);
    expect(html).toContain('Credit: Alice Tuner; Base model authors.');
    expect(html).toContain('Tuned');
    expect((await api(`/provenance/${record.id}`, { cookie: await sessionCookie(bob.email) })).status).toBe(404);
  });

  it('a public latent makes its record readable by others until an admin hides it', async () => {
    const latent = await db.latent.create({ data: { name: 'Public face', modelId: tunedModelId, ownerId: alice.id, visibility: 'PUBLIC' }, select: { id: true } });
    const record = await recordProvenance({ artifactType: 'LATENT', artifactId: latent.id, modelId: tunedModelId, userId: alice.id, inputs: { seed: 7 } });
    expect((await api(`/api/v1/provenance/${record.id}`, { token: bob.token })).status).toBe(200);
    await db.latent.update({ where: { id: latent.id }, data: { hidden: true } });
    expect((await api(`/api/v1/provenance/${record.id}`, { token: bob.token })).status).toBe(404);
    expect((await api(`/api/v1/provenance/${record.id}`, { token: alice.token })).status).toBe(200);
  });

  it('a fork records its own provenance, with the source as parent and the same model chain', async () => {
    const src = await db.latent.create({ data: { name: 'Forkable', modelId: tunedModelId, ownerId: alice.id, visibility: 'PUBLIC', seed: 5, psi: 0.5 }, select: { id: true } });
    const res = await api('/api/v1/forks', { method: 'POST', token: bob.token, json: { type: 'latent', id: src.id } });
    expect(res.status, JSON.stringify(res.data)).toBe(201);
    const forkId = res.data.latent.id as string;
    const record = await db.provenanceRecord.findFirstOrThrow({ where: { artifactType: 'LATENT', artifactId: forkId }, select: { id: true } });
    const view = await api(`/api/v1/provenance/${record.id}`, { token: bob.token });
    expect(view.data.provenance).toMatchObject({ parents: [src.id], user: { id: bob.id }, inputs: { seed: 5, psi: 0.5 }, model: { id: tunedModelId } });
    expect(view.data.provenance.licence.commercialUse).toBe(false);
  });

  it('GET /licences/effective gives the inherited terms of a model the user may see', async () => {
    const res = await api(`/api/v1/licences/effective?modelId=${tunedModelId}`, { token: alice.token });
    expect(res.status).toBe(200);
    expect(res.data.licence).toMatchObject({ commercialUse: false, shareAlike: false, licences: ['CC-BY-4.0', 'CC0-1.0', 'LicenseRef-Test-NC'] });
    expect(res.data.chain.map((l: { name: string }) => l.name)).toEqual(['Tuned', 'Base NC']);
    expect(res.data.attribution).toMatch(/^Credit: Alice Tuner; Base model authors\./);
    expect((await api(`/api/v1/licences/effective?modelId=${tunedModelId}`, { token: bob.token })).status).toBe(404);
    // Nothing made with this chain may be marked for commercial use; a CC0-only chain may.
    const { assertCommercialUseAllowed } = await import('@/lib/licensing/commercial-use');
    await expect(assertCommercialUseAllowed(tunedModelId)).rejects.toMatchObject({ status: 400, message: expect.stringMatching(/non-commercial/) });
    const cc0 = await db.license.findFirstOrThrow({ where: { spdxId: 'CC0-1.0', commercialUse: true }, select: { id: true } });
    const free = await db.model.create({ data: { name: 'Free', config: {}, ownerId: alice.id, licenseId: cc0.id }, select: { id: true } });
    await expect(assertCommercialUseAllowed(free.id)).resolves.toMatchObject({ commercialUse: true });
  });

  it('rejects a verify request without a file', async () => {
    const res = await api('/api/v1/verify', { method: 'POST', body: new FormData() });
    expect(res.status).toBe(400);
  });
});
