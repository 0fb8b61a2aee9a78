/**
 * Style mixing: assemble w+ [N, num_ws, w_dim] from several sources by layer
 * ranges. Ranges are half-open [start, end) and must cover every layer exactly
 * once, so a mix is always a complete, unambiguous w+.
 */
import * as tf from '@tensorflow/tfjs';

export interface MixRange {
  /** index into `sources` */
  source: number;
  /** first layer (inclusive) */
  start: number;
  /** last layer (exclusive) */
  end: number;
}

/** Throws unless `ranges` partition [0, numWs) and reference existing sources. */
export function validateMixRanges(ranges: MixRange[], numWs: number, numSources: number): void {
  const owner = new Array<number>(numWs).fill(-1);
  for (const r of ranges) {
    if (!Number.isInteger(r.source) || r.source < 0 || r.source >= numSources) {
      throw new Error(`mix range source ${r.source} does not exist (${numSources} sources)`);
    }
    if (!Number.isInteger(r.start) || !Number.isInteger(r.end) || r.start < 0 || r.end > numWs || r.start >= r.end) {
      throw new Error(`mix range [${r.start}, ${r.end}) is not a non-empty range within [0, ${numWs})`);
    }
    for (let i = r.start; i < r.end; i++) {
      if (owner[i] !== -1) throw new Error(`layer ${i} is covered by more than one mix range`);
      owner[i] = r.source;
    }
  }
  const missing = owner.flatMap((o, i) => (o === -1 ? [i] : []));
  if (missing.length) throw new Error(`layers ${missing.join(', ')} are not covered by any mix range`);
}

/** sources: each [N, num_ws, w_dim] with the same shape. */
export function mixWs(sources: tf.Tensor3D[], ranges: MixRange[]): tf.Tensor3D {
  if (sources.length === 0) throw new Error('mixWs needs at least one source');
  const [n, numWs, wDim] = sources[0].shape;
  for (const s of sources) {
    if (s.shape[0] !== n || s.shape[1] !== numWs || s.shape[2] !== wDim) {
      throw new Error(`mixWs: all sources must be [${n}, ${numWs}, ${wDim}], got [${s.shape}]`);
    }
  }
  validateMixRanges(ranges, numWs, sources.length);
  const ordered = ranges.slice().sort((a, b) => a.start - b.start);
  return tf.tidy(() => {
    const parts = ordered.map((r) => sources[r.source].slice([0, r.start, 0], [n, r.end - r.start, wDim]));
    return (parts.length === 1 ? parts[0].clone() : tf.concat(parts, 1)) as tf.Tensor3D;
  });
}

/** Two-source convenience: layers [0, cutoff) from `a`, [cutoff, num_ws) from `b`. */
export function mixAtCutoff(a: tf.Tensor3D, b: tf.Tensor3D, cutoff: number): tf.Tensor3D {
  const numWs = a.shape[1];
  const ranges: MixRange[] = [];
  if (cutoff > 0) ranges.push({ source: 0, start: 0, end: cutoff });
  if (cutoff < numWs) ranges.push({ source: 1, start: cutoff, end: numWs });
  return mixWs([a, b], ranges);
}
