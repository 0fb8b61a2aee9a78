// Is anyone still running this job? Postgres answers for any host: the worker that runs a job
// writes a heartbeat to its row every second (process-job.ts). A worker on this host that has
// exited is known to be gone at once; one elsewhere once its heartbeat is older than the lock
// duration, the same time BullMQ waits before it hands a stalled job to another worker.
import os from 'node:os';
import { env } from '@/lib/env';

export type LivenessRow = { state: string; heartbeatAt: Date | null; startedAt: Date | null; workerName: string | null };

function processAlive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** False when the row's worker is known to be gone: exited (this host) or silent too long. */
export function workerSeemsAlive(row: LivenessRow, now = Date.now()) {
  const [host, pid] = (row.workerName ?? '').split(':');
  if (host === os.hostname() && Number(pid) > 0 && !processAlive(Number(pid))) return false;
  const last = row.heartbeatAt ?? row.startedAt;
  return !!last && now - last.getTime() < env().WORKER_LOCK_DURATION_MS;
}
