import type { Metadata } from 'next';
import { requireAdmin } from '@/lib/auth/require-admin';
import { listReviews } from '@/lib/admin/reviews';
import { Button } from '@/components/ui/button';
import { decideReviewAction } from '../actions';

export const metadata: Metadata = { title: 'Licence review' };

type Item = Awaited<ReturnType<typeof listReviews>>['datasets'][number] | Awaited<ReturnType<typeof listReviews>>['models'][number];

function Licence({ l }: { l: Item['license'] }) {
  if (!l) return <span className="text-red-600">No licence declared</span>;
  return (
    <span>
      {l.spdxId ?? l.name} · {l.commercialUse ? 'commercial use' : <strong>non-commercial</strong>}
      {l.shareAlike && ' · share alike'}
      {l.attribution && ` · credit: ${l.attribution}`}
      {l.customText && <details className="mt-1"><summary className="cursor-pointer text-xs text-stone-500">Custom terms</summary><p className="whitespace-pre-wrap text-xs">{l.customText}</p></details>}
    </span>
  );
}

function Queue({ kind, items }: { kind: 'dataset' | 'model'; items: Item[] }) {
  return (
    <section className="space-y-2">
      <h2 className="text-lg font-semibold">{kind === 'dataset' ? 'Datasets' : 'Models'} <span className="text-sm font-normal text-stone-500">({items.length})</span></h2>
      {items.length === 0 ? (
        <p className="text-sm text-stone-500">Nothing waiting.</p>
      ) : (
        <ul className="space-y-2">
          {items.map((item) => (
            <li key={item.id} className="rounded-lg border border-stone-200 bg-white p-3 text-sm" data-testid={`review-${item.id}`}>
              <p className="font-medium">{item.name} <span className="font-normal text-stone-500">by {item.owner?.email ?? 'unknown'}{item.team ? ` (${item.team.name})` : ''}</span></p>
              <div className="mt-1"><Licence l={item.license} /></div>
              <form action={decideReviewAction} className="mt-2 flex flex-wrap items-center gap-2">
                <input type="hidden" name="kind" value={kind} />
                <input type="hidden" name="id" value={item.id} />
                <input name="note" placeholder="Note (optional)" aria-label="Review note" className="min-w-0 flex-1 rounded-md border border-stone-300 px-2 py-1" />
                <Button type="submit" name="decision" value="APPROVED">Approve</Button>
                <Button type="submit" name="decision" value="REJECTED" variant="danger">Reject</Button>
              </form>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export default async function AdminReviews() {
  await requireAdmin();
  const [pending, decided] = await Promise.all([listReviews('PENDING'), listReviews('DECIDED')]);
  const recent = [...decided.datasets.map((d) => ({ ...d, kind: 'Dataset' })), ...decided.models.map((m) => ({ ...m, kind: 'Model' }))]
    .sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime())
    .slice(0, 20);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Licence review</h1>
      <p className="text-sm text-stone-600">
        Datasets and imported models with custom or non-commercial terms wait here before they can be shared publicly or trained on.
      </p>
      <Queue kind="dataset" items={pending.datasets} />
      <Queue kind="model" items={pending.models} />
      <section className="space-y-2">
        <h2 className="text-lg font-semibold">Recent decisions</h2>
        {recent.length === 0 ? <p className="text-sm text-stone-500">None yet.</p> : (
          <ul className="divide-y divide-stone-200 rounded-lg border border-stone-200 bg-white text-sm">
            {recent.map((r) => (
              <li key={r.id} className="flex gap-3 px-3 py-2"><span className="w-16 text-stone-500">{r.kind}</span><span className="flex-1">{r.name}</span><span className={r.reviewStatus === 'APPROVED' ? 'text-emerald-700' : 'text-red-600'}>{r.reviewStatus}</span></li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
