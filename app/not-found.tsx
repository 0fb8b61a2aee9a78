import type { Metadata } from 'next';
import Link from 'next/link';

export const metadata: Metadata = { title: 'Not found' };

/**
 * The one 404 page. It renders inside the layout of the route group that called notFound()
 * (the site header comes from there); an address no route matches goes through
 * app/(public)/[...missing] for the same reason.
 */
export default function NotFound() {
  return (
    <div className="mx-auto max-w-lg px-6 py-16 text-center" data-testid="not-found">
      <p className="text-sm font-medium text-accent">404</p>
      <h1 className="mt-2 text-2xl font-semibold">Nothing here</h1>
      <p className="mt-2 text-stone-600">It does not exist, or you don’t have access to it.</p>
      <p className="mt-6 flex justify-center gap-4">
        <Link href="/" className="text-accent hover:underline">Home</Link>
        <Link href="/gallery" className="text-accent hover:underline">Gallery</Link>
      </p>
    </div>
  );
}
