import type { Metadata } from 'next';
import Link from 'next/link';
import { requireAdmin } from '@/lib/auth/require-admin';
import { auditLogQuery, listAuditLog } from '@/lib/admin/audit-log';

export const metadata: Metadata = { title: 'Audit log' };

type Search = { page?: string; action?: string; actor?: string; targetType?: string; since?: string; until?: string };

export default async function AdminAuditLog({ searchParams }: { searchParams: Promise<Search> }) {
  await requireAdmin();
  const parsed = auditLogQuery.safeParse(await searchParams);
  const query = parsed.success ? parsed.data : { page: 1, perPage: 50 };
  const { entries, total, page, perPage } = await listAuditLog(query);
  const pages = Math.max(1, Math.ceil(total / perPage));
  const td = 'px-3 py-2 align-top';
  const filters = { action: query.action, actor: query.actor, targetType: query.targetType };
  const qs = (p: number) => {
    const params = new URLSearchParams({ page: String(p) });
    for (const [k, v] of Object.entries(filters)) if (v) params.set(k, v);
    return `/admin/audit-log?${params}`;
  };
  const input = 'rounded-md border border-stone-300 px-2 py-1 text-sm';
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-semibold">Audit log <span className="text-base font-normal text-stone-500">({total})</span></h1>
        <form action="/admin/audit-log" className="flex flex-wrap gap-2">
          <input name="action" defaultValue={query.action} placeholder="Action prefix, e.g. auth" aria-label="Filter by action" className={input} />
          <input name="actor" defaultValue={query.actor} placeholder="Who (email)" aria-label="Filter by actor" className={input} />
          <select name="targetType" defaultValue={query.targetType ?? ''} aria-label="Filter by target type" className={input}>
            <option value="">Any target</option>
            {['User', 'ApiToken', 'Team', 'Model', 'Dataset', 'TrainingRun', 'Collection', 'Mix', 'Video', 'ModerationReport'].map((t) => <option key={t} value={t}>{t}</option>)}
          </select>
          <button className="rounded-md border border-stone-300 bg-white px-3 py-1 text-sm">Filter</button>
        </form>
      </div>
      <div className="overflow-x-auto" data-table-scroll><table className="w-full rounded-lg border border-stone-200 bg-white text-sm" data-testid="audit-log">
        <thead className="bg-stone-50 text-left text-stone-500"><tr><th className="px-3 py-2">When (UTC)</th><th className="px-3 py-2">Who</th><th className="px-3 py-2">Action</th><th className="px-3 py-2">Target</th><th className="px-3 py-2">Details</th></tr></thead>
        <tbody className="divide-y divide-stone-200">
          {entries.length === 0 && <tr><td className={td} colSpan={5}>No entries.</td></tr>}
          {entries.map((e) => (
            <tr key={e.id}>
              <td className={`${td} whitespace-nowrap`}>{e.createdAt.toISOString().replace('T', ' ').slice(0, 19)}</td>
              <td className={td}>{e.actor?.email ?? <span className="text-stone-400">(no account)</span>}</td>
              <td className={td}><code>{e.action}</code></td>
              <td className={td} data-testid="audit-target">{e.targetType} <span className="font-medium">{e.targetName ?? <span className="text-stone-400">(deleted)</span>}</span></td>
              <td className={td}><code className="break-all text-xs">{JSON.stringify(e.details)}</code></td>
            </tr>
          ))}
        </tbody>
      </table></div>
      <p className="flex gap-4 text-sm text-stone-500">
        Page {page} of {pages}
        {page > 1 && <Link href={qs(page - 1)} className="text-accent">Newer</Link>}
        {page < pages && <Link href={qs(page + 1)} className="text-accent">Older</Link>}
      </p>
    </div>
  );
}
