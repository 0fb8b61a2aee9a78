import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import { env } from '@/lib/env';
import type { QueueName } from '@/lib/queue/define-job';

/** BullMQ needs its own connection per blocking client, with retries disabled per request. */
export function createRedis() {
  return new IORedis(env().REDIS_URL, { maxRetriesPerRequest: null, enableReadyCheck: true });
}

export function queueName(name: QueueName) {
  return `${env().QUEUE_PREFIX}-${name}`;
}

const globalForQueues = globalThis as unknown as { atelierQueues?: Map<QueueName, Queue>; atelierRedis?: IORedis };

/** One Queue per name in this process, sharing one connection. */
export function getQueue(name: QueueName): Queue {
  globalForQueues.atelierQueues ??= new Map();
  let queue = globalForQueues.atelierQueues.get(name);
  if (!queue) {
    queue = new Queue(queueName(name), { connection: queueConnection() });
    globalForQueues.atelierQueues.set(name, queue);
  }
  return queue;
}

/** The Redis connection the queues of this process share (opened on first use). */
export function queueConnection(): IORedis {
  globalForQueues.atelierRedis ??= createRedis();
  return globalForQueues.atelierRedis;
}

export async function closeQueues() {
  for (const q of globalForQueues.atelierQueues?.values() ?? []) await q.close();
  globalForQueues.atelierQueues?.clear();
  await globalForQueues.atelierRedis?.quit();
  globalForQueues.atelierRedis = undefined;
}
