/**
 * Seconds per kimg of the training core on the wasm backend, one thread (what a training worker
 * without a GPU runs), for architectures whose speed was measured:
 * - the bundled default model's own architecture (64 px, channels 64/64/64/32/16): 207 s/kimg,
 *   the median CPU seconds per kimg of the last 40 ticks of its training log
 *   (models/default/run/log.jsonl; benchmark.test.ts recomputes it). A fine-tune of it measured
 *   203 s/kimg; the 64-channel benchmark row below said 672, 3× off.
 * - 64 channels at every resolution, batch 16 (`bench/train`, lib/stylegan/train/README.md):
 *   32 px 185 s/kimg, 64 px 672 s/kimg.
 * Another architecture takes the reference nearest in cost, scaled by the ratio of the
 * generator's convolution work (multiply-adds per image: Σ c_in·c_out·res² over its 3×3 convs).
 */
import { blockResolutions, channelsAt } from '@/lib/stylegan/config';

export type ArchitectureKey = { resolution: number; channelBase: number; channelMax: number };
type Reference = ArchitectureKey & { secPerKimg: number; source: string };

/** Median CPU seconds per kimg of the bundled model's training log, last 40 ticks (see the test). */
export const DEFAULT_MODEL_SEC_PER_KIMG = 207;

const REFERENCES: Reference[] = [
  { resolution: 64, channelBase: 1024, channelMax: 64, secPerKimg: DEFAULT_MODEL_SEC_PER_KIMG, source: 'the bundled model’s own training log' },
  { resolution: 32, channelBase: 32 * 64, channelMax: 64, secPerKimg: 185, source: 'the training-core benchmark (64 channels)' },
  { resolution: 64, channelBase: 64 * 64, channelMax: 64, secPerKimg: 672, source: 'the training-core benchmark (64 channels)' },
];

/** The generator's 3×3 convolution multiply-adds per image (the bulk of a training step). */
export function convWork({ resolution, channelBase, channelMax }: ArchitectureKey): number {
  let macs = 0;
  for (const res of blockResolutions(resolution)) {
    const out = channelsAt(res, channelBase, channelMax);
    if (res > 4) macs += channelsAt(res / 2, channelBase, channelMax) * out * res * res; // conv0 (upsampling)
    macs += out * out * res * res; // conv1
  }
  return macs;
}

/** Seconds per kimg for an architecture, with where the number comes from. */
export function referenceSecPerKimg(arch: ArchitectureKey): { secPerKimg: number; basis: string } {
  const work = convWork(arch);
  const sameRes = REFERENCES.filter((r) => r.resolution === arch.resolution);
  const pool = sameRes.length ? sameRes : REFERENCES;
  const ref = pool.reduce((best, r) => (Math.abs(Math.log(work / convWork(r))) < Math.abs(Math.log(work / convWork(best))) ? r : best));
  const scale = work / convWork(ref);
  const exact = Math.abs(scale - 1) < 1e-9;
  return {
    secPerKimg: ref.secPerKimg * scale,
    basis: exact ? `${ref.source} (same architecture, wasm, one thread)` : `${ref.source}, scaled ×${scale.toFixed(2)} by convolution work`,
  };
}

/** Without the model's channel widths: 64 channels everywhere (the benchmark's architecture). */
export function benchmarkSecPerKimg(resolution: number): number {
  return referenceSecPerKimg({ resolution, channelBase: resolution * 64, channelMax: 64 }).secPerKimg;
}
