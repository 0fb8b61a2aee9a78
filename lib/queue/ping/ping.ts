import { z } from 'zod';
import { defineJob } from '@/lib/queue/define-job';

export const pingPayload = z.object({
  message: z.string().max(200).default('ping'),
  steps: z.number().int().min(1).max(20).default(4),
  delayMs: z.number().int().min(0).max(2000).default(100),
});

export type PingResult = { pong: string; worker: string; backend: string | null; steps: number };

/** Proves the round trip route → queue → worker → result, with progress events. */
export const pingJob = defineJob({
  name: 'ping',
  queue: 'default',
  schema: pingPayload,
  load: () => import('@/lib/queue/ping/ping.handler'),
});
