// How long a run will take and what it costs in GPU-seconds (device time: a worker holds
// one device for the whole run), called compute-seconds when no training worker has a GPU. Measured seconds per kimg of earlier runs at the same
// resolution win; without any, the benchmark of the training core on this class of host.
import { db } from '@/lib/db';
import { benchmarkSecPerKimg } from '@/lib/training/benchmark';
import { listWorkers } from '@/lib/workers/list-workers';

export type Estimate = {
  secPerKimg: number;
  seconds: number;
  gpuSeconds: number;
  /** whether an online training worker runs on a hardware GPU; else the time is CPU time */
  onGpu: boolean;
  /** how to name `gpuSeconds` to people: 'GPU-seconds' or 'compute-seconds' */
  unit: 'GPU-seconds' | 'compute-seconds';
  basis: string;
  samples: number;
};

/** An online worker that takes training jobs on node-gpu, or on webgpu with a hardware adapter. */
export async function trainingOnGpu(): Promise<boolean> {
  const workers = await listWorkers();
  return workers.some(
    (w) => w.state === 'online' && w.queues.some((q) => q.endsWith('training')) && (w.backend === 'node-gpu' || (w.backend === 'webgpu' && !!w.adapter && !w.adapter.software)),
  );
}

function median(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** Median sec/kimg of the latest ticks of recent runs at this resolution (any user: it is a property of the hosts). */
export async function measuredSecPerKimg(resolution: number): Promise<{ value: number; samples: number } | null> {
  const runs = await db.trainingRun.findMany({
    where: { lastTick: { not: { equals: null } }, options: { path: ['resolution'], equals: resolution } },
    select: { lastTick: true },
    orderBy: { createdAt: 'desc' },
    take: 20,
  });
  const values = runs.map((r) => (r.lastTick as { secPerKimg?: number } | null)?.secPerKimg ?? 0).filter((v) => v > 0 && Number.isFinite(v));
  return values.length ? { value: median(values), samples: values.length } : null;
}

export async function estimateRun(resolution: number, kimg: number): Promise<Estimate> {
  const measured = await measuredSecPerKimg(resolution);
  const secPerKimg = measured?.value ?? benchmarkSecPerKimg(resolution);
  const seconds = secPerKimg * kimg;
  const onGpu = await trainingOnGpu();
  return {
    secPerKimg,
    seconds,
    gpuSeconds: seconds,
    onGpu,
    unit: onGpu ? 'GPU-seconds' : 'compute-seconds',
    basis: measured ? `median of ${measured.samples} recent run(s) at ${resolution} px` : `training-core benchmark at ${resolution} px (wasm, one thread)`,
    samples: measured?.samples ?? 0,
  };
}
