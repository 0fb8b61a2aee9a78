import { withAuth } from '@/lib/api/with-auth';
import { generateInput, startGeneration } from '@/lib/synthesis/start-generation';

/** Enqueues images from seeds, z, w or w+ on a synthesis worker: 202 with the job. */
export const POST = withAuth({ body: generateInput }, async ({ user, body }) => Response.json({ job: await startGeneration(user.id, body) }, { status: 202 }));
