import { withAuth } from '@/lib/api/with-auth';
import { clientAddress } from '@/lib/security/client-address';
import { nextRound, nextRoundInput } from '@/lib/quiz/play-round';
import { requestPlayer, withPlayerCookie } from '@/lib/quiz/request-player';
import { consumeRound } from '@/lib/quiz/throttle';

/** Your next round for a model (your unanswered one if you have it). Anonymous play is rate-limited. */
export const POST = withAuth({ access: 'public', body: nextRoundInput }, async ({ user, req, body }) => {
  const player = requestPlayer(req, user?.id ?? null, { create: true });
  await consumeRound(player, clientAddress(req.headers));
  return withPlayerCookie(req, player, { round: await nextRound(player, body) });
});
