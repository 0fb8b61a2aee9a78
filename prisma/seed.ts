// Seeds what a fresh installation needs: an administrator account (credentials from
// ADMIN_EMAIL / ADMIN_PASSWORD, or generated and printed once) and the standard licences.
import { randomBytes } from 'node:crypto';
import { db } from '@/lib/db';
import { signUp } from '@/lib/users/sign-up';

const LICENCES = [
  { spdxId: 'CC0-1.0', name: 'CC0 1.0 Universal (public domain)', commercialUse: true, shareAlike: false },
  { spdxId: 'CC-BY-4.0', name: 'Creative Commons Attribution 4.0', commercialUse: true, shareAlike: false },
  { spdxId: 'CC-BY-SA-4.0', name: 'Creative Commons Attribution-ShareAlike 4.0', commercialUse: true, shareAlike: true },
  { spdxId: 'CC-BY-NC-4.0', name: 'Creative Commons Attribution-NonCommercial 4.0', commercialUse: false, shareAlike: false },
  { spdxId: 'LicenseRef-NVIDIA-Source-Code-License-NC', name: 'NVIDIA Source Code License (non-commercial)', commercialUse: false, shareAlike: false },
];

async function seedLicences() {
  for (const l of LICENCES) {
    const existing = await db.license.findFirst({ where: { spdxId: l.spdxId, customText: null }, select: { id: true } });
    if (!existing) await db.license.create({ data: l });
  }
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

async function main() {
  await seedLicences();
  await seedAdmin();
}

main()
  .then(() => db.$disconnect())
  .catch(async (err) => {
    console.error('[seed] failed:', err);
    await db.$disconnect();
    process.exit(1);
  });
