import { withAuth } from '@/lib/api/with-auth';
import { projectionImage } from '@/lib/projection/manage-projection';

export const dynamic = 'force-dynamic';

/** target | current | result | difference, as PNG; private to the owner, never cached by others. */
export const GET = withAuth({}, async ({ user, params }) =>
  new Response(new Uint8Array(await projectionImage(user.id, params.projectionId, params.kind)), {
    headers: { 'Content-Type': 'image/png', 'Cache-Control': 'private, no-store' },
  }),
);
