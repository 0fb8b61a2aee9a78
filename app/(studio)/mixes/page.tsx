import type { Metadata } from 'next';
import Link from 'next/link';
import { requireUser } from '@/lib/auth/current-user';
import { listMixes } from '@/lib/mixes/list-mixes';
import { currentWorkspaceId } from '@/lib/projects/current-workspace';

export const metadata: Metadata = { title: 'Mixes' };

export default async function MixesPage() {
  const user = await requireUser();
  const mixes = await listMixes(user.id, await currentWorkspaceId(user.id));
  return (
    <div className="space-y-6">
      <div className="flex items-end justify-between">
        <h1 className="text-2xl font-semibold">Mixes</h1>
        <Link href="/mixes/new" className="rounded-md bg-accent px-3 py-1.5 text-sm font-medium text-white hover:opacity-90">New mix</Link>
      </div>
      {mixes.length === 0 ? (
        <p className="rounded-lg border border-dashed border-stone-300 bg-white p-8 text-center text-stone-500">No mixes yet. Take the pose of one face and the features of another in the mix composer.</p>
      ) : (
        <ul className="grid grid-cols-2 gap-4 sm:grid-cols-3 lg:grid-cols-5" data-testid="mix-list">
          {mixes.map((m) => (
            <li key={m.id} className="overflow-hidden rounded-lg border border-stone-200 bg-white">
              <Link href={`/mixes/${m.id}`} className="block">
                {m.previewUrl ? (
                  // eslint-disable-next-line @next/next/no-img-element
                  <img src={m.previewUrl} alt={m.name} className="aspect-square w-full bg-stone-100 object-cover" />
                ) : (
                  <div className="flex aspect-square items-center justify-center bg-stone-100 text-xs text-stone-500">rendering…</div>
                )}
              </Link>
              <div className="px-3 py-2 text-sm">
                <Link href={`/mixes/${m.id}`} className="font-medium text-accent hover:underline">{m.name}</Link>
                <p className="text-xs text-stone-500">{m.model.name} · {m.visibility.toLowerCase()}</p>
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
