import type { Metadata } from 'next';
import Link from 'next/link';
import { db } from '@/lib/db';
import { requireAdmin } from '@/lib/auth/require-admin';
import { monthWindow } from '@/lib/usage/gpu-quota';
import { formatSeconds } from '@/components/charts/bar-chart';
import { listWorkers } from '@/lib/workers/list-workers';

export const metadata: Metadata = { title: 'Admin' };

export default async function AdminOverview() {
  await requireAdmin();
  const { start } = monthWindow();
  const [users, teams, jobs, failedJobs, gpu, pendingDatasets, pendingModels, openReports, workers] = await Promise.all([
    db.user.count(),
    db.team.count(),
    db.job.count(),
    db.job.count({ where: { state: 'FAILED' } }),
    db.job.aggregate({ where: { createdAt: { gte: start } }, _sum: { gpuSeconds: true } }),
    db.dataset.count({ where: { reviewStatus: 'PENDING' } }),
    db.model.count({ where: { reviewStatus: 'PENDING' } }),
    db.moderationReport.count({ where: { resolved: false } }),
    listWorkers(),
  ]);
  const stats = [
    { label: 'Users', value: users, href: '/admin/users' },
    { label: 'Teams', value: teams, href: '/admin/quotas' },
    { label: 'Jobs', value: jobs, href: '/admin/jobs' },
    { label: 'Failed jobs', value: failedJobs, href: '/admin/jobs?state=FAILED' },
    { label: 'GPU this month', value: formatSeconds(gpu._sum.gpuSeconds ?? 0), href: '/admin/usage' },
    { label: 'Awaiting licence review', value: pendingDatasets + pendingModels, href: '/admin/reviews' },
    { label: 'Open reports', value: openReports, href: '/admin/moderation' },
    { label: 'Workers online', value: workers.filter((w) => w.state === 'online').length, href: '/admin/workers' },
  ];
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Overview</h1>
      <div className="grid gap-4 sm:grid-cols-4">
        {stats.map((s) => (
          <Link key={s.label} href={s.href} className="rounded-lg border border-stone-200 bg-white p-4 hover:border-stone-300">
            <p className="text-sm text-stone-500">{s.label}</p>
            <p className="mt-1 text-2xl font-semibold">{s.value}</p>
          </Link>
        ))}
      </div>
    </div>
  );
}
