/**
 * Applying directions: ws' = ws + Σ amount·direction on each edit's layer range.
 * Done in float32 on plain arrays in a fixed order, so the same base latent and
 * edits give bit-identical ws (and so the identical image) wherever they run.
 */
import { checkLayerRange, type LayerRange } from './layer-range';

export const MAX_EDIT_AMOUNT = 10;

export interface DirectionEdit {
  vector: ArrayLike<number>;
  amount: number;
  layers: LayerRange;
}

export function checkEdit(edit: DirectionEdit, numWs: number, wDim: number): void {
  if (edit.vector.length !== wDim) throw new RangeError(`direction has ${edit.vector.length} values; this model's w has ${wDim}`);
  for (let i = 0; i < wDim; i++) if (!Number.isFinite(edit.vector[i])) throw new RangeError('direction values must be finite numbers');
  if (!Number.isFinite(edit.amount) || Math.abs(edit.amount) > MAX_EDIT_AMOUNT) {
    throw new RangeError(`amount must be a number within ±${MAX_EDIT_AMOUNT}, got ${edit.amount}`);
  }
  checkLayerRange(edit.layers, numWs);
}

/** ws [num_ws · w_dim] (one latent, row-major) → edited copy. */
export function applyEditsToWs(ws: Float32Array, numWs: number, wDim: number, edits: DirectionEdit[]): Float32Array {
  if (ws.length !== numWs * wDim) throw new RangeError(`ws has ${ws.length} values, expected ${numWs}×${wDim}`);
  const out = Float32Array.from(ws);
  for (const edit of edits) {
    checkEdit(edit, numWs, wDim);
    for (let layer = edit.layers.start; layer < edit.layers.end; layer++) {
      const row = layer * wDim;
      for (let j = 0; j < wDim; j++) out[row + j] = Math.fround(out[row + j] + Math.fround(edit.amount * edit.vector[j]));
    }
  }
  return out;
}
