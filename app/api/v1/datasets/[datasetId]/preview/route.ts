import { withAuth } from '@/lib/api/with-auth';
import { datasetPreviewPng } from '@/lib/datasets/preview';

/** The dataset's preview grid (PNG). */
export const GET = withAuth({}, async ({ user, params }) => {
  const png = await datasetPreviewPng(user.id, params.datasetId);
  return new Response(new Uint8Array(png), { headers: { 'Content-Type': 'image/png', 'Cache-Control': 'private, max-age=60' } });
});
