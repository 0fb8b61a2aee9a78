import { withAuth } from '@/lib/api/with-auth';
import { readAssetForUser } from '@/lib/assets/read-asset';

/**
 * The bytes of an asset you may see (yours, your team's, or shown by a public row).
 * Content-addressed, so the ETag is its sha256 and it never changes.
 */
export const GET = withAuth({ access: 'public' }, async ({ user, params, req }) => {
  const asset = await readAssetForUser(user?.id ?? null, params.assetId);
  const headers = {
    ETag: `"${asset.sha256}"`,
    'Cache-Control': 'private, max-age=31536000, immutable',
    'Content-Type': asset.mime,
  };
  if ((req.headers.get('if-none-match') ?? '').split(',').some((t) => t.trim().replace(/^W\//, '') === headers.ETag)) {
    return new Response(null, { status: 304, headers });
  }
  const bytes = await asset.read();
  return new Response(new Uint8Array(bytes), { headers: { ...headers, 'Content-Length': String(bytes.byteLength) } });
});
