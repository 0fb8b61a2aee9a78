import http from 'node:http';
import { describe, expect, it } from 'vitest';
import { api, baseUrl, createUser, type TestUser } from '@/lib/testing/http';
import { asJpeg, asWebp, faces, tinyPng, truncated, withDeclaredSize, zipOf } from '@/lib/datasets/test-data';

function form(files: { name: string; data: Buffer }[]) {
  const f = new FormData();
  for (const file of files) f.append('file', new Blob([new Uint8Array(file.data)]), file.name);
  return f;
}

async function newDataset(user: TestUser, extra: Record<string, unknown> = {}) {
  const res = await api('/api/v1/datasets', { method: 'POST', token: user.token, json: { name: 'Faces', resolution: 32, ...extra } });
  expect(res.status).toBe(201);
  return res.data.dataset as { id: string; resolution: number };
}

const upload = (user: TestUser, id: string, body: FormData | Buffer, headers: Record<string, string> = {}) =>
  api(`/api/v1/datasets/${id}/uploads`, { method: 'POST', token: user.token, body: body instanceof Buffer ? new Uint8Array(body) : (body as FormData), headers });

describe('datasets: upload, validate, preprocess, licence', () => {
  it('accepts good images from files and zips and reports every skipped file with its reason', async () => {
    const user = await createUser('ds');
    const ds = await newDataset(user);
    const f = await faces(6, 64, 7);
    const res = await upload(
      user,
      ds.id,
      form([
        { name: 'a.png', data: f[0] },
        { name: 'b.jpg', data: await asJpeg(f[1]) },
        { name: 'c.webp', data: await asWebp(f[2]) },
        { name: 'broken.png', data: truncated(f[3]) },
        { name: 'notes.txt', data: Buffer.from('these are my notes') },
        { name: 'tiny.png', data: await tinyPng(8) },
        { name: 'a-copy.png', data: f[0] },
        { name: 'more.zip', data: withDeclaredSize(zipOf({ 'x/d.png': f[4], 'x/e.png': f[5], 'x/liar.png': new Uint8Array(5000) }), 'x/liar.png', 100) },
      ]),
    );
    expect(res.status).toBe(201);
    const report = res.data.upload;
    const byName = Object.fromEntries(report.files.map((x: { name: string }) => [x.name, x]));
    expect(report.accepted).toBe(5);
    expect(report.skipped).toBe(5);
    for (const name of ['a.png', 'b.jpg', 'c.webp', 'more.zip:x/d.png', 'more.zip:x/e.png']) expect(byName[name].status).toBe('accepted');
    expect(byName['broken.png']).toMatchObject({ status: 'skipped', code: 'corrupt' });
    expect(byName['notes.txt']).toMatchObject({ status: 'skipped', code: 'not_an_image' });
    expect(byName['tiny.png']).toMatchObject({ status: 'skipped', code: 'too_small' });
    expect(byName['a-copy.png']).toMatchObject({ status: 'skipped', code: 'duplicate' });
    expect(byName['a-copy.png'].reason).toMatch(/a\.png/);
    expect(byName['more.zip:x/liar.png']).toMatchObject({ status: 'skipped', code: 'size_mismatch' });

    const got = await api(`/api/v1/datasets/${ds.id}`, { token: user.token });
    expect(got.status).toBe(200);
    expect(got.data.dataset.imageCount).toBe(5);
    expect(got.data.manifest.images).toHaveLength(5);
    expect([...got.data.manifest.images].sort()).toEqual(got.data.manifest.images);
    expect(got.data.manifest.hash).toBe(got.data.dataset.manifestHash);
    expect(got.data.uploads[0].report.files).toHaveLength(10);
    expect(got.data.dataset.usable).toEqual({ ok: false, reason: expect.stringMatching(/licence/) });

    const preview = await fetch(`${baseUrl()}/api/v1/datasets/${ds.id}/preview`, { headers: { authorization: `Bearer ${user.token}` } });
    expect(preview.status).toBe(200);
    expect(preview.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await preview.arrayBuffer()).subarray(1, 4).toString()).toBe('PNG');

    // The same files again: nothing new, the version (manifest hash) is unchanged.
    const again = await upload(user, ds.id, zipOf({ 'a.png': f[0], 'd.png': f[4] }), { 'content-type': 'application/zip' });
    expect(again.status).toBe(201);
    expect(again.data.upload.accepted).toBe(0);
    expect(again.data.upload.files.map((x: { code: string }) => x.code)).toEqual(['duplicate', 'duplicate']);
    const after = await api(`/api/v1/datasets/${ds.id}`, { token: user.token });
    expect(after.data.dataset.manifestHash).toBe(got.data.dataset.manifestHash);

    // Someone else sees nothing.
    const bob = await createUser('bob');
    expect((await api(`/api/v1/datasets/${ds.id}`, { token: bob.token })).status).toBe(404);
    expect((await upload(bob, ds.id, form([{ name: 'x.png', data: f[5] }]))).status).toBe(404);
    expect((await api('/api/v1/datasets', { token: bob.token })).data.datasets).toEqual([]);
  });

  it('rejects path traversal, nested archives and zip bombs without importing anything', async () => {
    const user = await createUser('evil');
    const ds = await newDataset(user);
    const [good] = await faces(1, 64, 9);
    const zipHeaders = { 'content-type': 'application/zip' };

    const traversal = await upload(user, ds.id, zipOf({ 'good.png': good, '../../etc/evil.png': good }), zipHeaders);
    expect(traversal.status).toBe(400);
    expect(traversal.data.error.message).toMatch(/escapes|traversal/);

    const nested = await upload(user, ds.id, zipOf({ 'good.png': good, 'inner.zip': zipOf({ 'x.png': good }) }), zipHeaders);
    expect(nested.status).toBe(400);
    expect(nested.data.error.message).toMatch(/nested/);

    // Declares 2 × 3 GB when unpacked: refused from the central directory alone.
    const bomb = withDeclaredSize(withDeclaredSize(zipOf({ 'a.bin': new Uint8Array(1000), 'b.bin': new Uint8Array(1000) }), 'a.bin', 3_000_000_000), 'b.bin', 3_000_000_000);
    const bombRes = await upload(user, ds.id, bomb, zipHeaders);
    expect(bombRes.status).toBe(413);
    expect(bombRes.data.error).toMatchObject({ code: 'payload_too_large', message: expect.stringMatching(/zip bomb/) });

    const got = await api(`/api/v1/datasets/${ds.id}`, { token: user.token });
    expect(got.data.dataset.imageCount).toBe(0);
    expect(got.data.uploads).toEqual([]);
  });

  it('answers 413 to an upload declared larger than the limit', async () => {
    const user = await createUser('big');
    const ds = await newDataset(user);
    const url = new URL(`${baseUrl()}/api/v1/datasets/${ds.id}/uploads`);
    const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request(
        { method: 'POST', hostname: url.hostname, port: url.port, path: url.pathname, headers: { authorization: `Bearer ${user.token}`, 'content-type': 'application/zip', 'content-length': String(5 * 1024 ** 3) } },
        (res) => {
          let text = '';
          res.on('data', (c) => (text += c));
          res.on('end', () => {
            resolve({ status: res.statusCode ?? 0, body: text });
            req.destroy();
          });
        },
      );
      req.on('error', (err) => (err.message.includes('socket hang up') ? undefined : reject(err)));
      req.write(Buffer.alloc(64 * 1024));
    });
    expect(status).toBe(413);
    expect(JSON.parse(body).error.code).toBe('payload_too_large');
  });

  it('requires a licence declaration, flags custom and non-commercial terms for review', async () => {
    const user = await createUser('lic');
    const ds = await newDataset(user);
    const put = (json: unknown) => api(`/api/v1/datasets/${ds.id}/licence`, { method: 'PUT', token: user.token, json });

    const noRights = await put({ spdxId: 'CC0-1.0', commercialUse: true });
    expect(noRights.status).toBe(400);
    expect(noRights.data.error.message).toMatch(/Rights statement: Confirm that you hold the rights/);
    expect((await put({ spdxId: 'CC-BY-NC-4.0', commercialUse: true, attribution: 'Ada', rightsStatement: true })).status).toBe(400);
    expect((await put({ spdxId: 'CC0-1.0', customText: 'both is not allowed at all here', commercialUse: true, rightsStatement: true })).status).toBe(400);

    const cc0 = await put({ spdxId: 'CC0-1.0', commercialUse: true, rightsStatement: true });
    expect(cc0.status).toBe(200);
    expect(cc0.data.dataset).toMatchObject({ rightsDeclared: true, reviewStatus: 'NOT_REQUIRED', license: { spdxId: 'CC0-1.0', commercialUse: true } });

    const nc = await put({ spdxId: 'CC-BY-NC-4.0', commercialUse: false, attribution: 'Photos by Ada', rightsStatement: true });
    expect(nc.data.dataset).toMatchObject({ reviewStatus: 'PENDING', license: { spdxId: 'CC-BY-NC-4.0', attribution: 'Photos by Ada' } });

    const custom = await put({ customText: 'Use for research on our own team only, no redistribution.', commercialUse: true, rightsStatement: true });
    expect(custom.data.dataset).toMatchObject({ reviewStatus: 'PENDING', license: { spdxId: null, customText: expect.stringMatching(/research/) } });
  });

  it('keeps team datasets visible to the team and nobody else', async () => {
    const owner = await createUser('teamowner');
    const mate = await createUser('mate');
    const outsider = await createUser('outsider');
    const team = await api('/api/v1/teams', { method: 'POST', token: owner.token, json: { name: 'Studio Team' } });
    await api(`/api/v1/teams/${team.data.team.id}/members`, { method: 'POST', token: owner.token, json: { email: mate.email } });
    const ds = await newDataset(owner, { workspace: team.data.team.id, name: 'Team faces' });
    const list = await api(`/api/v1/datasets?workspace=${team.data.team.id}`, { token: mate.token });
    expect(list.data.datasets.map((d: { id: string }) => d.id)).toEqual([ds.id]);
    expect((await api(`/api/v1/datasets/${ds.id}`, { token: mate.token })).status).toBe(200);
    expect((await api(`/api/v1/datasets/${ds.id}`, { token: outsider.token })).status).toBe(404);
    expect((await api(`/api/v1/datasets?workspace=${team.data.team.id}`, { token: outsider.token })).status).toBe(404);
    expect((await api('/api/v1/datasets', { token: owner.token })).data.datasets).toEqual([]); // personal workspace is separate
  });
});
