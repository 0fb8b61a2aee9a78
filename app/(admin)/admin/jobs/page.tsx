import type { Metadata } from 'next';
import Link from 'next/link';
import { requireAdmin } from '@/lib/auth/require-admin';
import { listJobs, listJobsQuery } from '@/lib/admin/admin-jobs';
import { formatSeconds } from '@/components/charts/bar-chart';
import { Button } from '@/components/ui/button';
import { cancelJobAction, retryJobAction } from '../actions';

export const metadata: Metadata = { title: 'Jobs' };

const STATES = ['QUEUED', 'ACTIVE', 'COMPLETED', 'FAILED', 'CANCELLED'] as const;
const STATE_CLASS: Record<string, string> = { FAILED: 'text-red-600', CANCELLED: 'text-stone-500', ACTIVE: 'text-accent', COMPLETED: 'text-green-700' };

function JobAction({ jobId, action, label, variant }: { jobId: string; action: (f: FormData) => Promise<void>; label: string; variant: 'secondary' | 'danger' }) {
  return (
    <form action={action}>
      <input type="hidden" name="jobId" value={jobId} />
      <Button variant={variant} type="submit">{label}</Button>
    </form>
  );
}

export default async function AdminJobs({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  await requireAdmin();
  const sp = await searchParams;
  const parsed = listJobsQuery.safeParse({ page: sp.page, state: sp.state || undefined, type: sp.type || undefined, owner: sp.owner || undefined });
  const query = parsed.success ? parsed.data : listJobsQuery.parse({});
  const { jobs, total, perPage, types } = await listJobs(query);
  const pages = Math.max(1, Math.ceil(total / perPage));
  const qs = (p: number) => {
    const params = new URLSearchParams({ page: String(p) });
    for (const k of ['state', 'type', 'owner'] as const) if (query[k]) params.set(k, String(query[k]));
    return `/admin/jobs?${params}`;
  };
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-semibold">Jobs <span className="text-base font-normal text-stone-500">({total})</span></h1>
        <form action="/admin/jobs" className="flex flex-wrap gap-2 text-sm" aria-label="Filter jobs">
          <select name="state" defaultValue={query.state ?? ''} aria-label="State" className="rounded-md border border-stone-300 px-2 py-1">
            <option value="">Any state</option>
            {STATES.map((s) => <option key={s} value={s}>{s.toLowerCase()}</option>)}
          </select>
          <select name="type" defaultValue={query.type ?? ''} aria-label="Type" className="rounded-md border border-stone-300 px-2 py-1">
            <option value="">Any type</option>
            {types.map((t) => <option key={t} value={t}>{t}</option>)}
          </select>
          <input name="owner" defaultValue={query.owner} placeholder="Owner email or name" aria-label="Owner" className="rounded-md border border-stone-300 px-2 py-1" />
          <Button type="submit" variant="secondary">Filter</Button>
        </form>
      </div>
      <div className="overflow-x-auto" data-table-scroll><table className="w-full rounded-lg border border-stone-200 bg-white text-sm" data-testid="jobs">
        <thead className="bg-stone-50 text-left text-stone-500">
          <tr>
            <th className="px-3 py-2">Job</th><th className="px-3 py-2">State</th><th className="px-3 py-2">Owner</th>
            <th className="px-3 py-2">Attempts</th><th className="px-3 py-2">Compute</th><th className="px-3 py-2">Error</th><th />
          </tr>
        </thead>
        <tbody className="divide-y divide-stone-200">
          {jobs.map((j) => (
            <tr key={j.id} data-job-id={j.id} className="align-top">
              <td className="px-3 py-2">
                <p className="font-medium">{j.type}</p>
                <p className="font-mono text-xs text-stone-500">{j.id}</p>
                <p className="text-xs text-stone-500">{j.createdAt.toISOString().slice(0, 16).replace('T', ' ')}</p>
              </td>
              <td className="px-3 py-2">
                <span className={STATE_CLASS[j.state] ?? ''}>{j.state.toLowerCase()}</span>
                {j.state === 'ACTIVE' && <p className="text-xs text-stone-500">{Math.round(j.progress * 100)}%{j.workerName ? ` on ${j.workerName}` : ''}</p>}
                {j.message && j.state !== 'COMPLETED' && <p className="text-xs text-stone-500">{j.message}</p>}
              </td>
              <td className="px-3 py-2">{j.user ? j.user.email : <span className="text-stone-500">system</span>}{j.team && <p className="text-xs text-stone-500">{j.team.name}</p>}</td>
              <td className="px-3 py-2">{j.attempts}</td>
              <td className="px-3 py-2">{formatSeconds(j.gpuSeconds)}</td>
              <td className="max-w-xs break-words px-3 py-2 text-xs text-red-700">{j.error}</td>
              <td className="px-3 py-2">
                <div className="flex justify-end gap-2">
                  {(j.state === 'FAILED' || j.state === 'CANCELLED') && <JobAction jobId={j.id} action={retryJobAction} label="Retry" variant="secondary" />}
                  {(j.state === 'QUEUED' || j.state === 'ACTIVE') && <JobAction jobId={j.id} action={cancelJobAction} label="Cancel" variant="danger" />}
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table></div>
      <p className="flex gap-4 text-sm text-stone-500">
        Page {query.page} of {pages}
        {query.page > 1 && <Link href={qs(query.page - 1)} className="text-accent">Previous</Link>}
        {query.page < pages && <Link href={qs(query.page + 1)} className="text-accent">Next</Link>}
      </p>
    </div>
  );
}
