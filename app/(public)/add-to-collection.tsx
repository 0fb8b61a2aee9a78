import { db } from '@/lib/db';
import { writableWhere } from '@/lib/collections/access';
import { Button } from '@/components/ui/button';
import { ActionForm } from '@/app/(studio)/action-form';
import { addToCollectionAction } from '@/app/(studio)/collections/actions';

/** "Add to collection" for a latent, mix or video page: the collections the user may change. */
export async function AddToCollection({ userId, type, id }: { userId: string; type: 'latent' | 'mix' | 'video'; id: string }) {
  const collections = await db.collection.findMany({ where: await writableWhere(userId), select: { id: true, name: true }, orderBy: { updatedAt: 'desc' }, take: 100 });
  if (collections.length === 0) return null;
  return (
    <ActionForm action={addToCollectionAction} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="type" value={type} />
      <input type="hidden" name="id" value={id} />
      <select name="collectionId" aria-label="Collection" className="rounded-md border border-stone-300 bg-white px-2 py-1.5 text-sm">
        {collections.map((c) => (
          <option key={c.id} value={c.id}>{c.name}</option>
        ))}
      </select>
      <Button type="submit" variant="secondary">Add to collection</Button>
    </ActionForm>
  );
}
