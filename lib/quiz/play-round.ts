// Serving, answering and annotating rounds. A round is served once, to one player; a player
// with an unanswered round gets that same round back (reloading cannot skip a hard one); an
// answer is accepted once (the update is conditional on answeredAt being null).
import { z } from 'zod';
import { viewerOf } from '@/lib/access/viewer';
import { ApiError, conflict, notFound } from '@/lib/api/errors';
import { db } from '@/lib/db';
import { enqueueJob } from '@/lib/jobs/enqueue-job';
import { modelWithVisibleData } from '@/lib/metrics/model-data';
import { CUE_IDS } from './cues';
import { POOL_LOW, POOL_SIZE } from './constants';
import { prepareQuizRoundsJob } from './jobs/prepare-rounds';
import type { Player } from './player';
import { playableModels } from './playable-models';
import { playerScore } from './scores';

export const nextRoundInput = z.object({ modelId: z.string().min(1).max(64).optional() }).strict();
export const answerInput = z.object({ pick: z.enum(['a', 'b']) }).strict();
export const cuesInput = z.object({ cues: z.array(z.enum(CUE_IDS)).max(CUE_IDS.length) }).strict();

function presentRound(r: { id: string; modelId: string }, modelName: string) {
  return { id: r.id, modelId: r.modelId, modelName, images: { a: `/api/v1/quiz/rounds/${r.id}/images/a`, b: `/api/v1/quiz/rounds/${r.id}/images/b` } };
}

/** Queues a top-up of the model's pool unless one is already queued or running. */
export async function topUpPool(modelId: string): Promise<void> {
  const ready = await db.quizRound.count({ where: { modelId, servedAt: null } });
  if (ready >= POOL_LOW) return;
  const pending = await db.job.count({ where: { type: prepareQuizRoundsJob.name, state: { in: ['QUEUED', 'ACTIVE'] }, payload: { path: ['modelId'], equals: modelId } } });
  if (pending > 0) return;
  await enqueueJob(prepareQuizRoundsJob, { modelId, count: POOL_SIZE - ready }, { userId: null });
}

async function resolveModelId(player: Player, modelId: string | undefined): Promise<string> {
  if (modelId) return modelId;
  const models = await playableModels(await viewerOf(player.userId));
  if (!models[0]) throw notFound('Model to play with');
  return models[0].id;
}

export async function nextRound(player: Player, input: z.infer<typeof nextRoundInput>) {
  const viewer = await viewerOf(player.userId);
  const { model } = await modelWithVisibleData(viewer, await resolveModelId(player, input.modelId));
  const pending = await db.quizRound.findFirst({ where: { modelId: model.id, playerKey: player.key, answeredAt: null }, select: { id: true, modelId: true } });
  if (pending) return presentRound(pending, model.name);
  const claimed = await db.$queryRaw<Array<{ id: string; modelId: string }>>`
    UPDATE "QuizRound" SET "playerKey" = ${player.key}, "userId" = ${player.userId}, "servedAt" = now()
    WHERE id = (SELECT id FROM "QuizRound" WHERE "modelId" = ${model.id} AND "servedAt" IS NULL ORDER BY "createdAt" LIMIT 1 FOR UPDATE SKIP LOCKED)
    RETURNING id, "modelId"`;
  await topUpPool(model.id);
  if (!claimed[0]) throw new ApiError('not_ready', 'A worker is preparing rounds for this model: try again in a moment', undefined, 2);
  return presentRound(claimed[0], model.name);
}

/** A round as its player sees it; anyone else (or a round of a model they may no longer see) gets 404. */
async function playersRound(player: Player, roundId: string) {
  const round = await db.quizRound.findUnique({ where: { id: roundId } });
  if (!round || round.playerKey !== player.key) throw notFound('Round');
  await modelWithVisibleData(await viewerOf(player.userId), round.modelId);
  return round;
}

export async function roundImageAsset(player: Player, roundId: string, slot: 'a' | 'b'): Promise<string> {
  const round = await playersRound(player, roundId);
  return slot === round.realSlot ? round.realAssetId : round.fakeAssetId;
}

export async function answerRound(player: Player, roundId: string, input: z.infer<typeof answerInput>) {
  const round = await playersRound(player, roundId);
  const correct = input.pick === round.realSlot;
  const { count } = await db.quizRound.updateMany({ where: { id: round.id, answeredAt: null }, data: { answeredAt: new Date(), correct } });
  if (count === 0) throw conflict('This round was already answered');
  return { correct, realSlot: round.realSlot, score: await playerScore(player.key) };
}

/** Cues are ticked once per answered round. */
export async function tickCues(player: Player, roundId: string, input: z.infer<typeof cuesInput>) {
  const round = await playersRound(player, roundId);
  if (!round.answeredAt) throw conflict('Answer the round before ticking cues');
  const cues = [...new Set(input.cues)];
  const { count } = await db.quizRound.updateMany({ where: { id: round.id, cues: { isEmpty: true } }, data: { cues } });
  if (count === 0) throw conflict('Cues for this round were already saved');
  return { cues };
}
