// The worker registry: each worker process records itself in WorkerNode (host, pid, queues,
// tfjs backend and GPU adapter), heartbeats while it runs and marks itself stopped on a
// graceful shutdown, so admins see every worker on every host (/admin/workers).
import os from 'node:os';
import { Prisma } from '@/lib/generated/prisma/client';
import { db } from '@/lib/db';
import type { BackendInfo } from '@/lib/stylegan/backend';
import type { GpuAdapter } from '@/lib/workers/gpu-adapter';
import { HEARTBEAT_INTERVAL_MS } from '@/lib/workers/worker-state';

/** Rows not seen for this long are deleted when a worker registers (stopped or crashed long ago). */
const FORGET_AFTER_MS = 7 * 24 * 3600 * 1000;

export type WorkerRegistration = {
  id: string;
  /** Ends the heartbeat and marks the row stopped (idempotent; never throws). */
  stop: () => Promise<void>;
};

/** A worker's registry id, `${hostname}:${pid}`: the same string the ping job reports. */
export function workerId(hostname: string = os.hostname(), pid: number = process.pid): string {
  return `${hostname}:${pid}`;
}

function backendColumns(info: BackendInfo | null) {
  const adapter: GpuAdapter | null = info?.adapter ?? null;
  return {
    backend: info?.choice ?? 'unavailable',
    backendForced: info?.forced ?? false,
    simd: info?.simd ?? null,
    adapter: adapter ?? Prisma.DbNull,
    skipped: info?.skipped ?? [],
  };
}

/**
 * Records this process in the registry and refreshes its row every HEARTBEAT_INTERVAL_MS on an
 * unref'd timer (it never keeps the process alive). `backend` is read at every beat, so a switch
 * after a lost GPU device shows up. A failed beat is logged and retried at the next one; a row
 * deleted meanwhile is recreated.
 */
export async function registerWorker(opts: { queues: string[]; backend: () => BackendInfo | null | Promise<BackendInfo | null> }): Promise<WorkerRegistration> {
  const hostname = os.hostname();
  const id = workerId(hostname);
  const startedAt = new Date();
  let failing = false;

  const beat = async (stoppedAt: Date | null = null) => {
    const now = new Date();
    const columns = backendColumns(await opts.backend());
    await db.workerNode.upsert({
      where: { id },
      create: { id, hostname, pid: process.pid, queues: opts.queues, startedAt, lastSeenAt: now, stoppedAt, ...columns },
      update: { hostname, pid: process.pid, queues: opts.queues, startedAt, lastSeenAt: now, stoppedAt, ...columns },
    });
  };
  const logged = (what: string, work: Promise<unknown>) =>
    work.then(
      () => {
        if (failing) console.log(`[worker] ${what} recovered`);
        failing = false;
      },
      (err: Error) => {
        if (!failing) console.error(`[worker] ${what} failed: ${err.message}`);
        failing = true;
      },
    );

  await db.workerNode.deleteMany({ where: { lastSeenAt: { lt: new Date(startedAt.getTime() - FORGET_AFTER_MS) } } }).catch(() => undefined);
  await logged('worker registration', beat());

  let inFlight: Promise<void> | null = null;
  const timer = setInterval(() => {
    if (inFlight) return; // the database is slow: skip a beat rather than pile them up
    inFlight = logged('worker heartbeat', beat()).finally(() => {
      inFlight = null;
    });
  }, HEARTBEAT_INTERVAL_MS);
  timer.unref();

  let stopping: Promise<void> | null = null;
  const stop = () => {
    stopping ??= (async () => {
      clearInterval(timer);
      await inFlight;
      await logged('marking the worker stopped', beat(new Date()));
    })();
    return stopping;
  };
  return { id, stop };
}
