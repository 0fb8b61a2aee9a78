import { withAuth } from '@/lib/api/with-auth';
import { forkCollection, forkCollectionInput } from '@/lib/forks/fork';

export const POST = withAuth({ body: forkCollectionInput }, async ({ user, params, body }) => {
  const collection = await forkCollection(user.id, params.collectionId, body.workspace);
  return Response.json({ collection }, { status: 201 });
});
