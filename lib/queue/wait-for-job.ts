// Long-polling support for GET /jobs/:id?wait=N: the web process listens to BullMQ's queue
// events (Redis streams, so workers on any host are seen) and answers as soon as the job
// finishes, instead of clients polling many times a second.
import { QueueEvents } from 'bullmq';
import { createRedis, queueName } from '@/lib/queue/connection';
import type { QueueName } from '@/lib/queue/define-job';

type Waiter = (jobId: string) => void;

const globalForEvents = globalThis as unknown as { atelierQueueEvents?: Map<QueueName, { events: QueueEvents; waiters: Set<Waiter>; ready: Promise<unknown> }> };

function listenerFor(name: QueueName) {
  globalForEvents.atelierQueueEvents ??= new Map();
  let entry = globalForEvents.atelierQueueEvents.get(name);
  if (!entry) {
    const events = new QueueEvents(queueName(name), { connection: createRedis() });
    const waiters = new Set<Waiter>();
    const notify = ({ jobId }: { jobId: string }) => waiters.forEach((w) => w(jobId));
    events.on('completed', notify);
    events.on('failed', notify);
    events.on('error', () => {}); // reconnects by itself; the DB re-check below covers gaps
    entry = { events, waiters, ready: events.waitUntilReady() };
    globalForEvents.atelierQueueEvents.set(name, entry);
  }
  return entry;
}

const QUEUES: QueueName[] = ['default', 'synthesis', 'video', 'training', 'projection'];

/** Lost events (a Redis reconnect) are covered by re-reading the job's state this often. */
const RECHECK_MS = 1000;

export type JobFinishListener = {
  /**
   * Resolves when the job may have finished (a completion or failure event for it since the
   * listener started), when `recheck` says it has (every second), or after `timeoutMs`.
   */
  wait(timeoutMs: number, recheck: () => Promise<boolean>, signal?: AbortSignal): Promise<void>;
  close(): void;
};

/**
 * Starts listening for the job's completion or failure. Start it before reading the job's row:
 * an event that arrives in between is then kept, so the wait needs no extra read up front.
 */
export async function listenForJobFinish(jobId: string): Promise<JobFinishListener> {
  const entries = QUEUES.map(listenerFor);
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([Promise.all(entries.map((e) => e.ready)), new Promise((r) => (timer = setTimeout(r, 1000)))]);
  clearTimeout(timer);
  let fired = false;
  let wake: (() => void) | null = null;
  const waiter: Waiter = (id) => {
    if (id !== jobId) return;
    fired = true;
    wake?.();
  };
  entries.forEach((e) => e.waiters.add(waiter));
  const close = () => entries.forEach((e) => e.waiters.delete(waiter));
  const wait = (timeoutMs: number, recheck: () => Promise<boolean>, signal?: AbortSignal) =>
    new Promise<void>((resolve) => {
      if (fired || signal?.aborted) return resolve();
      const finish = () => {
        wake = null;
        clearTimeout(timeout);
        clearInterval(poll);
        signal?.removeEventListener('abort', finish);
        resolve();
      };
      wake = finish;
      const timeout = setTimeout(finish, timeoutMs);
      const poll = setInterval(() => void recheck().then((finished) => finished && wake === finish && finish(), () => {}), RECHECK_MS);
      signal?.addEventListener('abort', finish);
    });
  return { wait, close };
}
