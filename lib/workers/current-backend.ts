// The tfjs backend of this process as the StyleGAN core chose it, for reports (worker
// registry, ping job). The core is loaded at run time only, and bundlers are told to skip it
// (as in lib/synthesis/worker/renderer.ts), so a web bundle that reaches a job handler never
// pulls in TensorFlow.js or Dawn.
import type { BackendInfo } from '@/lib/stylegan/backend';

/** The backend initBackend() chose (updated after a lost GPU device), or null when none started. */
export async function currentBackendInfo(): Promise<BackendInfo | null> {
  try {
    const { getBackendInfo } = await import(/* webpackIgnore: true */ /* turbopackIgnore: true */ '@/lib/stylegan/backend');
    return getBackendInfo();
  } catch {
    return null;
  }
}

/** Short name of a backend: "webgpu", "wasm (simd)", or "unavailable" when none started. */
export function backendLabel(info: BackendInfo | null): string {
  if (!info) return 'unavailable';
  return info.choice + (info.simd ? ' (simd)' : '');
}
