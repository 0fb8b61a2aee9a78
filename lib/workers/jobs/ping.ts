import { z } from 'zod';
import { defineJob } from '@/lib/queue/define-job';
import type { BackendChoice, GpuAdapterSummary } from '@/lib/stylegan/backend';

export const pingPayload = z.object({
  message: z.string().max(200).default('ping'),
  steps: z.number().int().min(1).max(20).default(4),
  delayMs: z.number().int().min(0).max(2000).default(100),
});

export type PingResult = {
  pong: string;
  /** `${hostname}:${pid}`, the worker's id in the registry (/admin/workers) */
  worker: string;
  /** the backend's short label, e.g. "wasm (simd)"; null when none started */
  backend: string | null;
  backendChoice: BackendChoice | null;
  /** the GPU adapter on webgpu, else null */
  adapter: GpuAdapterSummary | null;
  steps: number;
};

/** Proves the round trip route → queue → worker → result, with progress events. */
export const pingJob = defineJob({
  name: 'ping',
  queue: 'default',
  schema: pingPayload,
  load: () => import('@/lib/workers/jobs/ping.handler'),
});
