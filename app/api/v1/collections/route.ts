import { z } from 'zod';
import { withAuth } from '@/lib/api/with-auth';
import { createCollection, createCollectionInput, listCollections } from '@/lib/collections/collections';

const listQuery = z.object({ workspace: z.string().optional() });

export const GET = withAuth({ query: listQuery }, async ({ user, query }) => ({
  collections: await listCollections(user.id, query.workspace),
}));

export const POST = withAuth({ body: createCollectionInput }, async ({ user, body }) => {
  const collection = await createCollection(user.id, body);
  return Response.json({ collection }, { status: 201 });
});
