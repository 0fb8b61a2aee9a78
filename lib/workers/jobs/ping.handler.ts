import { setTimeout as sleep } from 'node:timers/promises';
import type { JobHandler } from '@/lib/queue/define-job';
import type { PingResult, pingPayload } from '@/lib/workers/jobs/ping';
import { backendLabel, currentBackendInfo } from '@/lib/workers/current-backend';
import { workerId } from '@/lib/workers/register-worker';
import type { z } from 'zod';

const ping: JobHandler<z.infer<typeof pingPayload>, PingResult> = async (payload, ctx) => {
  for (let step = 1; step <= payload.steps; step++) {
    if (ctx.signal.aborted) throw new Error('Cancelled');
    await sleep(payload.delayMs);
    await ctx.progress(step / payload.steps, `step ${step} of ${payload.steps}`);
  }
  const info = await currentBackendInfo();
  return {
    pong: payload.message,
    worker: workerId(),
    backend: info ? backendLabel(info) : null,
    backendChoice: info?.choice ?? null,
    adapter: info?.adapter ?? null,
    steps: payload.steps,
  };
};

export default ping;
