import type { Metadata } from 'next';
import Link from 'next/link';
import { requireAdmin } from '@/lib/auth/require-admin';
import { usageQuery, usageReport } from '@/lib/admin/usage-report';
import { BarChart, Sparkline, formatBytes, formatSeconds } from '@/components/charts/bar-chart';

export const metadata: Metadata = { title: 'Usage' };

export default async function AdminUsage({ searchParams }: { searchParams: Promise<{ days?: string }> }) {
  await requireAdmin();
  const parsed = usageQuery.safeParse(await searchParams);
  const days = parsed.success ? parsed.data.days : 30;
  const report = await usageReport({ days });
  const daily = report.totals.daily;
  const th = 'px-3 py-2 font-medium';
  const td = 'px-3 py-2';
  return (
    <div className="space-y-6">
      <div className="flex items-baseline justify-between">
        <h1 className="text-2xl font-semibold">Usage</h1>
        <p className="space-x-3 text-sm">
          {[7, 30, 90].map((d) => (
            <Link key={d} href={`/admin/usage?days=${d}`} className={d === days ? 'font-semibold' : 'text-accent hover:underline'}>{d} days</Link>
          ))}
        </p>
      </div>
      <p className="text-sm text-stone-600">
        Last {days} days: <strong>{formatSeconds(report.totals.gpuSeconds)}</strong> GPU, <strong>{report.totals.jobs}</strong> jobs,{' '}
        <strong>{formatBytes(report.totals.storageBytes)}</strong> stored.
      </p>
      <div className="grid gap-4 lg:grid-cols-3">
        <BarChart label="GPU-seconds per day" points={daily.map((p) => ({ day: p.day, value: p.gpuSeconds }))} format={formatSeconds} />
        <BarChart label="Jobs per day" points={daily.map((p) => ({ day: p.day, value: p.jobs }))} />
        <BarChart label="Storage added per day" points={daily.map((p) => ({ day: p.day, value: p.storageBytes }))} format={formatBytes} />
      </div>

      {(['users', 'teams'] as const).map((kind) => (
        <section key={kind} className="space-y-2">
          <h2 className="text-lg font-semibold">Per {kind === 'users' ? 'user' : 'team'}</h2>
          <div className="overflow-x-auto" data-table-scroll><table className="w-full rounded-lg border border-stone-200 bg-white text-sm" data-testid={`usage-${kind}`}>
            <thead className="bg-stone-50 text-left text-stone-500">
              <tr>
                <th className={th}>{kind === 'users' ? 'User' : 'Team'}</th>
                <th className={th}>GPU ({days} d)</th>
                <th className={th}>GPU per day</th>
                <th className={th}>Jobs</th>
                <th className={th}>This month / quota</th>
                <th className={th}>Stored</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-stone-200">
              {report[kind].length === 0 && <tr><td className={td} colSpan={6}>No usage yet.</td></tr>}
              {report[kind].map((r) => (
                <tr key={r.id}>
                  <td className={td}>{'email' in r ? r.email : r.name}</td>
                  <td className={td}>{formatSeconds(r.period.gpuSeconds)}</td>
                  <td className={td}><Sparkline values={r.daily.map((p) => p.gpuSeconds)} label={`GPU-seconds per day for ${'email' in r ? r.email : r.name}`} /></td>
                  <td className={td}>{r.period.jobs}</td>
                  <td className={td}>{formatSeconds(r.monthGpuSeconds)} / {r.quotaSeconds ? formatSeconds(r.quotaSeconds) : 'unlimited'}</td>
                  <td className={td}>{formatBytes(r.storedBytes)}</td>
                </tr>
              ))}
            </tbody>
          </table></div>
        </section>
      ))}
    </div>
  );
}
