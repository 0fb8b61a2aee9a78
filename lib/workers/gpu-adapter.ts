// The GPU adapter a worker reports: the StyleGAN core's GpuAdapterSummary, as stored in
// WorkerNode.adapter and read back (parsed, not cast) with this schema.
import { z } from 'zod';

export const gpuAdapterSchema = z.object({
  vendor: z.string(),
  architecture: z.string(),
  device: z.string(),
  description: z.string(),
  /** a CPU rasteriser (llvmpipe, SwiftShader, …) rather than a GPU */
  software: z.boolean(),
  /** Dawn's backend: 'default' (Vulkan/Metal/D3D12) or 'opengles' */
  dawnBackend: z.enum(['default', 'opengles']),
});

export type GpuAdapter = z.infer<typeof gpuAdapterSchema>;

/** The adapter's most specific name: "NVIDIA H200", else its device or vendor. */
export function adapterName(adapter: GpuAdapter): string {
  return adapter.description || adapter.device || adapter.vendor || 'unknown adapter';
}
