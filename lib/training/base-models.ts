// Models a user may fine-tune from: the same rule as the model registry (their own, their
// teams', public ones; unlisted ones by id; another user's private model is a 404), limited to
// models whose newest checkpoint has a discriminator, which transfer learning needs.
import { viewerOf } from '@/lib/access/viewer';
import { writableWhere } from '@/lib/access/rules';
import { db } from '@/lib/db';
import { notFound } from '@/lib/api/errors';
import { resolveConfig, type PartialStyleGAN2Config } from '@/lib/stylegan/config';
import { reviewedModelWhere } from '@/lib/licensing/review';

async function usableWhere(userId: string, byId: boolean) {
  return {
    OR: [
      ...writableWhere(await viewerOf(userId)).OR,
      { visibility: byId ? { in: ['PUBLIC' as const, 'UNLISTED' as const] } : ('PUBLIC' as const), hidden: false, ...reviewedModelWhere },
    ],
  };
}

const baseSelect = {
  id: true,
  name: true,
  config: true,
  license: { select: { spdxId: true, name: true, customText: true, commercialUse: true, shareAlike: true, attribution: true } },
  checkpoints: { where: { hidden: false }, select: { id: true, dAssetId: true }, orderBy: { createdAt: 'desc' as const }, take: 1 },
} as const;

export function modelResolution(config: unknown): number {
  return resolveConfig(config as PartialStyleGAN2Config).generator_kwargs.img_resolution;
}

export async function findBaseModel(userId: string, modelId: string) {
  const model = await db.model.findFirst({ where: { AND: [{ id: modelId }, await usableWhere(userId, true), { ready: true }] }, select: baseSelect });
  if (!model) throw notFound('Model');
  return model;
}

/** For the fine-tune form: usable models with a discriminator, newest first. */
export async function listBaseModels(userId: string) {
  const rows = await db.model.findMany({ where: { AND: [await usableWhere(userId, false), { ready: true, archived: false }] }, select: baseSelect, orderBy: { createdAt: 'desc' }, take: 200 });
  return rows.filter((m) => m.checkpoints[0]?.dAssetId).map((m) => ({ id: m.id, name: m.name, resolution: modelResolution(m.config) }));
}
