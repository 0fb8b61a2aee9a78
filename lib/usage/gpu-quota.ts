// Monthly GPU-seconds quotas per user and per team: defaults from the environment
// (GPU_QUOTA_USER_SECONDS, GPU_QUOTA_TEAM_SECONDS; 0 = unlimited), overrides on the User or
// Team row. Enforced in enqueueJob, so no job type can bypass it. Months are calendar months
// in UTC; usage is the gpuSeconds workers recorded on the jobs created in the month.
import { db } from '@/lib/db';
import { ApiError } from '@/lib/api/errors';
import { env } from '@/lib/env';

export type QuotaStatus = { usedSeconds: number; quotaSeconds: number | null; remainingSeconds: number | null; exceeded: boolean };

/** Pure: the UTC calendar month containing `now`. */
export function monthWindow(now = new Date()) {
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const resetsAt = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
  return { start, resetsAt };
}

/** Pure: where usage stands against a quota (null or 0 quota: unlimited). */
export function quotaStatus(usedSeconds: number, quotaSeconds: number | null): QuotaStatus {
  const limited = quotaSeconds !== null && quotaSeconds > 0;
  return {
    usedSeconds,
    quotaSeconds: limited ? quotaSeconds : null,
    remainingSeconds: limited ? Math.max(0, quotaSeconds - usedSeconds) : null,
    exceeded: limited && usedSeconds >= quotaSeconds,
  };
}

export function quotaExceededMessage(who: 'your' | 'the team', quotaSeconds: number, resetsAt: Date) {
  const prefix = who === 'your' ? 'Monthly GPU quota' : 'The team’s monthly GPU quota';
  return `${prefix} of ${quotaSeconds} s used up; resets on ${resetsAt.toISOString().slice(0, 10)}`;
}

export async function gpuSecondsUsed(owner: { userId: string } | { teamId: string }, since: Date) {
  const where = 'userId' in owner ? { userId: owner.userId } : { teamId: owner.teamId };
  const agg = await db.job.aggregate({ where: { ...where, createdAt: { gte: since } }, _sum: { gpuSeconds: true } });
  return agg._sum.gpuSeconds ?? 0;
}

export async function userQuotaStatus(userId: string, now = new Date()) {
  const { start, resetsAt } = monthWindow(now);
  const user = await db.user.findUnique({ where: { id: userId }, select: { gpuQuotaSeconds: true } });
  const quota = user?.gpuQuotaSeconds ?? env().GPU_QUOTA_USER_SECONDS;
  return { ...quotaStatus(await gpuSecondsUsed({ userId }, start), quota), resetsAt, overridden: user?.gpuQuotaSeconds != null };
}

export async function teamQuotaStatus(teamId: string, now = new Date()) {
  const { start, resetsAt } = monthWindow(now);
  const team = await db.team.findUnique({ where: { id: teamId }, select: { gpuQuotaSeconds: true } });
  const quota = team?.gpuQuotaSeconds ?? env().GPU_QUOTA_TEAM_SECONDS;
  return { ...quotaStatus(await gpuSecondsUsed({ teamId }, start), quota), resetsAt, overridden: team?.gpuQuotaSeconds != null };
}

type QuotaRow = { quota: number | null; used: number };

/** The owner's quota override and this month's usage, in one statement (enqueueing runs it every time). */
async function quotaRow(owner: { userId: string } | { teamId: string }, since: Date): Promise<QuotaRow | undefined> {
  const [row] =
    'userId' in owner
      ? await db.$queryRaw<QuotaRow[]>`SELECT u."gpuQuotaSeconds" AS quota, (SELECT COALESCE(SUM(j."gpuSeconds"), 0)::float8 FROM "Job" j WHERE j."userId" = u.id AND j."createdAt" >= ${since}) AS used FROM "User" u WHERE u.id = ${owner.userId}`
      : await db.$queryRaw<QuotaRow[]>`SELECT t."gpuQuotaSeconds" AS quota, (SELECT COALESCE(SUM(j."gpuSeconds"), 0)::float8 FROM "Job" j WHERE j."teamId" = t.id AND j."createdAt" >= ${since}) AS used FROM "Team" t WHERE t.id = ${owner.teamId}`;
  return row;
}

/** Throws 429 quota_exceeded when the user's or the team's month is used up. */
export async function assertGpuQuota(owner: { userId: string | null; teamId?: string | null }) {
  const { start, resetsAt } = monthWindow();
  const check = async (scope: 'user' | 'team', row: QuotaRow | undefined) => {
    const defaultQuota = scope === 'user' ? env().GPU_QUOTA_USER_SECONDS : env().GPU_QUOTA_TEAM_SECONDS;
    const s = { ...quotaStatus(Number(row?.used ?? 0), row?.quota ?? defaultQuota), resetsAt, overridden: row?.quota != null };
    if (s.exceeded) throw new ApiError('quota_exceeded', quotaExceededMessage(scope === 'user' ? 'your' : 'the team', s.quotaSeconds!, s.resetsAt), { scope, ...s });
  };
  if (owner.userId) await check('user', await quotaRow({ userId: owner.userId }, start));
  if (owner.teamId) await check('team', await quotaRow({ teamId: owner.teamId }, start));
}

/** What the settings page and GET /me/quota show: this month, you and each of your teams. */
export async function myQuotas(userId: string) {
  const memberships = await db.membership.findMany({ where: { userId }, select: { team: { select: { id: true, name: true } } }, orderBy: { createdAt: 'asc' } });
  const [user, teams] = await Promise.all([
    userQuotaStatus(userId),
    Promise.all(memberships.map(async (m) => ({ team: m.team, ...(await teamQuotaStatus(m.team.id)) }))),
  ]);
  return { user, teams };
}
