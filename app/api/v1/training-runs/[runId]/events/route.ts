import { withAuth } from '@/lib/api/with-auth';
import { findAccessibleRun } from '@/lib/training/training-runs';
import { runEventStream } from '@/lib/training/run-events';

export const dynamic = 'force-dynamic';

export const GET = withAuth({}, async ({ user, params, req }) => {
  await findAccessibleRun(user.id, params.runId); // 404 before opening a stream
  return new Response(runEventStream(user.id, params.runId, req.signal), {
    headers: { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache, no-transform', Connection: 'keep-alive' },
  });
});
