import Link from 'next/link';
import { SiteHeader } from '@/components/site-header';

/** The one 403 page; like the 404 it renders outside the route group's layout, so it brings the header. */
export default function Forbidden() {
  return (
    <>
      <SiteHeader />
      <main className="mx-auto max-w-lg px-6 py-24 text-center">
        <p className="text-sm font-medium text-accent">403</p>
        <h1 className="mt-2 text-2xl font-semibold">You can’t open this page</h1>
        <p className="mt-2 text-stone-600">This area is for administrators only.</p>
        <Link href="/studio" className="mt-6 inline-block text-accent hover:underline">Back to the studio</Link>
      </main>
    </>
  );
}
