import { withAuth } from '@/lib/api/with-auth';
import { playerOf } from '@/lib/quiz/player';
import { PLAYER_COOKIE } from '@/lib/quiz/constants';
import { playerScore } from '@/lib/quiz/scores';

/** Your accuracy, streaks and last 20 answers (signed in, or by the anonymous player cookie). */
export const GET = withAuth({ access: 'public' }, async ({ user, req }) => {
  const player = playerOf(user?.id ?? null, req.cookies.get(PLAYER_COOKIE)?.value, { create: false });
  return { score: player ? await playerScore(player.key) : { answered: 0, correct: 0, accuracy: null, streak: 0, bestStreak: 0, history: [] } };
});
