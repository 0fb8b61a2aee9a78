// Seeds what a fresh installation needs: an administrator account (credentials from
// ADMIN_EMAIL / ADMIN_PASSWORD, or generated and printed once), the standard licences, the
// default public model and its demo collection. Safe to run again: it only adds what is missing
// or new (new weights in models/default become the default model's newest checkpoint).
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { db } from '@/lib/db';
import { installDefaultModel } from '@/lib/demo/install-default-model';
import { seedDemoCollection } from '@/lib/demo/seed-demo-collection';
import { ensureStandardLicence, STANDARD_LICENCES } from '@/lib/models/licenses';
import { closeQueues } from '@/lib/queue/connection';
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

// The default model: the bundled models/default/ when present (with the demo collection), else
// the shared 32 px parity fixture. Its optional model.json gives {name, description, license}.
const DEFAULT_MODELS = [
  { dir: path.resolve(process.cwd(), 'models/default'), name: 'Default faces', license: 'CC0-1.0', description: 'The bundled default model.', demo: true },
  {
    dir: path.resolve(process.cwd(), '../shared/fixtures/stylegan2-ada-32'),
    name: 'StyleGAN2-ADA parity fixture (32 px)',
    // Random weights made with NVIDIA's official StyleGAN2-ADA code.
    license: 'LicenseRef-NVIDIA-Source-Code-License-NC',
    description: 'Random weights of the official StyleGAN2-ADA networks at 32 px: abstract patterns, for trying the explorer.',
    demo: false,
  },
];

async function seedDefaultModel() {
  const source = DEFAULT_MODELS.find((m) => fs.existsSync(path.join(m.dir, 'config.json')));
  if (!source) return console.log('[seed] no default model folder found; skipping');
  const email = (process.env.ADMIN_EMAIL ?? 'admin@atelier.local').toLowerCase();
  const admin = await db.user.findUniqueOrThrow({ where: { email }, select: { id: true } });
  const from = path.relative(process.cwd(), source.dir);
  const model = await installDefaultModel(source, admin.id);
  if (model.status === 'missing') return console.log(`[seed] ${model.reason}; skipping the default model`);
  if (model.status === 'unchanged') console.log(`[seed] default model "${model.name}" is up to date with ${from} (${model.modelId})`);
  if (model.status === 'updated') console.log(`[seed] new weights in ${from}: added as the newest checkpoint of "${model.name}" (${model.modelId}); a worker renders its samples`);
  if (model.status === 'imported') {
    console.log(`[seed] imported the default model "${model.name}" from ${from} (${model.modelId}); a worker renders its samples`);
    if (model.previousModelId) console.log(`[seed]   its architecture changed, so it is a new model; the previous one (${model.previousModelId}) is still published`);
  }
  if (!source.demo) return;
  const demo = await seedDemoCollection(admin.id, model.modelId);
  if (demo.status === 'deleted') return console.log('[seed] the demo collection was deleted; not recreating it');
  const made = demo.created;
  if (!made.collection && !made.latents && !made.video && !made.itemsAdded) return console.log(`[seed] demo collection is in place (${demo.collectionId})`);
  console.log(
    `[seed] demo collection ${made.collection ? 'created' : 'updated'} (/collections/${demo.collectionId}): ${made.latents} latents saved` +
      (made.video ? ', a sample video queued for the worker' : '') +
      (made.itemsRemoved ? `, ${made.itemsRemoved} items of older weights replaced` : ''),
  );
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
