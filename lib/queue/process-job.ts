// Runs one BullMQ job through its definition and mirrors its life in the Job row.
import { UnrecoverableError, type Job as BullJob } from 'bullmq';
import { db } from '@/lib/db';
import { jobDefinition } from '@/lib/queue/registry';
import { PermanentJobError } from '@/lib/queue/define-job';

type JobData = { version: number; payload: unknown };

export async function processJob(job: BullJob<JobData>, signal: AbortSignal): Promise<unknown> {
  const jobId = job.id!;
  const def = jobDefinition(job.name);
  if (!def) throw new UnrecoverableError(`Unknown job type ${job.name}`);

  const parsed = def.schema.safeParse(job.data.payload);
  if (!parsed.success) {
    await markFailed(jobId, `Invalid payload: ${parsed.error.issues[0]?.message}`);
    throw new UnrecoverableError('Invalid payload');
  }

  await db.job.update({
    where: { id: jobId },
    data: { state: 'ACTIVE', startedAt: new Date(), attempts: job.attemptsMade + 1, error: null },
  });

  let lastWrite = 0;
  const ctx = {
    jobId,
    attempt: job.attemptsMade + 1,
    signal,
    async progress(fraction: number, message?: string) {
      const value = Math.max(0, Math.min(1, fraction));
      await job.updateProgress({ fraction: value, message });
      // Throttle row writes; the final one always lands.
      const now = Date.now();
      if (value >= 1 || now - lastWrite > 200) {
        lastWrite = now;
        await db.job.update({ where: { id: jobId }, data: { progress: value, message: message ?? null } });
      }
    },
  };

  const started = process.hrtime.bigint();
  try {
    const { default: handler } = await def.load();
    const result = await handler(parsed.data, ctx);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    await db.job.update({
      where: { id: jobId },
      data: { state: 'COMPLETED', progress: 1, result: (result ?? null) as object, finishedAt: new Date(), gpuSeconds: { increment: seconds } },
    });
    return result;
  } catch (err) {
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const message = err instanceof Error ? err.message : String(err);
    const permanent = err instanceof PermanentJobError || err instanceof UnrecoverableError;
    const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    if (permanent || lastAttempt) {
      await markFailed(jobId, message, seconds);
      if (permanent) throw new UnrecoverableError(message);
    } else {
      await db.job.update({ where: { id: jobId }, data: { state: 'QUEUED', error: message, gpuSeconds: { increment: seconds } } });
    }
    throw err;
  }
}

async function markFailed(jobId: string, error: string, seconds = 0) {
  await db.job.update({
    where: { id: jobId },
    data: { state: 'FAILED', error, finishedAt: new Date(), gpuSeconds: { increment: seconds } },
  });
}
