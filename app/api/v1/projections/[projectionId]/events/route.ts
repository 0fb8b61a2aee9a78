import { withAuth } from '@/lib/api/with-auth';
import { pollEventStream } from '@/lib/api/poll-event-stream';
import { getProjection } from '@/lib/projection/get-projection';

export const dynamic = 'force-dynamic';

const FINISHED = ['DONE', 'FAILED', 'CANCELLED'];

/** Server-sent events: `progress` (steps done, loss curve) whenever it changes, then `done`. */
export const GET = withAuth({}, async ({ user, params, req }) => {
  await getProjection(user.id, params.projectionId); // 404 before opening a stream
  let last = '';
  const stream = pollEventStream(req.signal, 1000, async (send) => {
    const p = await getProjection(user.id, params.projectionId);
    const key = `${p.status}:${p.stepsDone}`;
    if (key !== last) {
      last = key;
      send('progress', { status: p.status, stepsDone: p.stepsDone, steps: p.steps, lossCurve: p.lossCurve });
    }
    if (FINISHED.includes(p.status)) {
      send('done', { projection: p });
      return true;
    }
    return false;
  });
  return new Response(stream, { headers: { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache, no-transform', Connection: 'keep-alive' } });
});
