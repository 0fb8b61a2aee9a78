// Test material for fine-tunes: the shared 32 px parity fixture recorded as a model the way
// the model registry records an import (Model + Checkpoint with G/D assets), and a small
// licensed dataset of procedural faces uploaded through the real API.
import fs from 'node:fs';
import path from 'node:path';
import { db } from '@/lib/db';
import { storeAsset } from '@/lib/assets/store-asset';
import { sha256Hex } from '@/lib/storage/storage';
import { faces } from '@/lib/datasets/test-data';
import { api, type TestUser } from '@/lib/testing/http';

export const FIXTURE_DIR = path.resolve(process.cwd(), '../shared/fixtures/stylegan2-ada-32');

export async function createFixtureModel(userId: string, name = 'Fixture 32px') {
  const read = (f: string) => fs.readFileSync(path.join(FIXTURE_DIR, f));
  const g = await storeAsset(read('G.safetensors'), 'application/octet-stream', { userId });
  const d = await storeAsset(read('D.safetensors'), 'application/octet-stream', { userId });
  const license = await db.license.create({ data: { spdxId: 'CC-BY-4.0', name: 'Creative Commons Attribution 4.0', commercialUse: true, attribution: 'Fixture authors' } });
  return db.model.create({
    data: {
      name,
      ownerId: userId,
      config: JSON.parse(read('config.json').toString('utf8')),
      licenseId: license.id,
      checkpoints: { create: { label: 'G (import)', gEmaAssetId: g.id, gAssetId: g.id, dAssetId: d.id, sha256: sha256Hex(read('G.safetensors')) } },
    },
    select: { id: true, name: true },
  });
}

/** A 32 px dataset of `count` faces with a CC0 declaration, through the API. */
export async function licensedFaceDataset(user: TestUser, count = 8, extra: Record<string, unknown> = {}) {
  const created = await api('/api/v1/datasets', { method: 'POST', token: user.token, json: { name: 'Tiny faces', resolution: 32, ...extra } });
  if (created.status !== 201) throw new Error(`dataset: ${created.status} ${JSON.stringify(created.data)}`);
  const id = created.data.dataset.id as string;
  const form = new FormData();
  (await faces(count, 32, 3)).forEach((png, i) => form.append('file', new Blob([new Uint8Array(png)]), `face-${i}.png`));
  const up = await api(`/api/v1/datasets/${id}/uploads`, { method: 'POST', token: user.token, body: form });
  if (up.status !== 201 || up.data.upload.accepted !== count) throw new Error(`upload: ${up.status} ${JSON.stringify(up.data)}`);
  const lic = await api(`/api/v1/datasets/${id}/licence`, { method: 'PUT', token: user.token, json: { spdxId: 'CC0-1.0', commercialUse: true, rightsStatement: true } });
  if (lic.status !== 200) throw new Error(`licence: ${lic.status} ${JSON.stringify(lic.data)}`);
  return id;
}

/** A few steps at 32 px: batch 4, one tick per step, a snapshot every tick. */
export const TINY = { batch: 4, tick: 0.004, snap: 1, gridCols: 2, gridRows: 2 } as const;
