// The admin's view of every job: filters, and retry / cancel of anyone's job, each written
// to the audit log. The queue machinery does the work (lib/queue/retry-job.ts, cancel-job.ts).
import { z } from 'zod';
import { db } from '@/lib/db';
import { notFound } from '@/lib/api/errors';
import { retryJobById } from '@/lib/jobs/retry-job';
import { cancelJobById } from '@/lib/queue/cancel-job';

const jobState = z.enum(['QUEUED', 'ACTIVE', 'COMPLETED', 'FAILED', 'CANCELLED']);

export const listJobsQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  perPage: z.coerce.number().int().min(1).max(200).default(50),
  state: jobState.optional(),
  type: z.string().trim().max(100).optional(),
  /** owner's email or name (contains, any case) */
  owner: z.string().trim().max(200).optional(),
});
export type ListJobsQuery = z.infer<typeof listJobsQuery>;

const adminJobSelect = {
  id: true,
  type: true,
  state: true,
  progress: true,
  message: true,
  error: true,
  attempts: true,
  gpuSeconds: true,
  workerName: true,
  createdAt: true,
  startedAt: true,
  finishedAt: true,
  user: { select: { id: true, email: true, name: true } },
  team: { select: { id: true, name: true } },
} as const;

export async function listJobs(query: ListJobsQuery) {
  const where = {
    ...(query.state ? { state: query.state } : {}),
    ...(query.type ? { type: query.type } : {}),
    ...(query.owner
      ? { user: { OR: [{ email: { contains: query.owner, mode: 'insensitive' as const } }, { name: { contains: query.owner, mode: 'insensitive' as const } }] } }
      : {}),
  };
  const [total, jobs, types] = await Promise.all([
    db.job.count({ where }),
    db.job.findMany({ where, select: adminJobSelect, orderBy: { createdAt: 'desc' }, skip: (query.page - 1) * query.perPage, take: query.perPage }),
    db.job.findMany({ distinct: ['type'], select: { type: true }, orderBy: { type: 'asc' } }),
  ]);
  return { total, page: query.page, perPage: query.perPage, jobs, types: types.map((t) => t.type) };
}

async function readJob(jobId: string) {
  const job = await db.job.findUnique({ where: { id: jobId }, select: adminJobSelect });
  if (!job) throw notFound('Job');
  return job;
}

export async function adminRetryJob(actorId: string, jobId: string) {
  await retryJobById(jobId);
  await db.auditLog.create({ data: { actorId, action: 'job.retry', targetType: 'Job', targetId: jobId } });
  return readJob(jobId);
}

export async function adminCancelJob(actorId: string, jobId: string) {
  const job = await readJob(jobId);
  if (job.state !== 'QUEUED' && job.state !== 'ACTIVE') return job;
  await cancelJobById(jobId);
  await db.auditLog.create({ data: { actorId, action: 'job.cancel', targetType: 'Job', targetId: jobId } });
  return readJob(jobId);
}
