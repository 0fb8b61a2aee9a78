// Parsing of latent vectors and truncation values from JSON requests. JSON cannot carry NaN
// or ±Infinity, but clients send strings like "NaN" and numbers like 1e39 (outside float32)
// or 1e400 (parsed as Infinity): every such value is a 400 naming the offending element.
import { z } from 'zod';
import { badRequest } from '@/lib/api/errors';

/** Noise mode as clients send it (any case); stored upper-case in the database. */
export const noiseModeField = z
  .string()
  .transform((v) => v.toLowerCase())
  .pipe(z.enum(['const', 'random', 'none'], 'noiseMode must be const, random or none'));

/**
 * The request fields that name a model and a latent with its truncation, shared by
 * POST /generate and POST /latents. Vectors and ψ arrive unchecked here: their sizes depend
 * on the model, so they are checked against it with `vector`, `wplusList` and `psiValue`.
 */
export const latentRequestFields = {
  modelId: z.string().min(1, 'modelId is required'),
  checkpointId: z.string().min(1).optional(),
  z: z.unknown().optional(),
  wplus: z.unknown().optional(),
  psi: z.unknown().optional(),
  psiLayers: z.unknown().optional(),
  truncationCutoff: z.number().int().min(0).nullable().optional(),
  workspace: z.string().optional(),
};

export const FLOAT32_MAX = 3.4028234663852886e38;

export function finiteFloat32(value: unknown, path: string): number {
  if (typeof value !== 'number') {
    throw badRequest(`${path} must be a finite number, got ${JSON.stringify(value) ?? String(value)}`);
  }
  if (!Number.isFinite(value)) throw badRequest(`${path} must be a finite number, got ${value}`);
  if (Math.abs(value) > FLOAT32_MAX) throw badRequest(`${path} = ${value} is outside the float32 range (±3.4e38)`);
  return value;
}

export function vector(value: unknown, path: string, dim: number, what: string): number[] {
  if (!Array.isArray(value)) throw badRequest(`${path} must be an array of ${dim} numbers`);
  if (value.length !== dim) throw badRequest(`${path} must have ${dim} values (the model's ${what}), got ${value.length}`);
  return value.map((v, i) => finiteFloat32(v, `${path}[${i}]`));
}

/** One vector or a list of vectors of length `dim`. */
export function vectorList(value: unknown, path: string, dim: number, what: string, maxItems: number): number[][] {
  if (!Array.isArray(value) || value.length === 0) throw badRequest(`${path} must be an array of ${dim} numbers (or a list of such arrays)`);
  const list = Array.isArray(value[0]) ? value : [value];
  tooMany(list.length, maxItems, path);
  return list.map((v, i) => vector(v, list === value ? `${path}[${i}]` : path, dim, what));
}

/** One w+ ([num_ws][w_dim]) or a list of them. */
export function wplusList(value: unknown, path: string, numWs: number, wDim: number, maxItems: number): number[][][] {
  if (!Array.isArray(value) || value.length === 0 || !Array.isArray(value[0])) {
    throw badRequest(`${path} must be a [${numWs}][${wDim}] array (or a list of them)`);
  }
  const list = Array.isArray(value[0][0]) ? value : [value];
  tooMany(list.length, maxItems, path);
  return list.map((layers, n) => {
    const p = list === value ? `${path}[${n}]` : path;
    if (!Array.isArray(layers) || layers.length !== numWs) {
      throw badRequest(`${p} must have ${numWs} layers (the model's num_ws), got ${Array.isArray(layers) ? layers.length : typeof layers}`);
    }
    return layers.map((l: unknown, i: number) => vector(l, `${p}[${i}]`, wDim, 'w_dim'));
  });
}

export function tooMany(count: number, max: number, what: string) {
  if (count > max) throw badRequest(`${what}: too many images in one request (${count}; at most ${max}, GENERATE_MAX_IMAGES)`);
}

export function psiValue(value: unknown, path: string): number {
  const v = finiteFloat32(value, path);
  if (v < -2 || v > 2) throw badRequest(`${path} must be between -2 and 2, got ${v}`);
  return v;
}

export function psiLayersValue(value: unknown, numWs: number): number[] {
  if (!Array.isArray(value) || value.length !== numWs) {
    throw badRequest(`psiLayers must have ${numWs} values (one per ws layer), got ${Array.isArray(value) ? value.length : typeof value}`);
  }
  return value.map((v, i) => psiValue(v, `psiLayers[${i}]`));
}
