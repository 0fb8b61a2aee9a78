// A job as its owner (or their team) sees it: anyone else gets a 404.
import { db } from '@/lib/db';
import { notFound } from '@/lib/api/errors';
import { teamIdsOf } from '@/lib/teams/permissions';
import { isFinished } from '@/lib/queue/job-state';
import { waitForJobEvent } from '@/lib/queue/wait-for-job';

const jobSelect = {
  id: true,
  type: true,
  teamId: true,
  state: true,
  progress: true,
  message: true,
  result: true,
  error: true,
  attempts: true,
  gpuSeconds: true,
  createdAt: true,
  startedAt: true,
  finishedAt: true,
} as const;

/** A job the user started, or one of their teams' jobs; anything else is 404. */
export async function getJobForUser(userId: string, jobId: string) {
  const teamIds = await teamIdsOf(userId);
  const job = await db.job.findFirst({
    where: { id: jobId, OR: [{ userId }, { teamId: { in: teamIds } }] },
    select: jobSelect,
  });
  if (!job) throw notFound('Job');
  return job;
}

/**
 * The job, after waiting up to `waitSeconds` for it to finish (long polling): answers at
 * once when it is already finished, else as soon as a worker reports it done.
 */
export async function getJobForUserWaiting(userId: string, jobId: string, waitSeconds: number, signal?: AbortSignal) {
  const job = await getJobForUser(userId, jobId);
  if (waitSeconds <= 0 || isFinished(job.state)) return job;
  const finished = async () => isFinished((await db.job.findUnique({ where: { id: jobId }, select: { state: true } }))?.state ?? 'FAILED');
  await waitForJobEvent(jobId, waitSeconds * 1000, finished, signal);
  return getJobForUser(userId, jobId);
}
