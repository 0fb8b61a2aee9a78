// Moderation, licence review, usage and user administration through the API, each admin
// action landing in the audit log.
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { assertDatasetReviewed, assertModelReviewed } from '@/lib/licensing/review';
import { api, createUser, promoteToAdmin, type TestUser } from '@/lib/testing/http';

let admin: TestUser;
let alice: TestUser;
let bob: TestUser;
let modelId: string;

beforeAll(async () => {
  [admin, alice, bob] = await Promise.all([createUser('modboss'), createUser('modalice'), createUser('modbob')]);
  await promoteToAdmin(admin.id);
  modelId = (await db.model.create({ data: { name: 'Mod model', config: {}, ownerId: alice.id, visibility: 'PUBLIC' }, select: { id: true } })).id;
});

async function auditActions(targetId: string) {
  // The administrator's actions (the log also holds the target's own sign-ins).
  const res = await api(`/api/v1/admin/audit-log?perPage=200&actor=${encodeURIComponent(admin.email)}`, { token: admin.token });
  return res.data.entries.filter((e: { targetId: string }) => e.targetId === targetId).map((e: { action: string }) => e.action);
}

describe('reports and moderation', () => {
  it('anyone signed in reports a public item; an admin hides it (resolving the report) and restores it', async () => {
    const latent = await db.latent.create({ data: { name: 'Reported face', modelId, ownerId: alice.id, visibility: 'PUBLIC' }, select: { id: true } });
    const body = { targetType: 'LATENT', targetId: latent.id, reason: 'Looks like a real person' };
    expect((await api('/api/v1/reports', { method: 'POST', json: body })).status).toBe(401);
    const first = await api('/api/v1/reports', { method: 'POST', token: bob.token, json: body });
    expect(first.status).toBe(201);
    const repeat = await api('/api/v1/reports', { method: 'POST', token: bob.token, json: body });
    expect(repeat.status).toBe(200);
    expect(repeat.data).toMatchObject({ duplicate: true, report: { id: first.data.report.id } });

    const open = await api('/api/v1/admin/reports', { token: admin.token });
    const listed = open.data.reports.find((r: { id: string }) => r.id === first.data.report.id);
    expect(listed).toMatchObject({ targetType: 'LATENT', targetId: latent.id, reason: body.reason, reporter: { id: bob.id }, target: { name: 'Reported face', hidden: false } });

    const hide = await api(`/api/v1/admin/reports/${first.data.report.id}`, { method: 'POST', token: admin.token, json: { action: 'hide', note: 'confirmed' } });
    expect(hide.status).toBe(200);
    expect(hide.data.report).toMatchObject({ resolved: true, resolution: 'hidden: confirmed' });
    expect((await db.latent.findUniqueOrThrow({ where: { id: latent.id } })).hidden).toBe(true);
    // A hidden item can no longer be reported by others (it is gone for them).
    expect((await api('/api/v1/reports', { method: 'POST', token: bob.token, json: body })).status).toBe(404);
    // Resolving twice is refused.
    expect((await api(`/api/v1/admin/reports/${first.data.report.id}`, { method: 'POST', token: admin.token, json: { action: 'dismiss' } })).status).toBe(400);

    const restore = await api(`/api/v1/admin/moderation/latent/${latent.id}`, { method: 'PATCH', token: admin.token, json: { hidden: false } });
    expect(restore.status).toBe(200);
    expect(restore.data.item).toMatchObject({ type: 'LATENT', id: latent.id, hidden: false });
    expect(await auditActions(latent.id)).toEqual(['moderation.restore', 'moderation.hide']);
  });

  it('private items cannot be reported, bad input is a 400, and a dismissed report is audited', async () => {
    const priv = await db.latent.create({ data: { name: 'Private', modelId, ownerId: alice.id }, select: { id: true } });
    expect((await api('/api/v1/reports', { method: 'POST', token: bob.token, json: { targetType: 'LATENT', targetId: priv.id, reason: 'hmm hmm' } })).status).toBe(404);
    expect((await api('/api/v1/reports', { method: 'POST', token: bob.token, json: { targetType: 'USER', targetId: priv.id, reason: 'hmm hmm' } })).status).toBe(400);
    const report = await api('/api/v1/reports', { method: 'POST', token: bob.token, json: { targetType: 'MODEL', targetId: modelId, reason: 'Spam model' } });
    expect(report.status).toBe(201);
    const dismissed = await api(`/api/v1/admin/reports/${report.data.report.id}`, { method: 'POST', token: admin.token, json: { action: 'dismiss' } });
    expect(dismissed.data.report).toMatchObject({ resolved: true, resolution: 'dismissed' });
    expect(await auditActions(report.data.report.id)).toEqual(['moderation.dismiss']);
    expect((await db.model.findUniqueOrThrow({ where: { id: modelId } })).hidden).toBe(false);
  });
});

describe('licence review', () => {
  it('a pending dataset blocks training and public use until approved; a rejected model stays blocked', async () => {
    const dataset = await db.dataset.create({ data: { name: 'NC faces', ownerId: alice.id, resolution: 32, reviewStatus: 'PENDING' }, select: { id: true } });
    const imported = await db.model.create({ data: { name: 'Custom-licence import', config: {}, ownerId: alice.id, reviewStatus: 'PENDING' }, select: { id: true } });
    await expect(assertDatasetReviewed(dataset.id)).rejects.toMatchObject({ status: 403, message: expect.stringMatching(/waiting for licence review/) });

    const queue = await api('/api/v1/admin/reviews', { token: admin.token });
    expect(queue.data.datasets.map((d: { id: string }) => d.id)).toContain(dataset.id);
    expect(queue.data.models.map((m: { id: string }) => m.id)).toContain(imported.id);

    const ok = await api(`/api/v1/admin/reviews/dataset/${dataset.id}`, { method: 'POST', token: admin.token, json: { decision: 'APPROVED', note: 'rights checked' } });
    expect(ok.status).toBe(200);
    expect(ok.data.item.reviewStatus).toBe('APPROVED');
    await expect(assertDatasetReviewed(dataset.id)).resolves.toBeUndefined();

    const no = await api(`/api/v1/admin/reviews/model/${imported.id}`, { method: 'POST', token: admin.token, json: { decision: 'REJECTED' } });
    expect(no.data.item.reviewStatus).toBe('REJECTED');
    // A model fine-tuned from the rejected import inherits the block.
    const tuned = await db.model.create({ data: { name: 'Tuned on rejected', config: {}, ownerId: alice.id, baseModelId: imported.id }, select: { id: true } });
    await expect(assertModelReviewed(tuned.id)).rejects.toMatchObject({ status: 403, message: expect.stringMatching(/rejected/) });

    expect(await auditActions(dataset.id)).toEqual(['review.dataset.approved']);
    expect(await auditActions(imported.id)).toEqual(['review.model.rejected']);
    const notNeeded = await api(`/api/v1/admin/reviews/model/${modelId}`, { method: 'POST', token: admin.token, json: { decision: 'APPROVED' } });
    expect(notNeeded.status).toBe(400);
    expect((await api(`/api/v1/admin/reviews/widget/${modelId}`, { method: 'POST', token: admin.token, json: { decision: 'APPROVED' } })).status).toBe(400);
  });
});

describe('usage and users', () => {
  it('reports GPU-seconds, jobs and storage per day, per user and per team', async () => {
    await db.job.create({ data: { type: 'ping', payload: {}, userId: alice.id, state: 'COMPLETED', gpuSeconds: 12.5 } });
    await db.asset.create({ data: { storageKey: 'sha256/00/00/' + '0'.repeat(64), sha256: '0'.repeat(64), bytes: 4096, mime: 'image/png', ownerId: alice.id } });
    const res = await api('/api/v1/admin/usage?days=7', { token: admin.token });
    expect(res.status).toBe(200);
    expect(res.data.days).toHaveLength(7);
    expect(res.data.days.at(-1)).toBe(new Date().toISOString().slice(0, 10));
    const row = res.data.users.find((u: { id: string }) => u.id === alice.id);
    expect(row.period).toEqual({ gpuSeconds: 12.5, jobs: 1, storageBytes: 4096 });
    expect(row.daily.at(-1)).toMatchObject({ gpuSeconds: 12.5, jobs: 1, storageBytes: 4096 });
    expect(row.monthGpuSeconds).toBe(12.5);
    expect(res.data.totals.gpuSeconds).toBeGreaterThanOrEqual(12.5);
    expect((await api('/api/v1/admin/usage?days=0', { token: admin.token })).status).toBe(400);
  });

  it('promotes, demotes, disables and enables users, each in the audit log', async () => {
    const target = await createUser('modtarget');
    for (const body of [{ role: 'ADMIN' }, { role: 'USER' }, { disabled: true }, { disabled: false }]) {
      expect((await api(`/api/v1/admin/users/${target.id}`, { method: 'PATCH', token: admin.token, json: body })).status).toBe(200);
    }
    expect(await auditActions(target.id)).toEqual(['user.update', 'user.update', 'user.update', 'user.update']);
    expect((await api(`/api/v1/admin/users/${admin.id}`, { method: 'PATCH', token: admin.token, json: { disabled: true } })).status).toBe(400);
  });
});
