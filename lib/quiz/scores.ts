// Scores: a player's accuracy, streaks and history; a model's fool rate (the share of answers
// that took its fake for the real image) with a 95 % Wilson interval, and its most ticked cues.
import { db } from '@/lib/db';
import type { Viewer } from '@/lib/access/rules';
import { playableModels } from './playable-models';
import { CUE_IDS, type CueId } from './cues';
import { wilson } from './wilson';

export { wilson } from './wilson';

export async function playerScore(playerKey: string) {
  const rows = await db.quizRound.findMany({
    where: { playerKey, answeredAt: { not: null } },
    select: { id: true, correct: true, answeredAt: true, modelId: true, model: { select: { name: true } } },
    orderBy: { answeredAt: 'asc' },
  });
  let streak = 0;
  let best = 0;
  for (const r of rows) {
    streak = r.correct ? streak + 1 : 0;
    best = Math.max(best, streak);
  }
  const correct = rows.filter((r) => r.correct).length;
  return {
    answered: rows.length,
    correct,
    accuracy: rows.length ? correct / rows.length : null,
    streak,
    bestStreak: best,
    history: rows.slice(-20).reverse().map((r) => ({ roundId: r.id, modelId: r.modelId, modelName: r.model.name, correct: Boolean(r.correct), answeredAt: r.answeredAt })),
  };
}

export async function modelQuizStats(modelId: string) {
  const rows = await db.quizRound.findMany({ where: { modelId, answeredAt: { not: null } }, select: { correct: true, cues: true } });
  const fooled = rows.filter((r) => r.correct === false).length;
  const counts = new Map<CueId, number>(CUE_IDS.map((c) => [c, 0]));
  for (const r of rows) for (const c of r.cues) if (counts.has(c as CueId)) counts.set(c as CueId, counts.get(c as CueId)! + 1);
  const [lo, hi] = wilson(fooled, rows.length);
  return {
    votes: rows.length,
    fooled,
    foolRate: rows.length ? fooled / rows.length : null,
    foolRateCi95: rows.length ? [lo, hi] : null,
    topCues: [...counts.entries()].filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1]).slice(0, 3).map(([cue, count]) => ({ cue, count })),
  };
}

/** The models the viewer may play, ranked by fool rate (lower bound of the interval first). */
export async function leaderboard(viewer: Viewer) {
  const models = await playableModels(viewer);
  const rows = await Promise.all(models.map(async (m) => ({ modelId: m.id, name: m.name, ...(await modelQuizStats(m.id)) })));
  return rows.sort((a, b) => (b.foolRateCi95?.[0] ?? -1) - (a.foolRateCi95?.[0] ?? -1) || b.votes - a.votes);
}
