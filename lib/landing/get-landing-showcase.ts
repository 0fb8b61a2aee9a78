// What the landing page shows: real faces of the bundled model and the interpolation video
// through them (the demo collection the seed makes and the worker renders once; lib/demo),
// and the newest public collections of the gallery. Everything here is public already.
import { db } from '@/lib/db';
import { listGallery } from '@/lib/collections/gallery';
import { itemImageUrl } from '@/lib/collections/item-image';
import { DEMO_COLLECTION } from '@/lib/demo/seed-demo-collection';
import { reviewedModelWhere } from '@/lib/licensing/review';
import { publicListingWhere } from '@/lib/moderation/visibility';
import { videoFileUrl } from '@/lib/videos/videos';

export type LandingShowcase = {
  demo: {
    collectionId: string;
    faces: { name: string; url: string }[];
    video: { name: string; mp4: string; webm: string; poster: string | null } | null;
  } | null;
  gallery: Awaited<ReturnType<typeof listGallery>>['collections'];
};

const FACES = 12;
const publicOrLinked = { visibility: { in: ['PUBLIC' as const, 'UNLISTED' as const] }, hidden: false };

export async function getLandingShowcase(): Promise<LandingShowcase> {
  // The administrator's public demo collections, newest first; the first one whose video is
  // rendered wins (a fresh seed's video takes the worker a minute).
  const candidates = await db.collection.findMany({
    where: { ...publicListingWhere, name: DEMO_COLLECTION.name, owner: { role: 'ADMIN' } },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: 5,
    select: {
      id: true,
      items: {
        orderBy: { position: 'asc' },
        where: { OR: [{ latent: { ...publicOrLinked, model: reviewedModelWhere } }, { video: { ...publicOrLinked, model: reviewedModelWhere } }] },
        select: {
          id: true,
          latent: { select: { name: true, thumbnailAssetId: true } },
          video: { select: { id: true, name: true, mp4AssetId: true, webmAssetId: true, previewAssetId: true } },
        },
      },
    },
  });
  const present = (c: (typeof candidates)[number]) => {
    const v = c.items.find((i) => i.video?.mp4AssetId && i.video.webmAssetId)?.video;
    return {
      collectionId: c.id,
      faces: c.items
        .filter((i) => i.latent?.thumbnailAssetId)
        .slice(0, FACES)
        .map((i) => ({ name: i.latent!.name, url: itemImageUrl(c.id, i.id) })),
      video: v ? { name: v.name, mp4: videoFileUrl(v.id, 'mp4'), webm: videoFileUrl(v.id, 'webm'), poster: v.previewAssetId ? videoFileUrl(v.id, 'gif') : null } : null,
    };
  };
  const shown = candidates.map(present);
  const demo = shown.find((d) => d.video && d.faces.length) ?? shown.find((d) => d.faces.length) ?? null;
  const { collections } = await listGallery({ order: 'newest', page: 1, perPage: 6 });
  return { demo, gallery: collections };
}
