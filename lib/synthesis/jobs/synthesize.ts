import { z } from 'zod';
import { defineJob } from '@/lib/queue/define-job';

const finite = z.number().finite();
const vector = z.array(finite).min(1);

/**
 * One synthesis request: images from seeds, z, w or w+ (already validated against the
 * model by lib/synthesis/start-generation.ts), with truncation and noise settings.
 */
export const synthesizePayload = z.object({
  modelId: z.string().min(1),
  checkpointId: z.string().min(1),
  source: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('seeds'), seeds: z.array(z.number().int().min(0).max(0xffffffff)).min(1) }),
    z.object({ kind: z.literal('z'), z: z.array(vector).min(1) }),
    z.object({ kind: z.literal('w'), w: z.array(vector).min(1) }),
    z.object({ kind: z.literal('wplus'), wplus: z.array(z.array(vector).min(1)).min(1) }),
  ]),
  psi: finite.min(-2).max(2).default(1),
  psiLayers: z.array(finite.min(-2).max(2)).nullable().default(null),
  truncationCutoff: z.number().int().min(0).nullable().default(null),
  noiseMode: z.enum(['const', 'random', 'none']).default('const'),
  /** item i uses noise seed noiseSeed + i in 'random' mode */
  noiseSeed: z.number().int().min(0).max(2 ** 31 - 1).default(0),
  /** render neighbours of the single source instead: small random steps in W */
  nudge: z.object({ count: z.number().int().min(1).max(64), step: finite.min(0).max(4), seed: z.number().int().min(0).max(0xffffffff) }).nullable().default(null),
  /** include each image's w+ in the result (always on for nudges) */
  returnLatents: z.boolean().default(false),
  /** tests only (never accepted from the API): wait this long first, reporting progress */
  testDelayMs: z.number().int().min(0).max(60_000).default(0),
});

export type SynthesizePayload = z.infer<typeof synthesizePayload>;

export type SynthesizedImage = {
  index: number;
  assetId: string;
  url: string;
  sha256: string;
  width: number;
  height: number;
  seed: number | null;
  noiseSeed: number | null;
  /** [num_ws][w_dim], when requested */
  wplus?: number[][];
};

export type SynthesizeResult = {
  modelId: string;
  checkpointId: string;
  images: SynthesizedImage[];
  /** compute time of this job's share of the forward passes */
  computeSeconds: number;
  /** images in the largest forward pass this job took part in (> own count when batched with others) */
  batchImages: number;
  worker: string;
  /**
   * Where the handler's time went, in ms (bench/explorer prints it): the first progress report
   * (older workers: reading the job row too), waiting for and running the forward pass, PNG
   * encoding, storing the files (older workers: and asset rows), recording asset rows, usage and
   * provenance. Absent in results of older workers.
   */
  timings?: SynthesizeTimings;
};

export type SynthesizeTimings = { jobRowMs: number; renderMs: number; pngMs: number; storageMs: number; recordMs: number };

/** Renders images on a synthesis worker and stores them as PNG assets. */
export const synthesizeJob = defineJob({
  name: 'synthesize',
  queue: 'synthesis',
  schema: synthesizePayload,
  attempts: 3,
  backoffMs: 500,
  // Ignored by the web bundle: handlers (and tfjs) load only in the worker.
  load: () => import(/* webpackIgnore: true */ /* turbopackIgnore: true */ '@/lib/synthesis/jobs/synthesize.handler'),
});

export const sampleGridPayload = z.object({ modelId: z.string().min(1), checkpointId: z.string().min(1) });

/** Renders a model's sample grid after import and attaches it to the model. */
export const sampleGridJob = defineJob({
  name: 'model-sample-grid',
  queue: 'synthesis',
  schema: sampleGridPayload,
  attempts: 3,
  backoffMs: 1000,
  load: () => import(/* webpackIgnore: true */ /* turbopackIgnore: true */ '@/lib/synthesis/jobs/sample-grid.handler'),
});
