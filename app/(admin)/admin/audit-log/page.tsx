import type { Metadata } from 'next';
import Link from 'next/link';
import { requireAdmin } from '@/lib/auth/require-admin';
import { auditLogQuery, listAuditLog } from '@/lib/admin/audit-log';

export const metadata: Metadata = { title: 'Audit log' };

export default async function AdminAuditLog({ searchParams }: { searchParams: Promise<{ page?: string; action?: string }> }) {
  await requireAdmin();
  const parsed = auditLogQuery.safeParse(await searchParams);
  const query = parsed.success ? parsed.data : { page: 1, perPage: 50 };
  const { entries, total, page, perPage } = await listAuditLog(query);
  const pages = Math.max(1, Math.ceil(total / perPage));
  const td = 'px-3 py-2 align-top';
  const qs = (p: number) => `/admin/audit-log?page=${p}${query.action ? `&action=${encodeURIComponent(query.action)}` : ''}`;
  return (
    <div className="space-y-4">
      <div className="flex items-baseline justify-between">
        <h1 className="text-2xl font-semibold">Audit log <span className="text-base font-normal text-stone-500">({total})</span></h1>
        <form action="/admin/audit-log" className="flex gap-2">
          <input name="action" defaultValue={query.action} placeholder="Action prefix, e.g. quota" aria-label="Filter by action" className="rounded-md border border-stone-300 px-2 py-1 text-sm" />
          <button className="rounded-md border border-stone-300 bg-white px-3 py-1 text-sm">Filter</button>
        </form>
      </div>
      <table className="w-full rounded-lg border border-stone-200 bg-white text-sm" data-testid="audit-log">
        <thead className="bg-stone-50 text-left text-stone-500"><tr><th className="px-3 py-2">When (UTC)</th><th className="px-3 py-2">Who</th><th className="px-3 py-2">Action</th><th className="px-3 py-2">Target</th><th className="px-3 py-2">Details</th></tr></thead>
        <tbody className="divide-y divide-stone-200">
          {entries.length === 0 && <tr><td className={td} colSpan={5}>No entries.</td></tr>}
          {entries.map((e) => (
            <tr key={e.id}>
              <td className={`${td} whitespace-nowrap`}>{e.createdAt.toISOString().replace('T', ' ').slice(0, 19)}</td>
              <td className={td}>{e.actor.email}</td>
              <td className={td}><code>{e.action}</code></td>
              <td className={td}>{e.targetType} <code className="text-xs text-stone-500">{e.targetId}</code></td>
              <td className={td}><code className="break-all text-xs">{JSON.stringify(e.details)}</code></td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="flex gap-4 text-sm text-stone-500">
        Page {page} of {pages}
        {page > 1 && <Link href={qs(page - 1)} className="text-accent">Newer</Link>}
        {page < pages && <Link href={qs(page + 1)} className="text-accent">Older</Link>}
      </p>
    </div>
  );
}
