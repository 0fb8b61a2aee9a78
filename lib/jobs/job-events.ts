import { pollEventStream } from '@/lib/api/poll-event-stream';
import { getJobForUser } from '@/lib/jobs/get-job';
import { isFinished } from '@/lib/queue/job-state';

const POLL_MS = 250;

/**
 * An SSE stream of a job's progress, read from its Postgres row (which every worker on
 * any host updates), ending with a `done` event.
 */
export function jobEventStream(userId: string, jobId: string, signal: AbortSignal): ReadableStream<Uint8Array> {
  let last = '';
  return pollEventStream(signal, POLL_MS, async (send) => {
    const job = await getJobForUser(userId, jobId);
    const key = `${job.state}:${job.progress}:${job.message ?? ''}`;
    if (key !== last) {
      last = key;
      send('progress', { state: job.state, progress: job.progress, message: job.message });
    }
    if (!isFinished(job.state)) return false;
    send('done', job);
    return true;
  });
}
