import type { Metadata } from 'next';
import { db } from '@/lib/db';
import { requireAdmin } from '@/lib/auth/require-admin';

export const metadata: Metadata = { title: 'Admin' };

export default async function AdminOverview() {
  await requireAdmin();
  const [users, teams, jobs, failedJobs] = await Promise.all([
    db.user.count(),
    db.team.count(),
    db.job.count(),
    db.job.count({ where: { state: 'FAILED' } }),
  ]);
  const stats = [
    { label: 'Users', value: users },
    { label: 'Teams', value: teams },
    { label: 'Jobs', value: jobs },
    { label: 'Failed jobs', value: failedJobs },
  ];
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Overview</h1>
      <div className="grid gap-4 sm:grid-cols-4">
        {stats.map((s) => (
          <div key={s.label} className="rounded-lg border border-stone-200 bg-white p-4">
            <p className="text-sm text-stone-500">{s.label}</p>
            <p className="mt-1 text-2xl font-semibold">{s.value}</p>
          </div>
        ))}
      </div>
    </div>
  );
}
