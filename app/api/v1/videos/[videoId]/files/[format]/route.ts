import { withAuth } from '@/lib/api/with-auth';
import { storage } from '@/lib/storage';
import { videoFileForUser } from '@/lib/videos/videos';

/** The MP4, WebM or GIF of a video you may see, with byte ranges so players can seek. */
export const GET = withAuth({ access: 'public' }, async ({ user, params, req }) => {
  const asset = await videoFileForUser(user?.id ?? null, params.videoId, params.format);
  const bytes = await storage().get(asset.storageKey);
  const headers: Record<string, string> = {
    'Content-Type': asset.mime,
    'Accept-Ranges': 'bytes',
    ETag: `"${asset.sha256}"`,
    'Cache-Control': 'private, max-age=3600',
  };
  const range = /^bytes=(\d*)-(\d*)$/.exec(req.headers.get('range') ?? '');
  if (range && (range[1] || range[2])) {
    const size = bytes.byteLength;
    const start = range[1] ? Number(range[1]) : Math.max(0, size - Number(range[2]));
    const end = range[1] && range[2] ? Math.min(Number(range[2]), size - 1) : size - 1;
    if (start >= size || start > end) return new Response(null, { status: 416, headers: { ...headers, 'Content-Range': `bytes */${size}` } });
    return new Response(new Uint8Array(bytes.subarray(start, end + 1)), {
      status: 206,
      headers: { ...headers, 'Content-Range': `bytes ${start}-${end}/${size}`, 'Content-Length': String(end - start + 1) },
    });
  }
  return new Response(new Uint8Array(bytes), { headers: { ...headers, 'Content-Length': String(bytes.byteLength) } });
});
