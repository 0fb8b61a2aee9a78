import type { Metadata } from 'next';
import Link from 'next/link';
import { requireUser } from '@/lib/auth/current-user';
import { listLatents, listLatentsQuery } from '@/lib/latents/latents';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { LatentActions } from './latent-actions';

export const metadata: Metadata = { title: 'Latents' };

export default async function LatentsPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const user = await requireUser();
  const raw = await searchParams;
  const parsed = listLatentsQuery.safeParse({ q: raw.q || undefined, tag: raw.tag || undefined, page: raw.page || undefined, perPage: 24 });
  const query = parsed.success ? parsed.data : listLatentsQuery.parse({});
  const { total, latents, page, perPage } = await listLatents(user.id, query);
  const pages = Math.max(1, Math.ceil(total / perPage));
  const link = (p: number) => `/latents?${new URLSearchParams({ ...(query.q ? { q: query.q } : {}), ...(query.tag ? { tag: query.tag } : {}), page: String(p) })}`;
  const filtered = Boolean(query.q || query.tag);

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">Latents</h1>
          <p className="text-sm text-stone-500">{total} saved {total === 1 ? 'latent' : 'latents'}{filtered ? ' match' : ''}</p>
        </div>
        <form className="flex flex-wrap items-center gap-2" action="/latents">
          <Input name="q" defaultValue={query.q ?? ''} placeholder="Search name or tag" aria-label="Search latents" className="w-56" />
          {query.tag && <input type="hidden" name="tag" value={query.tag} />}
          <Button type="submit" variant="secondary">Search</Button>
          {filtered && <Link href="/latents" className="text-sm text-accent hover:underline">Clear</Link>}
        </form>
      </div>
      {query.tag && (
        <p className="text-sm text-stone-600">
          Tagged <span className="rounded bg-accent-soft px-2 py-0.5 text-accent">{query.tag}</span>
        </p>
      )}

      {latents.length === 0 ? (
        <div className="rounded-lg border border-dashed border-stone-300 bg-white p-10 text-center text-stone-600">
          {filtered ? (
            <p>Nothing matches. <Link href="/latents" className="text-accent hover:underline">Show all latents</Link></p>
          ) : (
            <p>
              No saved latents yet. <Link href="/explore" className="text-accent hover:underline">Explore a model</Link> and save the faces you like.
            </p>
          )}
        </div>
      ) : (
        <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3" data-testid="latent-list">
          {latents.map((l) => (
            <li key={l.id} data-testid="latent-card" className="flex gap-3 rounded-lg border border-stone-200 bg-white p-3">
              <Link href={`/explore?latent=${l.id}`} className="h-24 w-24 shrink-0 overflow-hidden rounded-md bg-stone-100" aria-label={`Open ${l.name} in the explorer`}>
                {l.thumbnail ? <img src={l.thumbnail.url} alt={l.name} className="h-full w-full object-cover [image-rendering:pixelated]" /> : <span className="flex h-full items-center justify-center text-xs text-stone-400">no preview</span>}
              </Link>
              <div className="min-w-0 flex-1 space-y-1">
                <p className="truncate font-medium" data-testid="latent-name">{l.name}</p>
                <p className="text-xs text-stone-500">
                  {l.model.name}
                  {l.seed !== null ? ` · seed ${l.seed}` : ''} · noise {l.noiseMode} · {l.createdAt.toISOString().slice(0, 10)}
                </p>
                <div className="flex flex-wrap gap-1">
                  {l.tags.map((t) => (
                    <Link key={t} href={`/latents?tag=${encodeURIComponent(t)}`} className="rounded bg-stone-100 px-1.5 py-0.5 text-xs text-stone-600 hover:bg-accent-soft hover:text-accent">
                      {t}
                    </Link>
                  ))}
                </div>
                <div className="flex flex-wrap items-center gap-2 pt-1">
                  <Link href={`/explore?latent=${l.id}`} className="text-sm font-medium text-accent hover:underline">Open in explorer</Link>
                  <Link href={`/latents/${l.id}`} className="text-sm text-accent hover:underline">How was this made?</Link>
                </div>
                <LatentActions id={l.id} name={l.name} tags={l.tags} />
              </div>
            </li>
          ))}
        </ul>
      )}

      {pages > 1 && (
        <nav className="flex items-center justify-center gap-3 text-sm" aria-label="Pages">
          {page > 1 ? <Link href={link(page - 1)} className="text-accent hover:underline">← Newer</Link> : <span className="text-stone-400">← Newer</span>}
          <span className="text-stone-600">Page {page} of {pages}</span>
          {page < pages ? <Link href={link(page + 1)} className="text-accent hover:underline">Older →</Link> : <span className="text-stone-400">Older →</span>}
        </nav>
      )}
    </div>
  );
}
