// The fine-tune form: sensible defaults for small datasets, official option names where
// the training core has them (lib/stylegan/train/options.ts), and the mapping to train().
import { z } from 'zod';
import { DEFAULT_INPUT_SIZE, METRIC_NAMES } from '@/lib/metrics/labels';

const snapshotMetricsOption = z
  .object({
    metrics: z.array(z.enum(METRIC_NAMES)).min(1).max(4).default(['fid', 'kid']),
    num: z.number().int().min(8).max(50_000).optional(),
    inputSize: z.number().int().min(75).max(299).default(DEFAULT_INPUT_SIZE),
  })
  .strict()
  .nullable()
  .default(null);

export const fineTuneOptions = z.object({
  /** Training length in thousands of images shown to the discriminator. */
  kimg: z.number().positive().max(100_000).default(10),
  batch: z.number().int().min(1).max(64).default(8),
  /** R1 weight; null: the official heuristic 0.0002·res²/batch. */
  gamma: z.number().min(0).max(10_000).nullable().default(null),
  aug: z.enum(['ada', 'fixed', 'noaug']).default('ada'),
  /** ADA target for E[sign(D(real))]. */
  target: z.number().gt(0).max(1).default(0.6),
  /** Initial augmentation probability (ada) or the fixed one (fixed). */
  p: z.number().min(0).max(1).default(0),
  /** ADA speed: thousands of images for p to go from 0 to 1. */
  adaKimg: z.number().positive().max(100_000).default(100),
  /** Freeze-D: discriminator layers (from the highest resolution) not trained. */
  freezed: z.number().int().min(0).max(40).default(0),
  /** Train on x-flipped copies as well; null: the dataset's setting. */
  mirror: z.boolean().nullable().default(null),
  /** Progress report every this many kimg (one tick). */
  tick: z.number().positive().max(100).default(0.5),
  /** Snapshot (checkpoint) every this many ticks. */
  snap: z.number().int().min(1).max(1000).default(4),
  seed: z.number().int().min(0).max(2 ** 31 - 1).default(0),
  /** Sample grid of each snapshot. */
  gridCols: z.number().int().min(1).max(16).default(8),
  gridRows: z.number().int().min(1).max(16).default(4),
  /** Quality metrics computed on each snapshot (a job per snapshot; curves on the run page); null: none. */
  metrics: snapshotMetricsOption,
});

export type FineTuneOptions = z.infer<typeof fineTuneOptions>;

export const startFineTuneInput = z.object({
  name: z.string().trim().min(1).max(100).optional(),
  datasetId: z.string().min(1),
  baseModelId: z.string().min(1),
  options: fineTuneOptions.default(fineTuneOptions.parse({})),
});

export type StartFineTuneInput = z.infer<typeof startFineTuneInput>;

/** What a run stores in TrainingRun.options: the form plus what the worker needs to rebuild it. */
export type StoredRunOptions = FineTuneOptions & {
  mirror: boolean;
  resolution: number;
  baseCheckpointId: string;
  datasetManifestHash: string;
  /** sha256 of each training image, in manifest order (storage is content-addressed). */
  datasetImages: string[];
};
