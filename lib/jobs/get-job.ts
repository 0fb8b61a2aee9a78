// A job as its owner (or their team) sees it: anyone else gets a 404. Who may see it is the one
// access rule of lib/access (a job is owned like any resource, by its user or its team, and is
// never shared): a former team member loses the team's jobs, their own included.
import { db } from '@/lib/db';
import type { Prisma } from '@/lib/generated/prisma/client';
import { notFound } from '@/lib/api/errors';
import { can } from '@/lib/access/rules';
import { signedAssetUrl } from '@/lib/access/signed-asset-urls';
import { viewerOf } from '@/lib/access/viewer';
import { isFinished } from '@/lib/queue/job-state';
import { listenForJobFinish } from '@/lib/queue/wait-for-job';

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

type JobRow = Prisma.JobGetPayload<{ select: typeof jobSelect }> & { userId: string | null };

// Long polls and POST /generate?wait read this row for every preview: one plain statement with the
// columns of jobSelect, in its order (a Prisma query costs the web process several times more CPU).
function readJobRow(jobId: string) {
  return db.$queryRaw<JobRow[]>`
    SELECT id, type, "teamId", state::text AS state, progress, message, result, error, attempts, "gpuSeconds", "createdAt", "startedAt", "finishedAt", "userId"
    FROM "Job" WHERE id = ${jobId}`;
}

/** A personal job the user started, or a job of one of their teams; anything else is 404. */
export async function getJobForUser(userId: string, jobId: string) {
  const [viewer, [row]] = await Promise.all([viewerOf(userId), readJobRow(jobId)]);
  if (!row || !can(viewer, 'read', { ownerId: row.userId, teamId: row.teamId })) throw notFound('Job');
  const { userId: _owner, ...job } = row;
  return job.type === 'synthesize' ? { ...job, result: withSignedImageUrls(job.result) } : job;
}

/**
 * A synthesis job's images are assets of the job's owner (lib/synthesis/worker/store-images.ts), so
 * whoever may read the job may read them: each image gets a `signedUrl` besides its `url`, which
 * downloads it without authenticating again (lib/access/signed-asset-urls.ts).
 */
function withSignedImageUrls(result: Prisma.JsonValue): Prisma.JsonValue {
  if (!result || typeof result !== 'object' || Array.isArray(result) || !Array.isArray(result.images)) return result;
  const images = result.images.map((image) =>
    image && typeof image === 'object' && !Array.isArray(image) && typeof image.assetId === 'string' ? { ...image, signedUrl: signedAssetUrl(image.assetId) } : image,
  );
  return { ...result, images };
}

async function jobFinished(jobId: string) {
  return isFinished((await db.job.findUnique({ where: { id: jobId }, select: { state: true } }))?.state ?? 'FAILED');
}

/**
 * The job, after waiting up to `waitSeconds` for it to finish (long polling): answers at
 * once when it is already finished, else as soon as a worker reports it done.
 */
export async function getJobForUserWaiting(userId: string, jobId: string, waitSeconds: number, signal?: AbortSignal) {
  if (waitSeconds <= 0) return getJobForUser(userId, jobId);
  // Listening before the first read: a finish in between is not missed, and needs no re-read.
  const listener = await listenForJobFinish(jobId);
  try {
    const job = await getJobForUser(userId, jobId);
    if (isFinished(job.state)) return job;
    await listener.wait(waitSeconds * 1000, () => jobFinished(jobId), signal);
  } finally {
    listener.close();
  }
  return getJobForUser(userId, jobId);
}

/**
 * A job this user has just enqueued (so not finished yet), after waiting up to `waitSeconds`
 * for it to finish: POST /generate?wait=N answers with it as GET /jobs/:id?wait=N would.
 */
export async function getNewJobForUserWaiting(userId: string, jobId: string, waitSeconds: number, signal?: AbortSignal) {
  if (waitSeconds > 0) {
    const listener = await listenForJobFinish(jobId);
    try {
      await listener.wait(waitSeconds * 1000, () => jobFinished(jobId), signal);
    } finally {
      listener.close();
    }
  }
  return getJobForUser(userId, jobId);
}
