import { withAuth } from '@/lib/api/with-auth';
import { downloadAssetForUser, headerSafe } from '@/lib/provenance/download-asset';

/**
 * The asset as a file to keep: provenance embedded (XMP in PNGs, container tags in MP4/WebM),
 * the licence terms and attribution in `X-Attribution`, the record linked from `Link`.
 */
export const GET = withAuth({ access: 'public' }, async ({ user, params }) => {
  const file = await downloadAssetForUser(user, params.assetId);
  const headers: Record<string, string> = {
    'Content-Type': file.mime,
    'Content-Length': String(file.bytes.byteLength),
    'Content-Disposition': `attachment; filename="${file.filename}"`,
    'Cache-Control': 'private, no-store',
  };
  if (file.provenanceId) {
    headers['X-Provenance-Id'] = file.provenanceId;
    headers.Link = `</api/v1/provenance/${file.provenanceId}>; rel="describedby"; type="application/json"`;
  }
  if (file.attribution) headers['X-Attribution'] = headerSafe(file.attribution);
  return new Response(new Uint8Array(file.bytes), { headers });
});
