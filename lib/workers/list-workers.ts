// Every registered worker for the admin console and API, with its state (online, stale,
// stopped) worked out from its heartbeat.
import { z } from 'zod';
import { db } from '@/lib/db';
import { gpuAdapterSchema, type GpuAdapter } from '@/lib/workers/gpu-adapter';
import { workerState, type WorkerState } from '@/lib/workers/worker-state';

const skippedSchema = z.array(z.object({ choice: z.string(), reason: z.string() }));

export type WorkerRow = {
  id: string;
  hostname: string;
  pid: number;
  queues: string[];
  /** webgpu | node-gpu | node | wasm | cpu, or 'unavailable' */
  backend: string;
  backendForced: boolean;
  simd: boolean | null;
  adapter: GpuAdapter | null;
  /** backends passed over before the chosen one, with the reason */
  skipped: { choice: string; reason: string }[];
  startedAt: Date;
  lastSeenAt: Date;
  stoppedAt: Date | null;
  state: WorkerState;
};

const STATE_ORDER: Record<WorkerState, number> = { online: 0, stale: 1, stopped: 2 };

/** The 200 workers seen most recently: online first, then stale, then stopped; newest first within each. */
export async function listWorkers(now: Date = new Date()): Promise<WorkerRow[]> {
  const rows = await db.workerNode.findMany({
    select: { id: true, hostname: true, pid: true, queues: true, backend: true, backendForced: true, simd: true, adapter: true, skipped: true, startedAt: true, lastSeenAt: true, stoppedAt: true },
    orderBy: { lastSeenAt: 'desc' },
    take: 200,
  });
  return rows
    .map((row) => {
      const adapter = gpuAdapterSchema.safeParse(row.adapter);
      const skipped = skippedSchema.safeParse(row.skipped);
      return {
        ...row,
        adapter: adapter.success ? adapter.data : null,
        skipped: skipped.success ? skipped.data : [],
        state: workerState(row, now),
      };
    })
    .sort((a, b) => STATE_ORDER[a.state] - STATE_ORDER[b.state] || b.startedAt.getTime() - a.startedAt.getTime());
}
