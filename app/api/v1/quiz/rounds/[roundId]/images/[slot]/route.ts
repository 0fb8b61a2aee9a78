import { withAuth } from '@/lib/api/with-auth';
import { notFound } from '@/lib/api/errors';
import { readAssetForQuiz } from '@/lib/quiz/round-image';
import { requestPlayer } from '@/lib/quiz/request-player';

/** A round's image in slot a or b, for its player only. No ETag: nothing may tell the two apart. */
export const GET = withAuth({ access: 'public' }, async ({ user, req, params }) => {
  if (params.slot !== 'a' && params.slot !== 'b') throw notFound('Image');
  const bytes = await readAssetForQuiz(requestPlayer(req, user?.id ?? null), params.roundId, params.slot);
  return new Response(new Uint8Array(bytes), { headers: { 'Content-Type': 'image/png', 'Cache-Control': 'private, max-age=3600', 'Content-Length': String(bytes.byteLength) } });
});
