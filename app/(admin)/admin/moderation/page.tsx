import type { Metadata } from 'next';
import { requireAdmin } from '@/lib/auth/require-admin';
import { listReports } from '@/lib/moderation/moderate';
import { db } from '@/lib/db';
import { Button } from '@/components/ui/button';
import { resolveReportAction, setHiddenAction } from '../actions';

export const metadata: Metadata = { title: 'Moderation' };

export default async function AdminModeration() {
  await requireAdmin();
  const select = { id: true, name: true, updatedAt: true } as const;
  const [open, closed, hiddenLatents, hiddenMixes, hiddenVideos, hiddenCollections, hiddenModels] = await Promise.all([
    listReports({ resolved: false }),
    listReports({ resolved: true }),
    db.latent.findMany({ where: { hidden: true }, select, take: 100 }),
    db.mix.findMany({ where: { hidden: true }, select: { id: true, name: true }, take: 100 }),
    db.video.findMany({ where: { hidden: true }, select: { id: true, name: true }, take: 100 }),
    db.collection.findMany({ where: { hidden: true }, select, take: 100 }),
    db.model.findMany({ where: { hidden: true }, select, take: 100 }),
  ]);
  const hidden = [
    ...hiddenLatents.map((r) => ({ ...r, type: 'LATENT' })),
    ...hiddenMixes.map((r) => ({ ...r, type: 'MIX' })),
    ...hiddenVideos.map((r) => ({ ...r, type: 'VIDEO' })),
    ...hiddenCollections.map((r) => ({ ...r, type: 'COLLECTION' })),
    ...hiddenModels.map((r) => ({ ...r, type: 'MODEL' })),
  ];
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Moderation</h1>
      <section className="space-y-2">
        <h2 className="text-lg font-semibold">Open reports <span className="text-sm font-normal text-stone-500">({open.length})</span></h2>
        {open.length === 0 ? <p className="text-sm text-stone-500">No open reports.</p> : (
          <ul className="space-y-2">
            {open.map((r) => (
              <li key={r.id} className="rounded-lg border border-stone-200 bg-white p-3 text-sm" data-testid={`report-${r.id}`}>
                <p>
                  <span className="font-medium">{r.targetType.toLowerCase()} “{r.target?.name ?? r.targetId}”</span>{' '}
                  <span className="text-stone-500">reported by {r.reporter.email} on {r.createdAt.toISOString().slice(0, 10)}{r.target?.hidden ? ' · already hidden' : ''}</span>
                </p>
                <p className="mt-1 whitespace-pre-wrap">{r.reason}</p>
                <form action={resolveReportAction} className="mt-2 flex flex-wrap items-center gap-2">
                  <input type="hidden" name="reportId" value={r.id} />
                  <input name="note" placeholder="Note (optional)" aria-label="Moderation note" className="min-w-0 flex-1 rounded-md border border-stone-300 px-2 py-1" />
                  <Button type="submit" name="action" value="hide" variant="danger">Hide item</Button>
                  <Button type="submit" name="action" value="dismiss" variant="secondary">Dismiss</Button>
                </form>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="space-y-2">
        <h2 className="text-lg font-semibold">Hidden items <span className="text-sm font-normal text-stone-500">({hidden.length})</span></h2>
        {hidden.length === 0 ? <p className="text-sm text-stone-500">Nothing hidden.</p> : (
          <ul className="divide-y divide-stone-200 rounded-lg border border-stone-200 bg-white text-sm">
            {hidden.map((h) => (
              <li key={`${h.type}-${h.id}`} className="flex items-center gap-3 px-3 py-2" data-testid={`hidden-${h.id}`}>
                <span className="w-24 text-stone-500">{h.type.toLowerCase()}</span>
                <span className="flex-1">{h.name}</span>
                <form action={setHiddenAction}>
                  <input type="hidden" name="targetType" value={h.type} />
                  <input type="hidden" name="targetId" value={h.id} />
                  <input type="hidden" name="hidden" value="false" />
                  <Button type="submit" variant="secondary">Restore</Button>
                </form>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="space-y-2">
        <h2 className="text-lg font-semibold">Resolved reports</h2>
        {closed.length === 0 ? <p className="text-sm text-stone-500">None yet.</p> : (
          <ul className="divide-y divide-stone-200 rounded-lg border border-stone-200 bg-white text-sm">
            {closed.slice(0, 50).map((r) => (
              <li key={r.id} className="px-3 py-2">
                {r.targetType.toLowerCase()} “{r.target?.name ?? r.targetId}” — {r.resolution} <span className="text-stone-500">by {r.resolvedBy?.email ?? '—'}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
