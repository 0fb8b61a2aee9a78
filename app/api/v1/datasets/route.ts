import { z } from 'zod';
import { withAuth } from '@/lib/api/with-auth';
import { createDataset, createDatasetInput, listDatasets } from '@/lib/datasets/datasets';

const listQuery = z.object({ workspace: z.string().optional() });

export const GET = withAuth({ query: listQuery }, async ({ user, query }) => ({ datasets: await listDatasets(user.id, query.workspace) }));

export const POST = withAuth({ body: createDatasetInput }, async ({ user, body }) => {
  const dataset = await createDataset(user.id, body);
  return Response.json({ dataset }, { status: 201 });
});
