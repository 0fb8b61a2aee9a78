import { withAuth } from '@/lib/api/with-auth';
import { changeItems, collectionItemsInput } from '@/lib/collections/items';

import { sharedNotice } from '@/lib/collections/share-items';

export const POST = withAuth({ body: collectionItemsInput }, async ({ user, params, body }) => {
  const { items, shared } = await changeItems(user.id, params.collectionId, body);
  return { items, shared, notice: sharedNotice(shared) };
});
