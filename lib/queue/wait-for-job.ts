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

/**
 * Resolves when the job may have finished (a completion or failure event for it), when
 * `recheck` says it has, or after `timeoutMs`. The caller re-reads the job row afterwards.
 */
const QUEUES: QueueName[] = ['default', 'synthesis', 'video', 'training', 'projection'];

export async function waitForJobEvent(jobId: string, timeoutMs: number, recheck: () => Promise<boolean>, signal?: AbortSignal) {
  const entries = QUEUES.map(listenerFor);
  await Promise.race([Promise.all(entries.map((e) => e.ready)), new Promise((r) => setTimeout(r, 1000))]);
  await new Promise<void>((resolve) => {
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      entries.forEach((e) => e.waiters.delete(waiter));
      clearTimeout(timer);
      clearInterval(poll);
      signal?.removeEventListener('abort', finish);
      resolve();
    };
    const waiter: Waiter = (id) => id === jobId && finish();
    entries.forEach((e) => e.waiters.add(waiter));
    const timer = setTimeout(finish, timeoutMs);
    // Covers a finish between the caller's read and our subscription, and lost events.
    const poll = setInterval(() => void recheck().then((finished) => finished && finish(), () => {}), 1000);
    signal?.addEventListener('abort', finish);
    void recheck().then((finished) => finished && finish(), () => {});
  });
}
