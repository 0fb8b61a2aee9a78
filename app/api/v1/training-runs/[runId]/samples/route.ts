import { withAuth } from '@/lib/api/with-auth';
import { runSampleGridPng } from '@/lib/training/sample-grid';

/** The latest snapshot's sample grid (PNG). */
export const GET = withAuth({}, async ({ user, params }) => {
  const png = await runSampleGridPng(user.id, params.runId);
  return new Response(new Uint8Array(png), { headers: { 'Content-Type': 'image/png', 'Cache-Control': 'private, max-age=5' } });
});
