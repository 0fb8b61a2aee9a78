import { getJobForUser, isFinished } from '@/lib/queue/jobs-service';

const POLL_MS = 250;

/**
 * An SSE stream of a job's progress, read from its Postgres row (which every worker on
 * any host updates), ending with a `done` event.
 */
export function jobEventStream(userId: string, jobId: string, signal: AbortSignal): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    async start(controller) {
      const send = (event: string, data: unknown) => controller.enqueue(encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`));
      let last = '';
      try {
        while (!signal.aborted) {
          const job = await getJobForUser(userId, jobId);
          const key = `${job.state}:${job.progress}:${job.message ?? ''}`;
          if (key !== last) {
            last = key;
            send('progress', { state: job.state, progress: job.progress, message: job.message });
          }
          if (isFinished(job.state)) {
            send('done', job);
            break;
          }
          await new Promise((r) => setTimeout(r, POLL_MS));
        }
      } catch (err) {
        send('error', { message: (err as Error).message });
      } finally {
        controller.close();
      }
    },
  });
}
