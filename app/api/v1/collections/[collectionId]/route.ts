import { withAuth } from '@/lib/api/with-auth';
import { deleteCollection, getCollection, updateCollection, updateCollectionInput } from '@/lib/collections/collections';

export const GET = withAuth({ access: 'public' }, async ({ user, params }) => ({
  collection: await getCollection(user?.id ?? null, params.collectionId),
}));

export const PATCH = withAuth({ body: updateCollectionInput }, async ({ user, params, body }) => ({
  collection: await updateCollection(user.id, params.collectionId, body),
}));

export const DELETE = withAuth({}, async ({ user, params }) => {
  await deleteCollection(user.id, params.collectionId);
  return new Response(null, { status: 204 });
});
