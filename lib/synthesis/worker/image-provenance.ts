// What each image of a synthesis job was made from, for its provenance record. Only what
// renders it again: a seed rather than the z it expands to, the z / w / w+ the caller sent,
// and for a nudge the source plus the nudge settings (never the rendered w+, which can be
// tens of thousands of numbers per image).
import type { ProvenanceInput } from '@/lib/provenance/record-provenance';
import type { SynthesizePayload } from '@/lib/synthesis/jobs/synthesize';

type Inputs = NonNullable<ProvenanceInput['inputs']>;

function sourceOf(source: SynthesizePayload['source'], i: number): Inputs {
  switch (source.kind) {
    case 'seeds':
      return { seed: source.seeds[i] };
    case 'z':
      return { z: source.z[i] };
    case 'w':
      return { w: source.w[i] };
    case 'wplus':
      return { wplus: source.wplus[i] };
  }
}

/** Pure: the provenance inputs of image `i` of a job (noiseSeeds as the renderer reports them). */
export function synthesisImageInputs(payload: SynthesizePayload, i: number, noiseSeed: number | null): Inputs {
  const truncation = payload.source.kind === 'wplus' ? {} : { psi: payload.psi, ...(payload.psiLayers ? { psiLayers: payload.psiLayers } : {}), truncationCutoff: payload.truncationCutoff };
  return {
    ...(payload.nudge ? { ...sourceOf(payload.source, 0), nudge: { ...payload.nudge, index: i } } : sourceOf(payload.source, i)),
    ...truncation,
    noiseMode: payload.noiseMode.toUpperCase() as 'CONST' | 'RANDOM' | 'NONE',
    noiseSeed,
  };
}
