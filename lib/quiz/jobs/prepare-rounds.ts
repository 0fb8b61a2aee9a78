import { z } from 'zod';
import { defineJob } from '@/lib/queue/define-job';

export const prepareRoundsPayload = z.object({ modelId: z.string().min(1), count: z.number().int().min(1).max(200) });

/** Renders quiz rounds ahead of play (one real, one generated image each) into the model's pool. */
export const prepareQuizRoundsJob = defineJob({
  name: 'quiz-prepare-rounds',
  queue: 'default',
  schema: prepareRoundsPayload,
  attempts: 2,
  load: () => import(/* webpackIgnore: true */ /* turbopackIgnore: true */ '@/lib/quiz/jobs/prepare-rounds.handler'),
});
