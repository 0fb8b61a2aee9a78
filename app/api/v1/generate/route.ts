import { withAuth } from '@/lib/api/with-auth';
import { generateInput, generateQuery, startGenerationWaiting } from '@/lib/synthesis/start-generation';

/**
 * Enqueues images from seeds, z, w or w+ on a synthesis worker: 202 with the job. With `?wait=N`
 * (seconds, at most 25) it answers once the job has finished, as GET /jobs/:id?wait=N does: 200
 * with the finished job, or 202 with the job as it stands when the wait runs out.
 */
export const POST = withAuth({ body: generateInput, query: generateQuery }, async ({ user, body, query, req }) => {
  const { job, finished } = await startGenerationWaiting(user.id, body, query.wait, req.signal);
  return Response.json({ job }, { status: finished ? 200 : 202 });
});
