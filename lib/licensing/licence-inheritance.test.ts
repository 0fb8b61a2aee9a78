// Licence inheritance through a real fine-tune: a base model imported under a non-commercial
// licence (reviewed by an administrator before it may be trained on) is tuned on a CC0 dataset
// on the training worker; the tuned model, its checkpoints and everything generated with it
// are non-commercial, and marking such an output for commercial use is refused.
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { api, createUser, promoteToAdmin, type TestUser } from '@/lib/testing/http';
import { importFixtureModel, waitForJob } from '@/lib/testing/models';
import { createFixtureModel, licensedFaceDataset, TINY } from '@/lib/training/test-helpers';

let alice: TestUser;
let admin: TestUser;

beforeAll(async () => {
  [alice, admin] = await Promise.all([createUser('nc-tuner'), createUser('nc-reviewer')]);
  await promoteToAdmin(admin.id);
});

const markCommercial = (token: string, type: string, id: string, commercialUse = true) =>
  api('/api/v1/licences/commercial-use', { method: 'PUT', token, json: { type, id, commercialUse } });

describe('licence inheritance through a fine-tune', () => {
  it('non-commercial base → reviewed → fine-tuned on CC0: the tuned model and its images are non-commercial; marking them commercial is refused', async () => {
    const base = await importFixtureModel(alice.token, { name: 'NC base', license: 'CC-BY-NC-4.0' });
    const datasetId = await licensedFaceDataset(alice, 4);
    const body = { datasetId, baseModelId: base.id, options: { ...TINY, kimg: 0.004 } };

    // The import waits for licence review: no training on it yet.
    const blocked = await api('/api/v1/training-runs', { method: 'POST', token: alice.token, json: body });
    expect(blocked.status).toBe(403);
    expect(blocked.data.error.message).toMatch(/"NC base" is waiting for licence review/);
    expect((await api(`/api/v1/admin/reviews/model/${base.id}`, { method: 'POST', token: admin.token, json: { decision: 'APPROVED' } })).status).toBe(200);

    const started = await api('/api/v1/training-runs', { method: 'POST', token: alice.token, json: body });
    expect(started.status, JSON.stringify(started.data)).toBe(202);
    const job = await waitForJob(alice.token, started.data.run.jobId, 240_000);
    expect(job.state, job.error).toBe('COMPLETED');
    const run = (await api(`/api/v1/training-runs/${started.data.run.id}`, { token: alice.token })).data.run;
    const tunedId = run.resultModel.id as string;
    expect(run.resultModel.license).toMatchObject({ commercialUse: false });

    const effective = await api(`/api/v1/licences/effective?modelId=${tunedId}`, { token: alice.token });
    expect(effective.data.licence).toMatchObject({ commercialUse: false });
    expect(effective.data.licence.licences).toEqual(expect.arrayContaining(['CC-BY-NC-4.0', 'CC0-1.0']));
    expect(effective.data.chain.map((l: { modelId: string }) => l.modelId)).toEqual([tunedId, base.id]);

    // The run's checkpoint and its sample grid carry the inherited terms.
    const checkpointId = run.checkpoints.at(-1).id as string;
    const cpRecord = await db.provenanceRecord.findFirstOrThrow({ where: { artifactType: 'CHECKPOINT', artifactId: checkpointId }, select: { license: true } });
    expect(cpRecord.license).toMatchObject({ commercialUse: false });
    const gridAssetId = new URL(run.sampleGridUrl, 'http://x').searchParams.get('v')!;
    const gridRecord = await db.provenanceRecord.findFirstOrThrow({ where: { artifactType: 'IMAGE', artifactId: gridAssetId }, select: { license: true, parentIds: true } });
    expect(gridRecord).toMatchObject({ license: { commercialUse: false }, parentIds: [checkpointId] });

    // An image generated with the tuned model: its record and download say non-commercial.
    const gen = await api('/api/v1/generate', { method: 'POST', token: alice.token, json: { modelId: tunedId, seeds: [3], psi: 0.8 } });
    expect(gen.status).toBe(202);
    const genJob = await waitForJob(alice.token, gen.data.job.id, 120_000);
    expect(genJob.state, genJob.error).toBe('COMPLETED');
    const download = await fetch(`${process.env.ATELIER_BASE_URL}/api/v1/assets/${genJob.result.images[0].assetId}/download`, { headers: { authorization: `Bearer ${alice.token}` } });
    expect(download.headers.get('x-attribution')).toMatch(/non-commercial use only/);
    const record = (await api(`/api/v1/provenance/${download.headers.get('x-provenance-id')}`, { token: alice.token })).data.provenance;
    expect(record).toMatchObject({ licence: { commercialUse: false }, inputs: { seed: 3, psi: 0.8 }, model: { id: tunedId } });
    expect(record.baseModelChain.map((l: { name: string }) => l.name)).toEqual([run.resultModel.name, 'NC base']);

    // Outputs of the tuned model cannot be marked for commercial use; of a commercial model they can.
    const latent = await api('/api/v1/latents', { method: 'POST', token: alice.token, json: { name: 'Tuned face', modelId: tunedId, seed: 3, psi: 0.8 } });
    expect(latent.status).toBe(201);
    const refused = await markCommercial(alice.token, 'latent', latent.data.latent.id);
    expect(refused.status).toBe(400);
    expect(refused.data.error.message).toMatch(/cannot be marked for commercial use: its model chain is non-commercial/);
    expect((await db.latent.findUniqueOrThrow({ where: { id: latent.data.latent.id }, select: { commercialUse: true } })).commercialUse).toBe(false);
    expect((await markCommercial(alice.token, 'latent', latent.data.latent.id, false)).status).toBe(200);

    const commercialBase = await createFixtureModel(alice.id, 'CC-BY base');
    const free = await api('/api/v1/latents', { method: 'POST', token: alice.token, json: { name: 'Free face', modelId: commercialBase.id, seed: 3 } });
    const allowed = await markCommercial(alice.token, 'latent', free.data.latent.id);
    expect(allowed.status, JSON.stringify(allowed.data)).toBe(200);
    expect(allowed.data.item).toMatchObject({ commercialUse: true, licence: { commercialUse: true } });
    const stranger = await createUser('nc-stranger');
    expect((await markCommercial(stranger.token, 'latent', free.data.latent.id)).status).toBe(404);
    const badType = await api('/api/v1/licences/commercial-use', { method: 'PUT', token: alice.token, json: { type: 'dataset', id: free.data.latent.id, commercialUse: false } });
    expect(badType.status).toBe(400);
    const notBool = await api('/api/v1/licences/commercial-use', { method: 'PUT', token: alice.token, json: { type: 'latent', id: free.data.latent.id, commercialUse: 'no' } });
    expect(notBool.status).toBe(400);
    expect((await api(`/api/v1/latents/${free.data.latent.id}`, { token: alice.token })).data.latent.commercialUse).toBe(true); // nothing written
  }, 420_000);
});
