// The kinds of public item anyone signed in can report and admins can hide.
import { z } from 'zod';
import { db } from '@/lib/db';
import type { Prisma, Visibility } from '@/lib/generated/prisma/client';

export const moderationTarget = z.enum(['LATENT', 'MIX', 'VIDEO', 'COLLECTION', 'MODEL']);
export type ModerationTarget = z.infer<typeof moderationTarget>;

type Row = { id: string; name: string; ownerId: string | null; teamId: string | null; visibility: Visibility; hidden: boolean };
const select = { id: true, name: true, ownerId: true, teamId: true, visibility: true, hidden: true } as const;

export async function findTarget(type: ModerationTarget, id: string): Promise<Row | null> {
  switch (type) {
    case 'LATENT': return db.latent.findUnique({ where: { id }, select });
    case 'MIX': return db.mix.findUnique({ where: { id }, select });
    case 'VIDEO': return db.video.findUnique({ where: { id }, select });
    case 'COLLECTION': return db.collection.findUnique({ where: { id }, select });
    case 'MODEL': return db.model.findUnique({ where: { id }, select });
  }
}

export async function setTargetHidden(type: ModerationTarget, id: string, hidden: boolean, client: Prisma.TransactionClient | typeof db = db) {
  const data = { hidden };
  switch (type) {
    case 'LATENT': return client.latent.update({ where: { id }, data, select });
    case 'MIX': return client.mix.update({ where: { id }, data, select });
    case 'VIDEO': return client.video.update({ where: { id }, data, select });
    case 'COLLECTION': return client.collection.update({ where: { id }, data, select });
    case 'MODEL': return client.model.update({ where: { id }, data, select });
  }
}
