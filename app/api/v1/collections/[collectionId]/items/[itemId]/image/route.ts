import { withAuth } from '@/lib/api/with-auth';
import { readItemImage } from '@/lib/collections/item-image';

export const GET = withAuth({ access: 'public' }, async ({ user, params }) => {
  const image = await readItemImage(user?.id ?? null, params.collectionId, params.itemId);
  return new Response(new Uint8Array(image.bytes), {
    headers: { 'Content-Type': image.mime, ETag: `"${image.sha256}"`, 'Cache-Control': 'private, max-age=300' },
  });
});
