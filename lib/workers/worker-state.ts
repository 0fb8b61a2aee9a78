// When a registered worker counts as online: it heartbeats every HEARTBEAT_INTERVAL_MS, so a
// row not seen for STALE_AFTER_MS (four missed beats) belongs to a process that died or hangs.
export const HEARTBEAT_INTERVAL_MS = 15_000;
export const STALE_AFTER_MS = 60_000;

export type WorkerState = 'online' | 'stale' | 'stopped';

export function workerState(worker: { lastSeenAt: Date; stoppedAt: Date | null }, now: Date = new Date()): WorkerState {
  if (worker.stoppedAt) return 'stopped';
  return now.getTime() - worker.lastSeenAt.getTime() > STALE_AFTER_MS ? 'stale' : 'online';
}
