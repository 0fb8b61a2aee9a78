// The public gallery: public, unhidden collections, newest or most forked first, paginated.
import { z } from 'zod';
import { db } from '@/lib/db';
import { reviewedModelWhere } from '@/lib/licensing/review';
import { publicListingWhere } from '@/lib/moderation/visibility';
import { collectionSelect, presentCollection } from '@/lib/collections/collections';
import { itemImageUrl } from '@/lib/collections/item-image';

export const galleryQuery = z.object({
  order: z.enum(['newest', 'most-forked']).default('newest'),
  page: z.coerce.number().int().min(1).default(1),
  perPage: z.coerce.number().int().min(1).max(60).default(24),
});

export async function listGallery(query: z.infer<typeof galleryQuery>) {
  const where = publicListingWhere;
  const orderBy =
    query.order === 'most-forked'
      ? [{ forkCount: 'desc' as const }, { createdAt: 'desc' as const }, { id: 'desc' as const }]
      : [{ createdAt: 'desc' as const }, { id: 'desc' as const }];
  const [total, rows] = await Promise.all([
    db.collection.count({ where }),
    db.collection.findMany({
      where,
      orderBy,
      skip: (query.page - 1) * query.perPage,
      take: query.perPage,
      select: {
        ...collectionSelect,
        items: {
          orderBy: { position: 'asc' },
          // Previews only of work whose model passed licence review (or needs none).
          where: { OR: [{ latent: { model: reviewedModelWhere } }, { mix: { model: reviewedModelWhere } }, { video: { model: reviewedModelWhere } }] },
          take: 4,
          select: { id: true, latent: { select: { thumbnailAssetId: true } }, mix: { select: { previewAssetId: true } }, video: { select: { previewAssetId: true } } },
        },
      },
    }),
  ]);
  const collections = rows.map(({ items, ...row }) => ({
    ...presentCollection(row, { canEdit: false }),
    previewUrls: items
      .filter((i) => i.latent?.thumbnailAssetId ?? i.mix?.previewAssetId ?? i.video?.previewAssetId)
      .map((i) => itemImageUrl(row.id, i.id)),
  }));
  return { total, page: query.page, perPage: query.perPage, order: query.order, collections };
}
