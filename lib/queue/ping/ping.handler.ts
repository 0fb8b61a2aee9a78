import os from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import type { JobHandler } from '@/lib/queue/define-job';
import type { PingResult, pingPayload } from '@/lib/queue/ping/ping';
import type { z } from 'zod';

const ping: JobHandler<z.infer<typeof pingPayload>, PingResult> = async (payload, ctx) => {
  for (let step = 1; step <= payload.steps; step++) {
    if (ctx.signal.aborted) throw new Error('Cancelled');
    await sleep(payload.delayMs);
    await ctx.progress(step / payload.steps, `step ${step} of ${payload.steps}`);
  }
  return {
    pong: payload.message,
    worker: `${os.hostname()}:${process.pid}`,
    backend: process.env.ATELIER_TFJS_BACKEND ?? null,
    steps: payload.steps,
  };
};

export default ping;
