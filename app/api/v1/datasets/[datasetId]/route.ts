import { withAuth } from '@/lib/api/with-auth';
import { getDataset } from '@/lib/datasets/datasets';

/** The dataset with its licence, manifest and the per-file reports of its uploads. */
export const GET = withAuth({}, async ({ user, params }) => getDataset(user.id, params.datasetId));
