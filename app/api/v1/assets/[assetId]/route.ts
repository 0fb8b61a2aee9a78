import { withAuth } from '@/lib/api/with-auth';
import { readAssetForUser, readSignedAsset } from '@/lib/assets/read-asset';
import { verifyAssetSignature } from '@/lib/access/signed-asset-urls';

/** `?exp=…&sig=…`: a signed link (a synthesis job's `signedUrl`) that needs no authentication. */
function signedAssetLink(params: Record<string, string>, query: URLSearchParams) {
  if (!query.has('sig') && !query.has('exp')) return null;
  return verifyAssetSignature(params.assetId ?? '', query.get('exp'), query.get('sig'));
}

/**
 * The bytes of an asset you may see (yours, your team's, or shown by a public row), or that a
 * signed link (`?exp=…&sig=…`, a synthesis job's image `signedUrl`) names.
 * Content-addressed, so the ETag is its sha256 and it never changes.
 */
export const GET = withAuth({ access: 'public', signedUrl: signedAssetLink }, async ({ user, signed, params, req }) => {
  const asset = signed ? await readSignedAsset(params.assetId) : await readAssetForUser(user?.id ?? null, params.assetId);
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
