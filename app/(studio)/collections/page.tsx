import type { Metadata } from 'next';
import Link from 'next/link';
import { requireUser } from '@/lib/auth/current-user';
import { currentWorkspaceId } from '@/lib/projects/current-workspace';
import { listCollections } from '@/lib/collections/collections';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { ActionForm } from '../action-form';
import { createCollectionAction } from './actions';
import { FieldError } from '@/components/ui/field-error';

export const metadata: Metadata = { title: 'Collections' };

export default async function CollectionsPage() {
  const user = await requireUser();
  const collections = await listCollections(user.id, await currentWorkspaceId(user.id));
  return (
    <div className="space-y-6">
      <div className="flex items-end justify-between">
        <h1 className="text-2xl font-semibold">Collections</h1>
        <Link href="/gallery" className="text-sm text-accent hover:underline">Public gallery</Link>
      </div>
      <ActionForm action={createCollectionAction} className="flex flex-wrap items-center gap-2">
        <Input name="name" placeholder="New collection name" aria-label="New collection name" className="max-w-xs" required />
        <FieldError name="name" />
        <select name="visibility" aria-label="Visibility" defaultValue="PRIVATE" className="rounded-md border border-stone-300 bg-white px-2 py-2 text-sm">
          <option value="PRIVATE">Private</option>
          <option value="UNLISTED">Unlisted (anyone with the link)</option>
          <option value="PUBLIC">Public (in the gallery)</option>
        </select>
        <Button type="submit">Create collection</Button>
      </ActionForm>
      {collections.length === 0 ? (
        <p className="rounded-lg border border-dashed border-stone-300 bg-white p-8 text-center text-stone-500">
          No collections in this workspace yet. Gather latents, mixes and videos to share them.
        </p>
      ) : (
        <ul className="divide-y divide-stone-200 rounded-lg border border-stone-200 bg-white" data-testid="collection-list">
          {collections.map((c) => (
            <li key={c.id} className="flex items-center gap-3 px-4 py-3">
              <Link href={`/collections/${c.id}`} className="font-medium text-accent hover:underline">{c.name}</Link>
              <span className="rounded bg-stone-100 px-2 py-0.5 text-xs text-stone-600">{c.visibility.toLowerCase()}</span>
              <span className="ml-auto text-xs text-stone-500">{c.itemCount} {c.itemCount === 1 ? 'item' : 'items'} · {c.forkCount} {c.forkCount === 1 ? 'fork' : 'forks'}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
