import { z } from 'zod';
import { defineJob } from '@/lib/queue/define-job';

/** A source as the worker sees it: a saved latent (already authorised) or a seed with ψ. */
export const mixSourceRefPayload = z.union([z.object({ latentId: z.string().min(1) }), z.object({ seed: z.number().int().min(0), psi: z.number() })]);
export type MixSourceRefPayload = z.infer<typeof mixSourceRefPayload>;
const range = z.object({ source: z.number().int().min(0), start: z.number().int().min(0), end: z.number().int().min(1) });

export const mixRenderPayload = z.object({
  modelId: z.string().min(1),
  checkpointId: z.string().min(1),
  sources: z.array(mixSourceRefPayload).min(2),
  ranges: z.array(range).min(1),
  /** set when saving: the worker attaches the preview and creates the result latent */
  mixId: z.string().nullable(),
});

export type MixImage = { assetId: string; url: string };
export type MixRenderResult = { image: MixImage; sources: MixImage[]; wplus: number[][]; latentId: string | null };

export const mixRenderJob = defineJob({
  name: 'mix-render',
  queue: 'synthesis',
  schema: mixRenderPayload,
  attempts: 2,
  backoffMs: 500,
  load: () => import(/* webpackIgnore: true */ /* turbopackIgnore: true */ '@/lib/mixes/jobs/mix-render.handler'),
});

export const mixGridPayload = z.object({
  modelId: z.string().min(1),
  checkpointId: z.string().min(1),
  columns: z.array(mixSourceRefPayload).min(1),
  rows: z.array(mixSourceRefPayload).min(1),
  /** one cell's ranges: source 0 = its column, source 1 = its row */
  ranges: z.array(range).min(1),
});

export type MixGridResult = { grid: MixImage & { width: number; height: number; cell: number }; rows: number; columns: number };

/** The StyleGAN paper's mixing figure: sources across the top and down the side, mixes inside. */
export const mixGridJob = defineJob({
  name: 'mix-grid',
  queue: 'synthesis',
  schema: mixGridPayload,
  attempts: 2,
  backoffMs: 500,
  load: () => import(/* webpackIgnore: true */ /* turbopackIgnore: true */ '@/lib/mixes/jobs/mix-grid.handler'),
});
