import type { Metadata } from 'next';
import Link from 'next/link';
import { headers } from 'next/headers';
import { notFound } from 'next/navigation';
import { ApiError } from '@/lib/api/errors';
import { getCurrentUser } from '@/lib/auth/current-user';
import { getCollection } from '@/lib/collections/collections';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { ActionForm } from '@/app/(studio)/action-form';
import { deleteCollectionAction, forkCollectionAction, itemAction, updateCollectionAction } from '@/app/(studio)/collections/actions';
import { FieldError } from '@/components/ui/field-error';
import { HiddenItemPage, hiddenItemOr404 } from '@/components/moderation/hidden-item-page';
import { ItemModerationBar } from '@/components/moderation/item-moderation';

type Props = { params: Promise<{ collectionId: string }> };

async function load(collectionId: string) {
  const user = await getCurrentUser();
  try {
    return { user, collection: await getCollection(user?.id ?? null, collectionId) };
  } catch (err) {
    if (err instanceof ApiError && err.code === 'not_found') return { user, hiddenItem: await hiddenItemOr404(user, 'COLLECTION', collectionId) };
    throw err;
  }
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const loaded = await load((await params).collectionId);
  return { title: loaded.hiddenItem ? loaded.hiddenItem.name : loaded.collection.name };
}

// Every item opens on its own page (an item of a shared collection is shared with it).
const itemHref = (type: string, id: string) => (type === 'video' ? `/videos/${id}` : type === 'mix' ? `/mixes/${id}` : `/latents/${id}`);

export default async function CollectionPage({ params }: Props) {
  const loaded = await load((await params).collectionId);
  if (loaded.hiddenItem) return <HiddenItemPage item={loaded.hiddenItem} />;
  const { user, collection: c } = loaded;
  const h = await headers();
  const origin = `${h.get('x-forwarded-proto') ?? 'http'}://${h.get('x-forwarded-host') ?? h.get('host')}`;
  const order = c.items.map((i) => i.id).join(',');

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="space-y-1">
          <p className="text-sm text-stone-500">
            Collection by {c.team ? `${c.team.name} (team)` : c.owner.name} · <span data-testid="collection-visibility">{c.visibility.toLowerCase()}</span> · {c.forkCount} {c.forkCount === 1 ? 'fork' : 'forks'}
          </p>
          <h1 className="text-2xl font-semibold" data-testid="collection-name">{c.name}</h1>
          {c.description && <p className="max-w-2xl text-stone-600">{c.description}</p>}
          {c.forkedFrom && (
            <p className="text-sm text-stone-500">
              Forked from <Link className="text-accent hover:underline" href={`/collections/${c.forkedFrom.id}`}>{c.forkedFrom.name}</Link>
            </p>
          )}
        </div>
        {user && (
          <form action={forkCollectionAction}>
            <input type="hidden" name="collectionId" value={c.id} />
            <Button type="submit" variant="secondary">Fork into my workspace</Button>
          </form>
        )}
      </div>

      <ItemModerationBar type="COLLECTION" id={c.id} />

      {c.visibility !== 'PRIVATE' && (
        <p className="text-sm text-stone-600">
          Share link: <code data-testid="share-link" className="break-all rounded bg-stone-100 px-2 py-0.5">{`${origin}/collections/${c.id}`}</code>
        </p>
      )}

      {c.canEdit && (
        <ActionForm action={updateCollectionAction} className="grid max-w-2xl gap-2 rounded-lg border border-stone-200 bg-white p-4" resetOnSuccess={false}>
          <input type="hidden" name="collectionId" value={c.id} />
          <Input name="name" defaultValue={c.name} aria-label="Collection name" required />
          <FieldError name="name" />
          <textarea name="description" defaultValue={c.description} aria-label="Description" rows={2} className="w-full rounded-md border border-stone-300 px-3 py-2 text-sm" />
          <FieldError name="description" />
          <div className="flex flex-wrap items-center gap-2">
            <select name="visibility" aria-label="Visibility" defaultValue={c.visibility} className="rounded-md border border-stone-300 bg-white px-2 py-1.5 text-sm">
              <option value="PRIVATE">Private</option>
              <option value="UNLISTED">Unlisted (anyone with the link)</option>
              <option value="PUBLIC">Public (in the gallery)</option>
            </select>
            <Button type="submit">Save collection</Button>
          </div>
          <FieldError name="visibility" />
        </ActionForm>
      )}

      {c.items.length === 0 ? (
        <p className="rounded-lg border border-dashed border-stone-300 bg-white p-8 text-center text-stone-500">
          This collection is empty. Add latents, mixes and videos from their pages.
        </p>
      ) : (
        <ul className="grid grid-cols-2 gap-4 sm:grid-cols-3 lg:grid-cols-4" data-testid="collection-items">
          {c.items.map((item) => (
            <li key={item.id} className="overflow-hidden rounded-lg border border-stone-200 bg-white" data-testid="collection-item">
              {item.target.imageUrl ? (
                // eslint-disable-next-line @next/next/no-img-element
                <img src={item.target.imageUrl} alt={item.target.name} className="aspect-square w-full bg-stone-100 object-cover [image-rendering:pixelated]" />
              ) : (
                <div className="flex aspect-square items-center justify-center bg-stone-100 text-xs text-stone-500">no preview yet</div>
              )}
              <div className="flex items-center gap-1 px-3 py-2 text-sm">
                <Link href={itemHref(item.type, item.target.id)} className="truncate font-medium hover:underline">{item.target.name}</Link>
                <span className="ml-auto text-xs text-stone-500">{item.type}</span>
              </div>
              {c.canEdit && (
                <form action={itemAction} className="flex flex-wrap gap-1 border-t border-stone-100 px-2 py-1.5">
                  <input type="hidden" name="collectionId" value={c.id} />
                  <input type="hidden" name="itemId" value={item.id} />
                  <input type="hidden" name="order" value={order} />
                  <Button variant="secondary" name="op" value="up" aria-label={`Move ${item.target.name} up`} className="px-2">↑</Button>
                  <Button variant="secondary" name="op" value="down" aria-label={`Move ${item.target.name} down`} className="px-2">↓</Button>
                  <Button variant="danger" name="op" value="remove" className="ml-auto px-2">Remove</Button>
                </form>
              )}
            </li>
          ))}
        </ul>
      )}

      {c.canEdit && (
        <form action={deleteCollectionAction}>
          <input type="hidden" name="collectionId" value={c.id} />
          <Button type="submit" variant="danger">Delete collection</Button>
        </form>
      )}
    </div>
  );
}
