import { withAuth } from '@/lib/api/with-auth';
import { declareLicence, declareLicenceInput } from '@/lib/datasets/declare-licence';

export const PUT = withAuth({ body: declareLicenceInput }, async ({ user, params, body }) => ({
  dataset: await declareLicence(user.id, params.datasetId, body),
}));
