import type { Metadata } from 'next';
import Link from 'next/link';
import { galleryQuery, listGallery } from '@/lib/collections/gallery';

export const metadata: Metadata = { title: 'Gallery' };

export default async function GalleryPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const parsed = galleryQuery.safeParse(await searchParams);
  const query = parsed.success ? parsed.data : galleryQuery.parse({});
  const { collections, total, page, perPage, order } = await listGallery(query);
  const pages = Math.max(1, Math.ceil(total / perPage));
  const href = (p: number, o = order) => `/gallery?order=${o}&page=${p}`;

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <h1 className="text-2xl font-semibold">Gallery</h1>
        <nav className="flex gap-3 text-sm" aria-label="Order">
          <Link href={href(1, 'newest')} className={order === 'newest' ? 'font-semibold' : 'text-accent hover:underline'}>Newest</Link>
          <Link href={href(1, 'most-forked')} className={order === 'most-forked' ? 'font-semibold' : 'text-accent hover:underline'}>Most forked</Link>
        </nav>
      </div>
      {collections.length === 0 ? (
        <p className="rounded-lg border border-dashed border-stone-300 bg-white p-8 text-center text-stone-500">No public collections yet.</p>
      ) : (
        <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3" data-testid="gallery">
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
                by {c.team?.name ?? c.owner.name} · {c.itemCount} {c.itemCount === 1 ? 'item' : 'items'} · {c.forkCount} {c.forkCount === 1 ? 'fork' : 'forks'}
              </p>
            </li>
          ))}
        </ul>
      )}
      <div className="flex items-center gap-3 text-sm">
        {page > 1 && <Link href={href(page - 1)} className="text-accent hover:underline">← Previous</Link>}
        <span className="text-stone-500">Page {page} of {pages}</span>
        {page < pages && <Link href={href(page + 1)} className="text-accent hover:underline">Next →</Link>}
      </div>
    </div>
  );
}
