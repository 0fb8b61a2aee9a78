import { getJobForUser } from '@/lib/jobs/get-job';
import { cancelJobById } from '@/lib/queue/cancel-job';
import { isFinished } from '@/lib/queue/job-state';

/** Cancels a job the user started (or one of their teams'); idempotent: a finished job is returned unchanged. */
export async function cancelJob(userId: string, jobId: string) {
  const job = await getJobForUser(userId, jobId);
  if (isFinished(job.state)) return job;
  await cancelJobById(jobId);
  return getJobForUser(userId, jobId);
}
