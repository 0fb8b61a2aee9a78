import { describe, expect, it } from 'vitest';
import { synthesizePayload } from '@/lib/synthesis/jobs/synthesize';
import { synthesisImageInputs } from '@/lib/synthesis/worker/image-provenance';

const payload = (extra: Record<string, unknown>) => synthesizePayload.parse({ modelId: 'm', checkpointId: 'c', ...extra });

describe('provenance inputs of a synthesis job', () => {
  it('keeps the seed of each image (not its z), with ψ, truncation and noise', () => {
    const p = payload({ source: { kind: 'seeds', seeds: [7, 8] }, psi: 0.5, psiLayers: [1, 0.5], truncationCutoff: 2, noiseMode: 'random', noiseSeed: 10 });
    expect(synthesisImageInputs(p, 1, 11)).toEqual({ seed: 8, psi: 0.5, psiLayers: [1, 0.5], truncationCutoff: 2, noiseMode: 'RANDOM', noiseSeed: 11 });
  });

  it('keeps z and w as sent; w+ is used as given, so no ψ', () => {
    expect(synthesisImageInputs(payload({ source: { kind: 'z', z: [[1, 2], [3, 4]] } }), 1, null)).toEqual({ z: [3, 4], psi: 1, truncationCutoff: null, noiseMode: 'CONST', noiseSeed: null });
    expect(synthesisImageInputs(payload({ source: { kind: 'w', w: [[5, 6]] }, psi: 0.7 }), 0, null)).toMatchObject({ w: [5, 6], psi: 0.7 });
    expect(synthesisImageInputs(payload({ source: { kind: 'wplus', wplus: [[[1], [2]]] }, noiseMode: 'none' }), 0, null)).toEqual({ wplus: [[1], [2]], noiseMode: 'NONE', noiseSeed: null });
  });

  it('describes a nudge by its source and settings, never by the rendered w+', () => {
    const p = payload({ source: { kind: 'seeds', seeds: [3] }, nudge: { count: 4, step: 0.25, seed: 9 } });
    expect(synthesisImageInputs(p, 2, null)).toEqual({ seed: 3, nudge: { count: 4, step: 0.25, seed: 9, index: 2 }, psi: 1, truncationCutoff: null, noiseMode: 'CONST', noiseSeed: null });
  });
});
