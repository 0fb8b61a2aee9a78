// A shared (unlisted or public) collection shows its items to everyone who may open it, so each
// item must open for them too. Adding a private item of one's own to a shared collection, or
// sharing a collection that holds one, makes that item unlisted (and says so); a private item
// that belongs to someone else cannot be shared this way and is refused.
import { db } from '@/lib/db';
import { conflict } from '@/lib/api/errors';
import { can } from '@/lib/access/rules';
import { viewerOf } from '@/lib/access/viewer';
import { assertLikenessShareable } from '@/lib/access/projections';

type Visibility = 'PRIVATE' | 'UNLISTED' | 'PUBLIC';
export type ItemRef = { type: 'latent' | 'mix' | 'video'; id: string };
type Row = { id: string; name: string; ownerId: string; teamId: string | null; visibility: Visibility };

const select = { id: true, name: true, ownerId: true, teamId: true, visibility: true } as const;

async function rowsOf(items: ItemRef[]): Promise<(Row & { type: ItemRef['type'] })[]> {
  const ids = (t: ItemRef['type']) => items.filter((i) => i.type === t).map((i) => i.id);
  const [latents, mixes, videos] = await Promise.all([
    db.latent.findMany({ where: { id: { in: ids('latent') } }, select }),
    db.mix.findMany({ where: { id: { in: ids('mix') } }, select }),
    db.video.findMany({ where: { id: { in: ids('video') } }, select }),
  ]);
  return [...latents.map((r) => ({ ...r, type: 'latent' as const })), ...mixes.map((r) => ({ ...r, type: 'mix' as const })), ...videos.map((r) => ({ ...r, type: 'video' as const }))];
}

/**
 * Makes the private items among `items` unlisted when the collection is (or becomes) shared.
 * Returns the names of the items it shared; refuses (409, nothing changed) when one of them is
 * someone else's.
 */
export async function shareItemsWithCollection(userId: string, items: ItemRef[], collectionVisibility: Visibility): Promise<string[]> {
  if (collectionVisibility === 'PRIVATE' || items.length === 0) return [];
  const privateRows = (await rowsOf(items)).filter((r) => r.visibility === 'PRIVATE');
  if (privateRows.length === 0) return [];
  const viewer = await viewerOf(userId);
  const notMine = privateRows.filter((r) => !can(viewer, 'share', r));
  if (notMine.length) {
    throw conflict(`“${notMine[0].name}” is private to someone else, so the people who open this ${collectionVisibility.toLowerCase()} collection could not open it: ask its owner to share it, or keep the collection private`);
  }
  await assertLikenessShareable(privateRows.filter((r) => r.type === 'latent').map((r) => r.id));
  await db.$transaction(
    privateRows.map((r) =>
      r.type === 'latent'
        ? db.latent.update({ where: { id: r.id }, data: { visibility: 'UNLISTED' }, select: { id: true } })
        : r.type === 'mix'
          ? db.mix.update({ where: { id: r.id }, data: { visibility: 'UNLISTED' }, select: { id: true } })
          : db.video.update({ where: { id: r.id }, data: { visibility: 'UNLISTED' }, select: { id: true } }),
    ),
  );
  return privateRows.map((r) => r.name);
}

/** The sentence that tells the user what sharing the collection did to its items. */
export function sharedNotice(names: string[]): string | null {
  if (names.length === 0) return null;
  const list = names.length <= 3 ? names.map((n) => `“${n}”`).join(', ') : `${names.length} items`;
  return `${list} ${names.length === 1 ? 'was private and is now unlisted' : 'were private and are now unlisted'}, so everyone who can open this collection can open ${names.length === 1 ? 'it' : 'them'} too.`;
}
