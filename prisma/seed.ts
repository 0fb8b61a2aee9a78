// Seeds what a fresh installation needs: an administrator account (credentials from
// ADMIN_EMAIL / ADMIN_PASSWORD, or generated and printed once) and the standard licences.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { db } from '@/lib/db';
import { createModelFromFiles } from '@/lib/models/import-model';
import { ensureStandardLicence, STANDARD_LICENCES } from '@/lib/models/licenses';
import { closeQueues } from '@/lib/queue/connection';
import { sha256Hex } from '@/lib/storage/storage';
import { signUp } from '@/lib/users/sign-up';

async function seedLicences() {
  for (const l of STANDARD_LICENCES) await ensureStandardLicence(l.spdxId);
}

async function seedAdmin() {
  const email = (process.env.ADMIN_EMAIL ?? 'admin@atelier.local').toLowerCase();
  const existing = await db.user.findUnique({ where: { email }, select: { id: true } });
  if (existing) {
    console.log(`[seed] administrator ${email} already exists`);
    return;
  }
  const generated = !process.env.ADMIN_PASSWORD;
  const password = process.env.ADMIN_PASSWORD ?? `${randomBytes(9).toString('base64url')}7a`;
  await signUp({ email, password, name: 'Administrator' }, { role: 'ADMIN' });
  console.log('');
  console.log('  ┌───────────────────────────────────────────────');
  console.log('  │ Administrator account created');
  console.log(`  │   email:    ${email}`);
  console.log(`  │   password: ${generated ? password : '(from ADMIN_PASSWORD)'}`);
  if (generated) console.log('  │ This password is shown once. Change ADMIN_PASSWORD to choose your own.');
  console.log('  └───────────────────────────────────────────────');
  console.log('');
}

// The default model of a fresh install: the bundled models/default/ when present, else the
// shared 32 px parity fixture. Its optional model.json gives {name, description, license}.
const DEFAULT_MODELS = [
  { dir: path.resolve(process.cwd(), 'models/default'), name: 'Default faces', license: 'CC0-1.0', description: 'The bundled default model.' },
  {
    dir: path.resolve(process.cwd(), '../shared/fixtures/stylegan2-ada-32'),
    name: 'StyleGAN2-ADA parity fixture (32 px)',
    // Random weights made with NVIDIA's official StyleGAN2-ADA code.
    license: 'LicenseRef-NVIDIA-Source-Code-License-NC',
    description: 'Random weights of the official StyleGAN2-ADA networks at 32 px: abstract patterns, for trying the explorer.',
  },
];

async function seedDefaultModel() {
  const source = DEFAULT_MODELS.find((m) => fs.existsSync(path.join(m.dir, 'config.json')));
  if (!source) return console.log('[seed] no default model folder found; skipping');
  const read = (f: string) => (fs.existsSync(path.join(source.dir, f)) ? new Uint8Array(fs.readFileSync(path.join(source.dir, f))) : undefined);
  const files = { config: read('config.json')!, G_ema: read('G_ema.safetensors'), G: read('G.safetensors'), D: read('D.safetensors') };
  const generator = files.G_ema ?? files.G;
  if (!generator) return console.log(`[seed] ${source.dir} has no G_ema/G weights; skipping`);
  const meta = { ...source, ...(read('model.json') ? JSON.parse(new TextDecoder().decode(read('model.json'))) : {}) };
  const email = (process.env.ADMIN_EMAIL ?? 'admin@atelier.local').toLowerCase();
  const admin = await db.user.findUniqueOrThrow({ where: { email }, select: { id: true } });
  const sha256 = sha256Hex(generator);
  const existing = await db.checkpoint.findFirst({ where: { sha256, model: { ownerId: admin.id, visibility: 'PUBLIC' } }, select: { modelId: true } });
  if (existing) return console.log(`[seed] default model already imported (${existing.modelId})`);
  const license = await ensureStandardLicence(meta.license);
  if (!license) throw new Error(`[seed] unknown licence ${meta.license} for the default model`);
  const created = await createModelFromFiles(
    files,
    { name: meta.name, description: meta.description ?? '', licenseId: license.id, visibility: 'PUBLIC' },
    { userId: admin.id, teamId: null },
  );
  console.log(`[seed] imported the default model "${meta.name}" from ${path.relative(process.cwd(), source.dir)} (${created.modelId}); a worker renders its samples`);
}

async function main() {
  await seedLicences();
  await seedAdmin();
  await seedDefaultModel();
}

main()
  .then(() => closeQueues())
  .then(() => db.$disconnect())
  .catch(async (err) => {
    console.error('[seed] failed:', err);
    await db.$disconnect();
    process.exit(1);
  });
