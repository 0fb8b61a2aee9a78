import Link from 'next/link';
import { plural } from '@/lib/format/plural';

export type CollectionCard = {
  id: string;
  name: string;
  previewUrls: string[];
  itemCount: number;
  forkCount: number;
  owner: { name: string };
  team: { name: string } | null;
};

/** Public collections as cards with up to four previews: the gallery page and the landing page. */
export function CollectionCards({ collections, testId, showForks = false }: { collections: CollectionCard[]; testId: string; showForks?: boolean }) {
  return (
    <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3" data-testid={testId}>
      {collections.map((c) => (
        <li key={c.id} className="rounded-lg border border-stone-200 bg-white p-4">
          <div className="mb-3 grid grid-cols-4 gap-1">
            {c.previewUrls.map((url) => (
              // eslint-disable-next-line @next/next/no-img-element
              <img key={url} src={url} alt="" className="aspect-square w-full rounded bg-stone-100 object-cover" />
            ))}
          </div>
          <Link href={`/collections/${c.id}`} className="font-medium text-accent hover:underline">{c.name}</Link>
          <p className="text-xs text-stone-500">
            by {c.team?.name ?? c.owner.name} · {plural(c.itemCount, 'item')}
            {showForks ? ` · ${plural(c.forkCount, 'fork')}` : ''}
          </p>
        </li>
      ))}
    </ul>
  );
}
