// How long a run will take and what it costs in GPU-seconds (device time: a worker holds
// one device for the whole run), called compute-seconds when no training worker has a GPU.
// Measured seconds per kimg win: earlier runs from the same base model, then the measured speed
// of the same architecture (lib/training/benchmark.ts), scaled by convolution work for others.
import { db } from '@/lib/db';
import { benchmarkSecPerKimg, referenceSecPerKimg } from '@/lib/training/benchmark';
import { resolveConfig, type PartialStyleGAN2Config } from '@/lib/stylegan/config';
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

/**
 * Median sec/kimg of the latest ticks of recent runs (any user: it is a property of the hosts),
 * from this base model, or at this resolution when no base model is given.
 */
export async function measuredSecPerKimg(resolution: number, baseModelId?: string): Promise<{ value: number; samples: number } | null> {
  const runs = await db.trainingRun.findMany({
    where: { lastTick: { not: { equals: null } }, ...(baseModelId ? { baseModelId } : { options: { path: ['resolution'], equals: resolution } }) },
    select: { lastTick: true },
    orderBy: { createdAt: 'desc' },
    take: 20,
  });
  const values = runs.map((r) => (r.lastTick as { secPerKimg?: number } | null)?.secPerKimg ?? 0).filter((v) => v > 0 && Number.isFinite(v));
  return values.length ? { value: median(values), samples: values.length } : null;
}

/** `base`: the model to fine-tune (its id and config); without it, by resolution alone. */
export async function estimateRun(resolution: number, kimg: number, base?: { id: string; config: unknown }): Promise<Estimate> {
  const measured = await measuredSecPerKimg(resolution, base?.id);
  const reference = base ? referenceOf(base.config) : { secPerKimg: benchmarkSecPerKimg(resolution), basis: `training-core benchmark at ${resolution} px (wasm, one thread)` };
  const secPerKimg = measured?.value ?? reference.secPerKimg;
  const seconds = secPerKimg * kimg;
  const onGpu = await trainingOnGpu();
  return {
    secPerKimg,
    seconds,
    gpuSeconds: seconds,
    onGpu,
    unit: onGpu ? 'GPU-seconds' : 'compute-seconds',
    basis: measured ? `median of ${measured.samples} recent run(s) ${base ? 'from this base model' : `at ${resolution} px`}` : reference.basis,
    samples: measured?.samples ?? 0,
  };
}

function referenceOf(config: unknown) {
  const g = resolveConfig(config as PartialStyleGAN2Config).generator_kwargs;
  return referenceSecPerKimg({ resolution: g.img_resolution, channelBase: g.synthesis_kwargs.channel_base, channelMax: g.synthesis_kwargs.channel_max });
}
