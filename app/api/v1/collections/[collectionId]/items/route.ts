import { withAuth } from '@/lib/api/with-auth';
import { changeItems, collectionItemsInput } from '@/lib/collections/items';

export const POST = withAuth({ body: collectionItemsInput }, async ({ user, params, body }) => ({
  items: await changeItems(user.id, params.collectionId, body),
}));
