import { withAuth } from '@/lib/api/with-auth';
import { answerInput, answerRound } from '@/lib/quiz/play-round';
import { requestPlayer } from '@/lib/quiz/request-player';

/** One answer per round: which slot holds the real image. */
export const POST = withAuth({ access: 'public', body: answerInput }, async ({ user, req, params, body }) =>
  answerRound(requestPlayer(req, user?.id ?? null), params.roundId, body),
);
