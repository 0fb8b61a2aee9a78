import { db } from '@/lib/db';
import { notFound } from '@/lib/api/errors';
import { getJobForUser } from '@/lib/jobs/get-job';
import { requeueJob } from '@/lib/queue/retry-job';
import { assertGpuQuota } from '@/lib/usage/gpu-quota';

/** Runs a failed or cancelled job again, for its owner (or their team's members): 404 for anyone else. */
export async function retryJob(userId: string, jobId: string) {
  await getJobForUser(userId, jobId);
  await retryJobById(jobId);
  return getJobForUser(userId, jobId);
}

/** Any job (admins; the caller checked the role). The owner's monthly GPU quota applies (429). */
export async function retryJobById(jobId: string) {
  const job = await db.job.findUnique({ where: { id: jobId }, select: { userId: true, teamId: true } });
  if (!job) throw notFound('Job');
  await assertGpuQuota(job);
  await requeueJob(jobId);
}
