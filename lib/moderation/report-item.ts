// Anyone signed in can report a public (or unlisted) item they can see. One open report per
// reporter and item: a repeat updates nothing and says so.
import { z } from 'zod';
import { db } from '@/lib/db';
import { notFound } from '@/lib/api/errors';
import { teamIdsOf } from '@/lib/teams/permissions';
import { canView } from '@/lib/moderation/visibility';
import { findTarget, moderationTarget } from '@/lib/moderation/targets';

export const reportInput = z.object({
  targetType: moderationTarget,
  targetId: z.string().trim().min(1).max(64),
  reason: z.string().trim().min(3, 'Reason: say what is wrong (3 characters or more)').max(2000),
});

export async function reportItem(reporterId: string, input: z.infer<typeof reportInput>) {
  const target = await findTarget(input.targetType, input.targetId);
  const viewer = { userId: reporterId, teamIds: await teamIdsOf(reporterId) };
  // Only items others can see are reportable; a private item is "not found" to non-owners.
  if (!target || target.visibility === 'PRIVATE' || !canView(target, viewer)) throw notFound('Item');
  const open = await db.moderationReport.findFirst({
    where: { reporterId, targetType: input.targetType, targetId: input.targetId, resolved: false },
    select: { id: true, createdAt: true },
  });
  if (open) return { report: open, duplicate: true };
  const report = await db.moderationReport.create({
    data: { reporterId, targetType: input.targetType, targetId: input.targetId, reason: input.reason },
    select: { id: true, createdAt: true },
  });
  return { report, duplicate: false };
}
