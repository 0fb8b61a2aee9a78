import { db } from '@/lib/db';
import { notFound } from '@/lib/api/errors';
import { teamIdsOf } from '@/lib/teams/permissions';

const jobSelect = {
  id: true,
  type: true,
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

export function isFinished(state: string) {
  return state === 'COMPLETED' || state === 'FAILED' || state === 'CANCELLED';
}
