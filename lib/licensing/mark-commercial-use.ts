// Marking an output (a saved latent, a mix, a video) for commercial use. Allowed only when
// every model and dataset of its model chain allows commercial use; unmarking always works.
import { viewerOf } from '@/lib/access/viewer';
import { can } from '@/lib/access/rules';
import { z } from 'zod';
import { db } from '@/lib/db';
import { forbidden, notFound } from '@/lib/api/errors';
import { assertCommercialUseAllowed } from '@/lib/licensing/commercial-use';
import { effectiveLicenceForModel } from '@/lib/licensing/effective-licence';

export const commercialUseInput = z.object({
  type: z.enum(['latent', 'mix', 'video']),
  id: z.string().min(1),
  commercialUse: z.boolean(),
});

const owned = { id: true, modelId: true, ownerId: true, teamId: true } as const;

function findOutput(type: z.infer<typeof commercialUseInput>['type'], id: string) {
  if (type === 'latent') return db.latent.findUnique({ where: { id }, select: owned });
  if (type === 'mix') return db.mix.findUnique({ where: { id }, select: owned });
  return db.video.findUnique({ where: { id }, select: owned });
}

export async function markCommercialUse(userId: string, input: z.infer<typeof commercialUseInput>) {
  const what = input.type[0].toUpperCase() + input.type.slice(1);
  const row = await findOutput(input.type, input.id);
  const mine = !!row && can(await viewerOf(userId), 'write', row);
  if (!mine) {
    // Someone else's public item: visible but not theirs to mark; anything else does not exist for them.
    const visible = row && (await findVisible(input.type, input.id));
    if (visible) throw forbidden(`Only the owner or their team can mark this ${input.type}`);
    throw notFound(what);
  }
  // 400 naming the non-commercial licences of the chain.
  const licence = input.commercialUse ? await assertCommercialUseAllowed(row.modelId) : (await effectiveLicenceForModel(row.modelId)).licence;
  const data = { commercialUse: input.commercialUse };
  if (input.type === 'latent') await db.latent.update({ where: { id: row.id }, data });
  else if (input.type === 'mix') await db.mix.update({ where: { id: row.id }, data });
  else await db.video.update({ where: { id: row.id }, data });
  return { type: input.type, id: row.id, commercialUse: input.commercialUse, licence };
}

async function findVisible(type: z.infer<typeof commercialUseInput>['type'], id: string) {
  const where = { id, visibility: { in: ['PUBLIC' as const, 'UNLISTED' as const] }, hidden: false };
  if (type === 'latent') return db.latent.findFirst({ where, select: { id: true } });
  if (type === 'mix') return db.mix.findFirst({ where, select: { id: true } });
  return db.video.findFirst({ where, select: { id: true } });
}
