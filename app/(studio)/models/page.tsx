import type { Metadata } from 'next';
import Link from 'next/link';
import { requireUser } from '@/lib/auth/current-user';
import { env } from '@/lib/env';
import { listLicenses } from '@/lib/models/licenses';
import { listModels, listSetAsideModels } from '@/lib/models/models';
import { ImportModelForm } from './import-form';

export const metadata: Metadata = { title: 'Models' };

export default async function ModelsPage() {
  const user = await requireUser();
  const [models, setAside, licenses] = await Promise.all([listModels(user.id), listSetAsideModels(user.id), listLicenses()]);
  return (
    <div className="space-y-8">
      <h1 className="text-2xl font-semibold">Models</h1>
      {models.length === 0 ? (
        <p className="rounded-lg border border-dashed border-stone-300 bg-white p-8 text-center text-stone-500">No models yet. Import one below.</p>
      ) : (
        <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3" data-testid="model-list">
          {models.map((m) => (
            <li key={m.id} className="overflow-hidden rounded-lg border border-stone-200 bg-white">
              <Link href={`/models/${m.id}`} className="block">
                <div className="aspect-square bg-stone-100">
                  {m.sampleGrid ? <img src={m.sampleGrid.url} alt={`Samples of ${m.name}`} className="h-full w-full object-cover [image-rendering:pixelated]" /> : <span className="flex h-full items-center justify-center text-sm text-stone-400">Sample grid rendering…</span>}
                </div>
                <div className="space-y-0.5 p-3">
                  <p className="font-medium">{m.name}</p>
                  <p className="text-xs text-stone-500">
                    {m.architecture.resolution} px · {m.visibility.toLowerCase()} · {m.license?.spdxId ?? m.license?.name ?? 'no licence'}
                    {m.mine ? ' · yours' : m.owner ? ` · by ${m.owner.name}` : ''}
                  </p>
                </div>
              </Link>
            </li>
          ))}
        </ul>
      )}
      {setAside.length > 0 && (
        <section className="space-y-2" data-testid="set-aside-models">
          <h2 className="font-semibold">Hidden and unfinished</h2>
          <p className="text-sm text-stone-500">Left out of the list above and the explorer. Open one to show it again or promote a checkpoint of its run.</p>
          <ul className="divide-y divide-stone-100 rounded-lg border border-stone-200 bg-white text-sm">
            {setAside.map((m) => (
              <li key={m.id} className="flex flex-wrap items-center gap-2 px-3 py-2">
                <Link href={`/models/${m.id}`} className="font-medium text-accent hover:underline">{m.name}</Link>
                <span className="text-xs text-stone-500">{m.archived ? 'hidden' : 'not usable yet: its fine-tune is running or did not complete'}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      <ImportModelForm licenses={licenses} maxMb={env().MODEL_UPLOAD_MAX_MB} />
    </div>
  );
}
