import type { BackendInfo } from '@/lib/stylegan/backend';

/** Images per side when a request leaves it open: 2 000 on CPU backends, 50 000 (as published FIDs) on a GPU. */
export function defaultMetricImages(backend: BackendInfo | null): number {
  const onGpu = backend?.choice === 'node-gpu' || (backend?.choice === 'webgpu' && backend.adapter?.software === false);
  return onGpu ? 50_000 : 2_000;
}
