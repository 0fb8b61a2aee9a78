// Licence review of imported models, through the real import route: custom or non-commercial
// terms wait for an administrator before the model (or work made with it) is shared; an
// administrator's own import counts as reviewed. Every import records its provenance.
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { api, createUser, promoteToAdmin, type TestUser } from '@/lib/testing/http';
import { fixtureFiles, importFixtureModel, uploadModel, zipOf } from '@/lib/testing/models';

let bob: TestUser;
let carol: TestUser;
let admin: TestUser;

beforeAll(async () => {
  [bob, carol, admin] = await Promise.all([createUser('nc-importer'), createUser('nc-viewer'), createUser('nc-admin')]);
  await promoteToAdmin(admin.id);
});

const patch = (token: string, modelId: string, json: Record<string, unknown>) => api(`/api/v1/models/${modelId}`, { method: 'PATCH', token, json });

describe('licence review of model imports', () => {
  it('a non-commercial import waits for review: not shareable (import, PATCH, mixes) until an admin approves; rejecting hides it again', async () => {
    const before = await db.model.count({ where: { ownerId: bob.id } });
    const publicTry = await uploadModel(bob.token, zipOf(fixtureFiles()), { name: 'NC public', license: 'CC-BY-NC-4.0', visibility: 'PUBLIC' });
    expect(publicTry.status).toBe(403);
    expect(publicTry.data.error.message).toMatch(/licence review: import it as private/);
    expect(await db.model.count({ where: { ownerId: bob.id } })).toBe(before);

    const model = await importFixtureModel(bob.token, { name: 'NC private', license: 'CC-BY-NC-4.0' });
    const shown = (await api(`/api/v1/models/${model.id}`, { token: bob.token })).data.model;
    expect(shown).toMatchObject({ visibility: 'PRIVATE', reviewStatus: 'PENDING', license: { spdxId: 'CC-BY-NC-4.0', commercialUse: false } });

    // Provenance: the model (with its weights file) and its sample grid.
    const checkpoint = await db.checkpoint.findUniqueOrThrow({ where: { id: model.checkpoint.id }, select: { sha256: true, gEmaAssetId: true } });
    const modelRecord = await db.provenanceRecord.findFirstOrThrow({ where: { artifactType: 'MODEL', artifactId: model.id }, select: { userId: true, checkpointSha256: true, license: true, files: { select: { assetId: true, sha256: true, variant: true } } } });
    expect(modelRecord).toMatchObject({ userId: bob.id, checkpointSha256: checkpoint.sha256, license: { commercialUse: false, licences: ['CC-BY-NC-4.0'] } });
    expect(modelRecord.files).toEqual([{ assetId: checkpoint.gEmaAssetId, sha256: checkpoint.sha256, variant: 'stored' }]);
    const gridRecord = await db.provenanceRecord.findFirstOrThrow({ where: { artifactType: 'IMAGE', artifactId: shown.sampleGrid.assetId }, select: { inputs: true, modelId: true, jobId: true } });
    expect(gridRecord).toMatchObject({ modelId: model.id, inputs: { psi: 0.7, noiseMode: 'CONST', seeds: Array.from({ length: 16 }, (_, i) => i) } });
    expect(gridRecord.jobId).toBeTruthy();

    for (const visibility of ['PUBLIC', 'UNLISTED']) {
      const res = await patch(bob.token, model.id, { visibility });
      expect(res.status, visibility).toBe(403);
      expect(res.data.error.message).toMatch(/waiting for licence review/);
    }
    const mix = await api('/api/v1/mixes', {
      method: 'POST',
      token: bob.token,
      json: { name: 'Public mix', modelId: model.id, visibility: 'PUBLIC', sources: [{ seed: 1, psi: 0.7, layers: ['coarse'] }, { seed: 2, psi: 0.7, layers: ['middle'] }] },
    });
    expect(mix.status).toBe(403);
    expect((await patch(carol.token, model.id, { name: 'Mine now' })).status).toBe(404);
    for (const bad of [{}, { name: '' }, { visibility: 'SECRET' }]) expect((await patch(bob.token, model.id, bad)).status, JSON.stringify(bad)).toBe(400);
    expect((await patch(bob.token, model.id, { name: 'NC renamed' })).data.model.name).toBe('NC renamed');

    const queue = await api('/api/v1/admin/reviews', { token: admin.token });
    expect(queue.data.models.map((m: { id: string }) => m.id)).toContain(model.id);
    const approved = await api(`/api/v1/admin/reviews/model/${model.id}`, { method: 'POST', token: admin.token, json: { decision: 'APPROVED', note: 'NC terms noted' } });
    expect(approved.status).toBe(200);

    const published = await patch(bob.token, model.id, { visibility: 'PUBLIC' });
    expect(published.status, JSON.stringify(published.data)).toBe(200);
    expect(published.data.model).toMatchObject({ visibility: 'PUBLIC', reviewStatus: 'APPROVED' });
    expect((await api('/api/v1/models', { token: carol.token })).data.models.map((m: { id: string }) => m.id)).toContain(model.id);
    expect((await patch(carol.token, model.id, { visibility: 'PRIVATE' })).status).toBe(403);

    // An administrator can withdraw the approval: the public model disappears for others.
    await api(`/api/v1/admin/reviews/model/${model.id}`, { method: 'POST', token: admin.token, json: { decision: 'REJECTED' } });
    expect((await api(`/api/v1/models/${model.id}`, { token: carol.token })).status).toBe(404);
    expect((await api('/api/v1/models', { token: carol.token })).data.models.map((m: { id: string }) => m.id)).not.toContain(model.id);
    expect((await api(`/api/v1/models/${model.id}`, { token: bob.token })).data.model.reviewStatus).toBe('REJECTED');
  }, 180_000);

  it("an administrator's own non-commercial import is approved at once (and audited); standard commercial terms need no review", async () => {
    const res = await uploadModel(admin.token, zipOf(fixtureFiles()), { name: 'NVIDIA NC by admin', license: 'LicenseRef-NVIDIA-Source-Code-License-NC', visibility: 'PUBLIC' });
    expect(res.status, JSON.stringify(res.data)).toBe(201);
    const row = await db.model.findUniqueOrThrow({ where: { id: res.data.model.id }, select: { reviewStatus: true, visibility: true } });
    expect(row).toEqual({ reviewStatus: 'APPROVED', visibility: 'PUBLIC' });
    const audit = await db.auditLog.findMany({ where: { targetId: res.data.model.id, action: { startsWith: 'review.' } }, select: { action: true, actorId: true } });
    expect(audit).toEqual([{ action: 'review.model.approved', actorId: admin.id }]);
    expect((await api(`/api/v1/models/${res.data.model.id}`, { token: carol.token })).status).toBe(200);

    const free = await uploadModel(bob.token, zipOf(fixtureFiles()), { name: 'CC0 public', license: 'CC0-1.0', visibility: 'PUBLIC' });
    expect(free.status).toBe(201);
    expect((await db.model.findUniqueOrThrow({ where: { id: free.data.model.id }, select: { reviewStatus: true } })).reviewStatus).toBe('NOT_REQUIRED');
  });
});
