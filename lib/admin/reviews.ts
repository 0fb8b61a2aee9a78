// The licence review queue: datasets and imported models whose terms are custom or
// non-commercial wait here (reviewStatus PENDING) until an administrator decides.
import { z } from 'zod';
import { db } from '@/lib/db';
import { badRequest, notFound } from '@/lib/api/errors';

const licence = { select: { spdxId: true, name: true, customText: true, commercialUse: true, shareAlike: true, attribution: true } } as const;
const owner = { select: { id: true, email: true, name: true } } as const;

export const reviewDecisionInput = z.object({
  decision: z.enum(['APPROVED', 'REJECTED']),
  note: z.string().trim().max(2000).default(''),
});

export const reviewKind = z.enum(['dataset', 'model']);

export async function listReviews(status: 'PENDING' | 'DECIDED' = 'PENDING') {
  const where = status === 'PENDING' ? { reviewStatus: 'PENDING' as const } : { reviewStatus: { in: ['APPROVED' as const, 'REJECTED' as const] } };
  const [datasets, models] = await Promise.all([
    db.dataset.findMany({ where, select: { id: true, name: true, reviewStatus: true, imageCount: true, rightsDeclared: true, createdAt: true, updatedAt: true, license: licence, owner, team: { select: { id: true, name: true } } }, orderBy: { updatedAt: 'desc' }, take: 200 }),
    db.model.findMany({ where, select: { id: true, name: true, reviewStatus: true, visibility: true, createdAt: true, updatedAt: true, license: licence, owner, team: { select: { id: true, name: true } } }, orderBy: { updatedAt: 'desc' }, take: 200 }),
  ]);
  return { datasets, models };
}

export async function decideReview(actorId: string, kind: z.infer<typeof reviewKind>, id: string, input: z.infer<typeof reviewDecisionInput>) {
  const current = kind === 'dataset'
    ? await db.dataset.findUnique({ where: { id }, select: { reviewStatus: true } })
    : await db.model.findUnique({ where: { id }, select: { reviewStatus: true } });
  if (!current) throw notFound(kind === 'dataset' ? 'Dataset' : 'Model');
  if (current.reviewStatus === 'NOT_REQUIRED') throw badRequest(`This ${kind} does not need a licence review`);
  return db.$transaction(async (tx) => {
    const row = kind === 'dataset'
      ? await tx.dataset.update({ where: { id }, data: { reviewStatus: input.decision }, select: { id: true, name: true, reviewStatus: true } })
      : await tx.model.update({ where: { id }, data: { reviewStatus: input.decision }, select: { id: true, name: true, reviewStatus: true } });
    await tx.auditLog.create({
      data: { actorId, action: `review.${kind}.${input.decision.toLowerCase()}`, targetType: kind === 'dataset' ? 'Dataset' : 'Model', targetId: id, details: { from: current.reviewStatus, to: input.decision, note: input.note } },
    });
    return row;
  });
}
