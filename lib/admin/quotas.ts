// Admins set a monthly GPU-seconds quota per user or per team (null returns to the default).
import { z } from 'zod';
import { db } from '@/lib/db';
import { notFound } from '@/lib/api/errors';
import { env } from '@/lib/env';

export const setQuotaInput = z.object({
  gpuQuotaSeconds: z.number().int().min(0).max(1e9).nullable(),
});

export async function setUserQuota(actorId: string, userId: string, input: z.infer<typeof setQuotaInput>) {
  const existing = await db.user.findUnique({ where: { id: userId }, select: { gpuQuotaSeconds: true } });
  if (!existing) throw notFound('User');
  return db.$transaction(async (tx) => {
    const user = await tx.user.update({ where: { id: userId }, data: { gpuQuotaSeconds: input.gpuQuotaSeconds }, select: { id: true, email: true, gpuQuotaSeconds: true } });
    await tx.auditLog.create({ data: { actorId, action: 'quota.user.set', targetType: 'User', targetId: userId, details: { from: existing.gpuQuotaSeconds, to: input.gpuQuotaSeconds } } });
    return { ...user, effectiveQuotaSeconds: user.gpuQuotaSeconds ?? env().GPU_QUOTA_USER_SECONDS };
  });
}

export async function setTeamQuota(actorId: string, teamId: string, input: z.infer<typeof setQuotaInput>) {
  const existing = await db.team.findUnique({ where: { id: teamId }, select: { gpuQuotaSeconds: true } });
  if (!existing) throw notFound('Team');
  return db.$transaction(async (tx) => {
    const team = await tx.team.update({ where: { id: teamId }, data: { gpuQuotaSeconds: input.gpuQuotaSeconds }, select: { id: true, name: true, gpuQuotaSeconds: true } });
    await tx.auditLog.create({ data: { actorId, action: 'quota.team.set', targetType: 'Team', targetId: teamId, details: { from: existing.gpuQuotaSeconds, to: input.gpuQuotaSeconds } } });
    return { ...team, effectiveQuotaSeconds: team.gpuQuotaSeconds ?? env().GPU_QUOTA_TEAM_SECONDS };
  });
}

export function quotaDefaults() {
  const e = env();
  return { userSeconds: e.GPU_QUOTA_USER_SECONDS, teamSeconds: e.GPU_QUOTA_TEAM_SECONDS };
}

export async function listTeamsForQuotas() {
  return db.team.findMany({ select: { id: true, name: true, slug: true, gpuQuotaSeconds: true, _count: { select: { memberships: true } } }, orderBy: { name: 'asc' }, take: 500 });
}
