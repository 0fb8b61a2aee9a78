import { z } from 'zod';
import { defineJob } from '@/lib/queue/define-job';

export const DISCOVER_DEFAULTS = { k: 10, samples: 10_000 };

export const discoverDirectionsPayload = z.object({
  modelId: z.string().min(1),
  checkpointId: z.string().min(1),
  methods: z.array(z.enum(['sefa', 'ganspace'])).min(1).default(['sefa', 'ganspace']),
  /** directions kept per method and range */
  k: z.number().int().min(1).max(64).default(DISCOVER_DEFAULTS.k),
  /** GANSpace: mapped w samples */
  samples: z.number().int().min(100).max(100_000).default(DISCOVER_DEFAULTS.samples),
  /** who asked (null: automatic, after import or promotion) */
  requestedById: z.string().nullable().default(null),
});

export type DiscoverDirectionsPayload = z.infer<typeof discoverDirectionsPayload>;

/**
 * Finds a checkpoint's directions (SeFa on the coarse, middle, fine and all-layer ranges, and
 * GANSpace) and stores them, replacing earlier discovered ones that nobody renamed.
 */
export const discoverDirectionsJob = defineJob({
  name: 'discover-directions',
  queue: 'synthesis',
  schema: discoverDirectionsPayload,
  attempts: 2,
  backoffMs: 1000,
  load: () => import(/* webpackIgnore: true */ /* turbopackIgnore: true */ '@/lib/directions/jobs/discover-directions.handler'),
});
