/**
 * SeFa, closed-form factorisation (Shen & Zhou, CVPR 2021), written from the paper:
 * the style (affine) weights of the synthesis convolutions fed by a range of w
 * indices (toRGB layers excluded) are stacked as columns of a w_dim × Σout
 * matrix W, each column scaled to unit length; the directions are the
 * eigenvectors of W·Wᵀ, largest eigenvalue first.
 */
import type { Generator } from '../generator';
import { synthesisLayout } from '../synthesis';
import { canonicalSign, symmetricEigen } from './linalg';
import { checkLayerRange, type LayerRange } from './layer-range';

export interface DirectionSet {
  /** [k, w_dim] row-major, each row unit length */
  directions: Float32Array;
  /** [k]: eigenvalues (SeFa), explained variance (GANSpace) */
  values: Float32Array;
  k: number;
  wDim: number;
}

/** The synthesis conv layers (not toRGB) whose style comes from a ws index in `range`. */
export function sefaLayers(g: Generator, range: LayerRange): string[] {
  checkLayerRange(range, g.numWs);
  return synthesisLayout(g.config)
    .flatMap((b) => b.convs)
    .filter((c) => c.wIndex >= range.start && c.wIndex < range.end)
    .map((c) => c.name);
}

/** W·Wᵀ (w_dim × w_dim, float64) of the column-normalised stacked style weights. */
export async function sefaGram(g: Generator, range: LayerRange): Promise<{ gram: Float64Array; wDim: number; layers: string[] }> {
  const layers = sefaLayers(g, range);
  if (layers.length === 0) throw new RangeError(`no synthesis convolution reads ws[${range.start}…${range.end - 1}] (only toRGB layers)`);
  const wDim = g.config.w_dim;
  const gram = new Float64Array(wDim * wDim);
  for (const name of layers) {
    // internal layout [w_dim, out]: column j is output unit j's weights over w
    const weight = g.params[`${name}.affine.weight`];
    const out = weight.shape[1]!;
    const data = (await weight.data()) as Float32Array;
    const col = new Float64Array(wDim);
    for (let j = 0; j < out; j++) {
      let ss = 0;
      for (let i = 0; i < wDim; i++) {
        col[i] = data[i * out + j];
        ss += col[i] * col[i];
      }
      const inv = ss > 0 ? 1 / Math.sqrt(ss) : 0;
      for (let i = 0; i < wDim; i++) col[i] *= inv;
      for (let a = 0; a < wDim; a++) {
        const ca = col[a];
        if (ca === 0) continue;
        const row = a * wDim;
        for (let b = 0; b < wDim; b++) gram[row + b] += ca * col[b];
      }
    }
  }
  return { gram, wDim, layers };
}

export async function sefa(g: Generator, range: LayerRange, k: number): Promise<DirectionSet & { layers: string[] }> {
  const { gram, wDim, layers } = await sefaGram(g, range);
  if (!Number.isInteger(k) || k < 1 || k > wDim) throw new RangeError(`k must be an integer in [1, ${wDim}], got ${k}`);
  const { values, vectors } = symmetricEigen(gram, wDim);
  canonicalSign(vectors, k, wDim);
  return { directions: Float32Array.from(vectors.subarray(0, k * wDim)), values: Float32Array.from(values.subarray(0, k)), k, wDim, layers };
}
