import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Metadata } from 'next';
import Link from 'next/link';
import { SiteHeader } from '@/components/site-header';
import { Markdown } from '@/lib/docs/markdown';

export const metadata: Metadata = { title: 'API documentation' };

/** docs/api.md, the one API reference, rendered as a page (linked from the landing page's footer). */
export default async function ApiDocsPage() {
  const source = await readFile(path.join(process.cwd(), 'docs', 'api.md'), 'utf8');
  return (
    <>
      <SiteHeader />
      <main className="mx-auto max-w-4xl px-4 py-8 sm:px-6">
        <p className="mb-4 text-xs text-stone-500">
          The source of this page is <code>docs/api.md</code>. <Link href="/" className="text-accent hover:underline">Home</Link>
        </p>
        <Markdown source={source} />
      </main>
    </>
  );
}
