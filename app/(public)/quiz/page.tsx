import type { Metadata } from 'next';
import { cookies } from 'next/headers';
import Link from 'next/link';
import { viewerOf } from '@/lib/access/viewer';
import { getCurrentUser } from '@/lib/auth/current-user';
import { PLAYER_COOKIE } from '@/lib/quiz/constants';
import { playableModels } from '@/lib/quiz/playable-models';
import { playerOf } from '@/lib/quiz/player';
import { leaderboard, playerScore } from '@/lib/quiz/scores';
import { QuizGame } from '@/components/quiz/quiz-game';
import { Leaderboard } from '@/components/quiz/leaderboard';

export const metadata: Metadata = { title: 'Which face is real?' };
export const dynamic = 'force-dynamic';

export default async function QuizPage() {
  const user = await getCurrentUser();
  const viewer = await viewerOf(user?.id ?? null);
  const player = playerOf(user?.id ?? null, (await cookies()).get(PLAYER_COOKIE)?.value, { create: false });
  const [models, score, board] = await Promise.all([
    playableModels(viewer),
    player ? playerScore(player.key) : Promise.resolve({ answered: 0, correct: 0, accuracy: null, streak: 0, bestStreak: 0, history: [] }),
    leaderboard(viewer),
  ]);
  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-2xl font-semibold">Which face is real?</h1>
        <p className="max-w-3xl text-stone-600">
          Train your eye for generated faces, and help measure how real each model looks. {user ? null : <><Link href="/signin" className="underline">Sign in</Link> to keep your score with your account.</>}
        </p>
      </div>
      <QuizGame models={models} initialScore={score} />
      <section className="space-y-2">
        <h2 className="text-lg font-semibold">Models that fool people most</h2>
        <Leaderboard rows={board} />
      </section>
    </div>
  );
}
