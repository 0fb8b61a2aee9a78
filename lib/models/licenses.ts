// The licences a model can be published under: a standard catalogue (SPDX ids), stored as
// License rows without custom text or attribution. Rows are created on first use, so the
// catalogue does not depend on the seed having run.
import { db } from '@/lib/db';
import { badRequest } from '@/lib/api/errors';

export const STANDARD_LICENCES = [
  { spdxId: 'CC0-1.0', name: 'CC0 1.0 Universal (public domain)', commercialUse: true, shareAlike: false },
  { spdxId: 'CC-BY-4.0', name: 'Creative Commons Attribution 4.0', commercialUse: true, shareAlike: false },
  { spdxId: 'CC-BY-SA-4.0', name: 'Creative Commons Attribution-ShareAlike 4.0', commercialUse: true, shareAlike: true },
  { spdxId: 'CC-BY-NC-4.0', name: 'Creative Commons Attribution-NonCommercial 4.0', commercialUse: false, shareAlike: false },
  { spdxId: 'LicenseRef-NVIDIA-Source-Code-License-NC', name: 'NVIDIA Source Code License (non-commercial)', commercialUse: false, shareAlike: false },
] as const;

const standardWhere = { customText: null, attribution: null } as const;
const select = { id: true, spdxId: true, name: true, commercialUse: true, shareAlike: true } as const;

/** The catalogue row for an SPDX id, created when missing. */
export async function ensureStandardLicence(spdxId: string) {
  const def = STANDARD_LICENCES.find((l) => l.spdxId === spdxId);
  if (!def) return null;
  const existing = await db.license.findFirst({ where: { spdxId, ...standardWhere }, select, orderBy: { createdAt: 'asc' } });
  return existing ?? db.license.create({ data: { ...def }, select });
}

export async function listLicenses() {
  const rows = [];
  for (const l of STANDARD_LICENCES) rows.push((await ensureStandardLicence(l.spdxId))!);
  return rows;
}

/** A catalogue licence by SPDX id or row id; anything else is a 400 listing the choices. */
export async function resolveLicense(value: string) {
  const bySpdx = await ensureStandardLicence(value);
  if (bySpdx) return bySpdx;
  const byId = await db.license.findFirst({ where: { id: value, spdxId: { in: STANDARD_LICENCES.map((l) => l.spdxId) }, ...standardWhere }, select });
  if (byId) return byId;
  throw badRequest(`Unknown licence "${value}": use one of ${STANDARD_LICENCES.map((l) => l.spdxId).join(', ')}`);
}
