import { describe, expect, it } from 'vitest';
import { STALE_AFTER_MS, workerState } from '@/lib/workers/worker-state';

describe('workerState', () => {
  const now = new Date('2026-12-04T12:00:00Z');
  const ago = (ms: number) => new Date(now.getTime() - ms);

  it('is online while heartbeats are recent, stale once they stop for a minute', () => {
    expect(workerState({ lastSeenAt: ago(5_000), stoppedAt: null }, now)).toBe('online');
    expect(workerState({ lastSeenAt: ago(STALE_AFTER_MS), stoppedAt: null }, now)).toBe('online');
    expect(workerState({ lastSeenAt: ago(STALE_AFTER_MS + 1), stoppedAt: null }, now)).toBe('stale');
  });

  it('is stopped after a graceful shutdown, however recent its last heartbeat', () => {
    expect(workerState({ lastSeenAt: ago(1_000), stoppedAt: ago(1_000) }, now)).toBe('stopped');
  });
});
