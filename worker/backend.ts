// Starts the tfjs backend the StyleGAN core picks for this host. The worker keeps the whole
// BackendInfo (choice, GPU adapter, backends passed over) for the worker registry, and a label
// with the adapter for its ready line.
import type { BackendInfo } from '@/lib/stylegan/backend';
import { backendLabel } from '@/lib/workers/current-backend';

export type WorkerBackend = {
  /** null when no backend started: jobs that need tfjs then fail, the rest still run */
  info: BackendInfo | null;
  /** "wasm (simd)", "webgpu on NVIDIA H200 (nvidia, hopper; hardware, Dawn default)", "unavailable" */
  label: string;
};

export async function startBackend(): Promise<WorkerBackend> {
  try {
    const { initBackend, describeAdapter } = await import('@/lib/stylegan/backend');
    const info = await initBackend();
    return { info, label: backendLabel(info) + (info.adapter ? ` on ${describeAdapter(info.adapter)}` : '') };
  } catch (err) {
    console.error('[worker] tfjs backend failed to start:', (err as Error).message);
    return { info: null, label: backendLabel(null) };
  }
}
