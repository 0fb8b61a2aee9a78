import { z } from 'zod';
import { withAuth } from '@/lib/api/with-auth';
import { discoverInput, requestDiscovery } from '@/lib/directions/manage-direction';

/** Runs discovery (SeFa, GANSpace) again on a worker: 202 with the job. */
export const POST = withAuth({ body: discoverInput.extend({ checkpointId: z.string().min(1).optional() }) }, async ({ user, params, body }) =>
  Response.json({ job: await requestDiscovery(user.id, params.modelId, body) }, { status: 202 }),
);
