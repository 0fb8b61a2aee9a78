// Usage for the admin console: GPU-seconds and jobs (from Job rows, as workers recorded them)
// and storage (bytes of assets created), per day and per user and team, over the last N days.
import { z } from 'zod';
import { db } from '@/lib/db';
import { env } from '@/lib/env';
import { monthWindow } from '@/lib/usage/gpu-quota';

export const usageQuery = z.object({ days: z.coerce.number().int().min(1).max(366).default(30) });

type DayRow = { key: string | null; day: string; gpu: number; jobs: number };
type StorageRow = { key: string | null; day: string; bytes: number };

export type DailyPoint = { day: string; gpuSeconds: number; jobs: number; storageBytes: number };

/** Pure: the `days` UTC dates ending today, oldest first, as YYYY-MM-DD. */
export function dayRange(days: number, now = new Date()): string[] {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return Array.from({ length: days }, (_, i) => new Date(today - (days - 1 - i) * 86_400_000).toISOString().slice(0, 10));
}

/** Pure: folds grouped rows into one zero-filled daily series per key (and one for everything). */
export function dailySeries(days: string[], jobs: DayRow[], storage: StorageRow[]) {
  const series = new Map<string, Map<string, DailyPoint>>();
  const point = (key: string, day: string) => {
    let byDay = series.get(key);
    if (!byDay) series.set(key, (byDay = new Map(days.map((d) => [d, { day: d, gpuSeconds: 0, jobs: 0, storageBytes: 0 }]))));
    return byDay.get(day);
  };
  for (const r of jobs) {
    for (const key of ['*', r.key ?? '']) {
      const p = point(key, r.day);
      if (p) { p.gpuSeconds += Number(r.gpu); p.jobs += Number(r.jobs); }
    }
  }
  for (const r of storage) {
    for (const key of ['*', r.key ?? '']) {
      const p = point(key, r.day);
      if (p) p.storageBytes += Number(r.bytes);
    }
  }
  point('*', days[0]!);
  return new Map([...series].map(([k, v]) => [k, [...v.values()]]));
}

const total = (points: DailyPoint[]) =>
  points.reduce((a, p) => ({ gpuSeconds: a.gpuSeconds + p.gpuSeconds, jobs: a.jobs + p.jobs, storageBytes: a.storageBytes + p.storageBytes }), { gpuSeconds: 0, jobs: 0, storageBytes: 0 });

export async function usageReport({ days }: z.infer<typeof usageQuery>, now = new Date()) {
  const range = dayRange(days, now);
  const since = new Date(`${range[0]}T00:00:00Z`);
  const { start: monthStart } = monthWindow(now);
  const [userJobs, teamJobs, userStorage, teamStorage, userMonth, teamMonth, storedByUser, storedByTeam] = await Promise.all([
    db.$queryRaw<DayRow[]>`SELECT "userId" AS key, to_char("createdAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, COALESCE(SUM("gpuSeconds"), 0)::float8 AS gpu, COUNT(*)::int AS jobs FROM "Job" WHERE "createdAt" >= ${since} GROUP BY 1, 2`,
    db.$queryRaw<DayRow[]>`SELECT "teamId" AS key, to_char("createdAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, COALESCE(SUM("gpuSeconds"), 0)::float8 AS gpu, COUNT(*)::int AS jobs FROM "Job" WHERE "createdAt" >= ${since} AND "teamId" IS NOT NULL GROUP BY 1, 2`,
    db.$queryRaw<StorageRow[]>`SELECT "ownerId" AS key, to_char("createdAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, COALESCE(SUM(bytes), 0)::float8 AS bytes FROM "Asset" WHERE "createdAt" >= ${since} GROUP BY 1, 2`,
    db.$queryRaw<StorageRow[]>`SELECT "teamId" AS key, to_char("createdAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, COALESCE(SUM(bytes), 0)::float8 AS bytes FROM "Asset" WHERE "createdAt" >= ${since} AND "teamId" IS NOT NULL GROUP BY 1, 2`,
    db.job.groupBy({ by: ['userId'], where: { createdAt: { gte: monthStart }, userId: { not: null } }, _sum: { gpuSeconds: true } }),
    db.job.groupBy({ by: ['teamId'], where: { createdAt: { gte: monthStart }, teamId: { not: null } }, _sum: { gpuSeconds: true } }),
    db.asset.groupBy({ by: ['ownerId'], where: { ownerId: { not: null } }, _sum: { bytes: true } }),
    db.asset.groupBy({ by: ['teamId'], where: { teamId: { not: null } }, _sum: { bytes: true } }),
  ]);
  const byUser = dailySeries(range, userJobs, userStorage);
  const byTeam = dailySeries(range, teamJobs, teamStorage);
  const ids = (m: Map<string, unknown>) => [...m.keys()].filter((k) => k !== '*' && k !== '');
  const userIds = [...new Set([...ids(byUser), ...userMonth.map((r) => r.userId!), ...storedByUser.map((r) => r.ownerId!)])];
  const teamIds = [...new Set([...ids(byTeam), ...teamMonth.map((r) => r.teamId!), ...storedByTeam.map((r) => r.teamId!)])];
  const [users, teams] = await Promise.all([
    db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, email: true, name: true, gpuQuotaSeconds: true } }),
    db.team.findMany({ where: { id: { in: teamIds } }, select: { id: true, name: true, slug: true, gpuQuotaSeconds: true } }),
  ]);
  const empty = range.map((day) => ({ day, gpuSeconds: 0, jobs: 0, storageBytes: 0 }));
  const e = env();
  const rows = <T extends { id: string; gpuQuotaSeconds: number | null }>(list: T[], series: Map<string, DailyPoint[]>, month: Map<string, number>, stored: Map<string, number>, defaultQuota: number) =>
    list
      .map((x) => {
        const daily = series.get(x.id) ?? empty;
        return { ...x, quotaSeconds: x.gpuQuotaSeconds ?? (defaultQuota || null), monthGpuSeconds: month.get(x.id) ?? 0, storedBytes: stored.get(x.id) ?? 0, period: total(daily), daily };
      })
      .sort((a, b) => b.period.gpuSeconds - a.period.gpuSeconds || b.storedBytes - a.storedBytes);
  const all = byUser.get('*') ?? empty;
  return {
    days: range,
    totals: { ...total(all), daily: all },
    users: rows(users, byUser, new Map(userMonth.map((r) => [r.userId!, r._sum.gpuSeconds ?? 0])), new Map(storedByUser.map((r) => [r.ownerId!, r._sum.bytes ?? 0])), e.GPU_QUOTA_USER_SECONDS),
    teams: rows(teams, byTeam, new Map(teamMonth.map((r) => [r.teamId!, r._sum.gpuSeconds ?? 0])), new Map(storedByTeam.map((r) => [r.teamId!, r._sum.bytes ?? 0])), e.GPU_QUOTA_TEAM_SECONDS),
  };
}

export type UsageReport = Awaited<ReturnType<typeof usageReport>>;
