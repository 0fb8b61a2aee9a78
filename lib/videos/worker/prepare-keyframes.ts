// Keyframes as the interpolation needs them, shared by the video render and its preview strip:
// Z keyframes are their z; W keyframes their stored w+, or w+ mapped from z with the latent's
// own ψ (through the shared synthesis renderer).
import { db } from '@/lib/db';
import { PermanentJobError } from '@/lib/queue/define-job';
import { render, type RenderRequest } from '@/lib/synthesis/worker/renderer';
import type { RenderBatch } from '@/lib/videos/render-video';

type Settings = {
  space: 'z' | 'w';
  checkpointId: string;
  psi: number;
  psiLayers: number[] | null;
  truncationCutoff: number | null;
  noise: 'const' | 'none';
};

const reshape = (flat: ArrayLike<number>, rows: number, cols: number) =>
  Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => flat[r * cols + c]));

export function baseRenderRequest(s: Settings): Omit<RenderRequest, 'source'> {
  return { checkpointId: s.checkpointId, psi: s.psi, psiLayers: s.psiLayers, truncationCutoff: s.truncationCutoff, noiseMode: s.noise, noiseSeed: 0, nudge: null };
}

export async function prepareKeyframes(keyframeIds: string[], s: Settings, numWs: number, wDim: number): Promise<Float32Array[]> {
  const rows = await db.latent.findMany({
    where: { id: { in: keyframeIds } },
    select: { id: true, z: true, wplus: true, psi: true, psiLayers: true, truncationCutoff: true },
  });
  const byId = new Map(rows.map((r) => [r.id, r]));
  const latents = keyframeIds.map((id, i) => {
    const row = byId.get(id);
    if (!row) throw new PermanentJobError(`keyframe ${i + 1} (${id}) was deleted`);
    return row;
  });
  const base = baseRenderRequest(s);
  const keyframes: Float32Array[] = [];
  for (const k of latents) {
    if (s.space === 'z') {
      keyframes.push(Float32Array.from(k.z));
    } else if (k.wplus.length === numWs * wDim) {
      keyframes.push(Float32Array.from(k.wplus));
    } else {
      const out = await render({
        ...base,
        source: { kind: 'z', z: [k.z] },
        psi: k.psi,
        psiLayers: k.psiLayers.length ? k.psiLayers : null,
        truncationCutoff: k.truncationCutoff,
      });
      keyframes.push(Float32Array.from(out.wplus[0].flat()));
    }
  }
  return keyframes;
}

/** Renders interpolated latents (z rows, or flattened w+ rows) on the shared renderer: images and compute seconds. */
export function renderLatents(s: Settings, numWs: number, wDim: number, space: 'z' | 'w', batch: Float32Array[]) {
  const source: RenderRequest['source'] =
    space === 'z' ? { kind: 'z', z: batch.map((l) => Array.from(l)) } : { kind: 'wplus', wplus: batch.map((l) => reshape(l, numWs, wDim)) };
  return render({ ...baseRenderRequest(s), source });
}

/** The video renderer's batches, drawn by the shared synthesis renderer. */
export function synthesisRenderBatch(s: Settings, numWs: number, wDim: number): RenderBatch {
  return async ({ space, latents: batch }) => (await renderLatents(s, numWs, wDim, space, batch)).images;
}
