// Worker side of mixing: each source's w+ (and its own picture) through the shared
// synthesis renderer, then the core's mixWs to assemble w+ by layer ranges.
import * as tf from '@tensorflow/tfjs';
import { db } from '@/lib/db';
import { PermanentJobError } from '@/lib/queue/define-job';
import type { MixSourceRefPayload } from '@/lib/mixes/jobs/mix';
import { mixWs, type MixRange } from '@/lib/stylegan/mixing';
import type { RenderedImage } from '@/lib/stylegan/synthesize';
import { render, type RenderRequest } from '@/lib/synthesis/worker/renderer';

export type SourceWs = { wplus: number[][]; image: RenderedImage };

const reshape = (flat: number[], cols: number) => Array.from({ length: flat.length / cols }, (_, r) => flat.slice(r * cols, (r + 1) * cols));

export function baseRequest(checkpointId: string): Omit<RenderRequest, 'source'> {
  // Mixes use the model's constant noise, so a mix looks the same every time it is rendered.
  return { checkpointId, psi: 1, psiLayers: null, truncationCutoff: null, noiseMode: 'const', noiseSeed: 0, nudge: null };
}

export async function sourcesWs(refs: MixSourceRefPayload[], checkpointId: string, wDim: number): Promise<SourceWs[]> {
  const ids = refs.flatMap((r) => ('latentId' in r ? [r.latentId] : []));
  const rows = await db.latent.findMany({ where: { id: { in: ids } }, select: { id: true, z: true, wplus: true, psi: true, psiLayers: true, truncationCutoff: true } });
  const byId = new Map(rows.map((r) => [r.id, r]));
  const base = baseRequest(checkpointId);
  const out: SourceWs[] = [];
  for (const [i, ref] of refs.entries()) {
    let req: RenderRequest;
    if ('seed' in ref) {
      req = { ...base, source: { kind: 'seeds', seeds: [ref.seed] }, psi: ref.psi };
    } else {
      const l = byId.get(ref.latentId);
      if (!l) throw new PermanentJobError(`source ${i + 1}: latent ${ref.latentId} was deleted`);
      req = l.wplus.length
        ? { ...base, source: { kind: 'wplus', wplus: [reshape(l.wplus, wDim)] } }
        : { ...base, source: { kind: 'z', z: [l.z] }, psi: l.psi, psiLayers: l.psiLayers.length ? l.psiLayers : null, truncationCutoff: l.truncationCutoff };
    }
    const r = await render(req);
    out.push({ wplus: r.wplus[0], image: r.images[0] });
  }
  return out;
}

/** w+ of each source, mixed by ranges with the core's mixWs → one w+ [num_ws][w_dim]. */
export async function mixSourceWs(sources: number[][][], ranges: MixRange[]): Promise<number[][]> {
  const tensors = sources.map((w) => tf.tensor3d([w]));
  try {
    const mixed = mixWs(tensors, ranges);
    // Asynchronous read: the webgpu backend has no synchronous one.
    const out = ((await mixed.array()) as number[][][])[0];
    mixed.dispose();
    return out;
  } catch (err) {
    throw new PermanentJobError((err as Error).message);
  } finally {
    tensors.forEach((t) => t.dispose());
  }
}

/** The saved latents among mix sources (the parents of what the mix makes). */
export function latentIdsOf(refs: MixSourceRefPayload[]): string[] {
  return [...new Set(refs.flatMap((r) => ('latentId' in r ? [r.latentId] : [])))];
}

/** Provenance inputs of one source's own picture: its seed and ψ, or the latent it renders. */
export function sourceProvenanceInputs(ref: MixSourceRefPayload) {
  return 'seed' in ref ? { seed: ref.seed, psi: ref.psi, noiseMode: 'CONST' as const } : { latentId: ref.latentId, noiseMode: 'CONST' as const };
}
