// The default public model of an installation, from a folder in the official export layout
// (models/default/: config.json, G_ema/G/D safetensors, optional model.json with
// {name, description, license, kimg}), owned by the administrator. Run by the seed on every
// `npm run up`: the first run imports it; a later run whose folder holds new weights adds them
// as the model's newest checkpoint (older latents, mixes and videos keep the weights they
// name), or imports a new model when the architecture changed; unchanged weights do nothing.
import fs from 'node:fs';
import path from 'node:path';
import { db } from '@/lib/db';
import { BUNDLED_CHECKPOINT_LABEL } from '@/lib/demo/bundled-model';
import { sha256Hex } from '@/lib/storage/storage';
import { createModelFromFiles } from '@/lib/models/import-model';
import { addCheckpointFromFiles, sameArchitecture } from '@/lib/models/add-checkpoint';
import { ensureStandardLicence } from '@/lib/models/licenses';
import type { ModelFiles } from '@/lib/models/validate-export';

export type DefaultModelSource = { dir: string; name: string; license: string; description: string };

export type InstallResult =
  | { status: 'missing'; reason: string }
  | { status: 'unchanged' | 'imported' | 'updated'; modelId: string; checkpointId: string; name: string; previousModelId?: string };

type ModelMeta = { name: string; description: string; license: string; kimg?: number };

function readFolder(source: DefaultModelSource): { files: ModelFiles; meta: ModelMeta } | null {
  const read = (f: string) => (fs.existsSync(path.join(source.dir, f)) ? new Uint8Array(fs.readFileSync(path.join(source.dir, f))) : undefined);
  const config = read('config.json');
  if (!config) return null;
  const files: ModelFiles = { config, G_ema: read('G_ema.safetensors'), G: read('G.safetensors'), D: read('D.safetensors') };
  const modelJson = read('model.json');
  const meta = { ...source, ...(modelJson ? (JSON.parse(new TextDecoder().decode(modelJson)) as Partial<ModelMeta>) : {}) };
  return { files, meta: { name: meta.name, description: meta.description ?? '', license: meta.license, kimg: typeof meta.kimg === 'number' ? meta.kimg : kimgFromDescription(meta.description) } };
}

/** tools/export-default-model.ts writes the kimg into the description ("… (16.5 kimg)."). */
function kimgFromDescription(description: string | undefined): number | undefined {
  const m = /([\d.]+) kimg/.exec(description ?? '');
  return m ? Number(m[1]) : undefined;
}

export async function installDefaultModel(source: DefaultModelSource, adminId: string): Promise<InstallResult> {
  const folder = readFolder(source);
  if (!folder) return { status: 'missing', reason: `${source.dir} has no config.json` };
  const { files, meta } = folder;
  const generator = files.G_ema ?? files.G;
  if (!generator) return { status: 'missing', reason: `${source.dir} has no G_ema/G weights` };
  const sha256 = sha256Hex(generator);

  // The installed default model: the administrator's personal model of that name, or the one
  // already holding these weights (the name may have been changed in the meantime).
  const installed = await db.model.findFirst({
    where: { ownerId: adminId, teamId: null, OR: [{ checkpoints: { some: { sha256 } } }, { name: meta.name }] },
    orderBy: { createdAt: 'desc' },
    select: { id: true, name: true, config: true, checkpoints: { select: { id: true, sha256: true }, orderBy: { createdAt: 'desc' }, take: 1 } },
  });
  const latest = installed?.checkpoints[0];
  if (installed && latest?.sha256 === sha256) return { status: 'unchanged', modelId: installed.id, checkpointId: latest.id, name: installed.name };

  const owner = { userId: adminId, teamId: null };
  const label = `${BUNDLED_CHECKPOINT_LABEL}${meta.kimg !== undefined ? ` · ${meta.kimg} kimg` : ''}`;
  if (installed && sameArchitecture(installed.config, JSON.parse(new TextDecoder().decode(files.config)))) {
    const added = await addCheckpointFromFiles(installed.id, files, { label, kimg: meta.kimg }, owner);
    await db.model.update({ where: { id: installed.id }, data: { description: meta.description } });
    return { status: 'updated', modelId: installed.id, checkpointId: added.checkpointId, name: installed.name };
  }

  const license = await ensureStandardLicence(meta.license);
  if (!license) throw new Error(`unknown licence ${meta.license} for the default model in ${source.dir}`);
  const created = await createModelFromFiles(files, { name: meta.name, description: meta.description, licenseId: license.id, visibility: 'PUBLIC' }, owner);
  await db.checkpoint.update({ where: { id: created.checkpointId }, data: { label, kimg: meta.kimg ?? 0 } });
  // A changed architecture cannot be a new checkpoint: the new model stands beside the old one.
  return { status: 'imported', modelId: created.modelId, checkpointId: created.checkpointId, name: meta.name, ...(installed ? { previousModelId: installed.id } : {}) };
}
