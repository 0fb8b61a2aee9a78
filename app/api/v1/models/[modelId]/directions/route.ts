import { withAuth } from '@/lib/api/with-auth';
import { listDirections, listDirectionsQuery } from '@/lib/directions/list-directions';
import { createDirection, createDirectionInput } from '@/lib/directions/manage-direction';

/** The model's directions on its current checkpoint (or ?checkpointId=), with the latest discovery job. */
export const GET = withAuth({ query: listDirectionsQuery }, async ({ user, params, query }) => listDirections(user.id, params.modelId, query));

/** A direction from a vector, or taught by example (with its held-out accuracy): 201. */
export const POST = withAuth({ body: createDirectionInput }, async ({ user, params, body }) =>
  Response.json(await createDirection(user.id, params.modelId, body), { status: 201 }),
);
