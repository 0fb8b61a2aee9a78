import type { Metadata } from 'next';
import Link from 'next/link';
import { SiteHeader } from '@/components/site-header';

export const metadata: Metadata = { title: 'Not found' };

/**
 * The one 404 page. `notFound()` anywhere (in every route group) and unknown addresses land
 * here, outside the group's own layout, so it brings the site header itself.
 */
export default function NotFound() {
  return (
    <>
      <SiteHeader />
      <main className="mx-auto max-w-lg px-6 py-24 text-center" data-testid="not-found">
        <p className="text-sm font-medium text-accent">404</p>
        <h1 className="mt-2 text-2xl font-semibold">Nothing here</h1>
        <p className="mt-2 text-stone-600">It does not exist, or you don’t have access to it.</p>
        <p className="mt-6 flex justify-center gap-4">
          <Link href="/" className="text-accent hover:underline">Home</Link>
          <Link href="/gallery" className="text-accent hover:underline">Gallery</Link>
        </p>
      </main>
    </>
  );
}
