import type { Metadata } from 'next';
import Link from 'next/link';
import { galleryQuery, listGallery } from '@/lib/collections/gallery';
import { CollectionCards } from '@/components/gallery/collection-cards';

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
        <CollectionCards collections={collections} testId="gallery" showForks />
      )}
      <div className="flex items-center gap-3 text-sm">
        {page > 1 && <Link href={href(page - 1)} className="text-accent hover:underline">← Previous</Link>}
        <span className="text-stone-500">Page {page} of {pages}</span>
        {page < pages && <Link href={href(page + 1)} className="text-accent hover:underline">Next →</Link>}
      </div>
    </div>
  );
}
