import { withAuth } from '@/lib/api/with-auth';
import { applyDirectionsInput, previewDirections } from '@/lib/directions/apply-directions';

/** Live preview while dragging: the edited latent as one PNG, rendered at once (no job, nothing stored). */
export const POST = withAuth({ body: applyDirectionsInput }, async ({ user, params, body }) => {
  const { png, backend, renderMs } = await previewDirections(user.id, params.modelId, body);
  return new Response(new Uint8Array(png), {
    headers: { 'content-type': 'image/png', 'cache-control': 'no-store', 'server-timing': `render;dur=${renderMs.toFixed(1)}`, 'x-tfjs-backend': backend },
  });
});
