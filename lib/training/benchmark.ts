/**
 * Seconds per kimg of the training core on the wasm backend, one thread, batch 16, 64-channel
 * networks, as measured by its benchmark (lib/stylegan/train/README.md, `bench/train`): 32 px
 * 185 s/kimg, 64 px 672 s/kimg. Above 64 px the cost grows about 4× per doubling of the side.
 */
const BENCHMARK_SEC_PER_KIMG: Record<number, number> = { 32: 185, 64: 672 };

export function benchmarkSecPerKimg(resolution: number): number {
  if (BENCHMARK_SEC_PER_KIMG[resolution]) return BENCHMARK_SEC_PER_KIMG[resolution];
  if (resolution < 32) return BENCHMARK_SEC_PER_KIMG[32];
  return BENCHMARK_SEC_PER_KIMG[64] * (resolution / 64) ** 2;
}
