import { withAuth } from '@/lib/api/with-auth';
import { mixPreviewForUser } from '@/lib/mixes/mixes';
import { storage } from '@/lib/storage';

export const GET = withAuth({ access: 'public' }, async ({ user, params }) => {
  const asset = await mixPreviewForUser(user?.id ?? null, params.mixId);
  const bytes = await storage().get(asset.storageKey);
  return new Response(new Uint8Array(bytes), { headers: { 'Content-Type': asset.mime, ETag: `"${asset.sha256}"`, 'Cache-Control': 'private, max-age=3600' } });
});
