// The explorer's view as URL query parameters, so that a view can be bookmarked and shared:
//   model, page (seed page, 0-based), grid (3, 4 or 6: a 3×3, 4×4 or 6×6 page of seeds),
//   psi (one number for every layer, or one per layer separated by commas),
//   noise (const, random, none) with noiseSeed for random, seed (the focused seed).
// A saved latent (`latent=`) is its own view and keeps only that parameter. Pure: parsed on the
// server for the first render, written by the explorer with history.replaceState.

export type NoiseMode = 'const' | 'random' | 'none';
export const GRID_SIZES = [3, 4, 6] as const;
export type GridSize = (typeof GRID_SIZES)[number];
export const DEFAULT_GRID: GridSize = 4;
export const DEFAULT_PSI = 0.7;
export const PSI_MIN = -1;
export const PSI_MAX = 1.5;
const MAX_PAGE = 100_000_000;
const NOISE_SEED_MAX = 2 ** 31 - 1024;

export type ViewState = {
  modelId: string;
  page: number;
  grid: GridSize;
  psiLayers: number[];
  noiseMode: NoiseMode;
  noiseSeed: number;
  focusSeed: number | null;
};

type Params = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
const wholeNumber = (v: string | undefined, max: number) => (v !== undefined && /^\d{1,10}$/.test(v) && Number(v) <= max ? Number(v) : null);

/** ψ from the URL: one value for all layers, or exactly numWs values; anything else is ignored. */
function parsePsi(v: string | undefined, numWs: number): number[] | null {
  if (!v) return null;
  const parts = v.split(',').map((p) => p.trim());
  if (parts.some((p) => !/^-?\d+(\.\d+)?$/.test(p))) return null;
  const values = parts.map(Number);
  if (values.some((x) => x < PSI_MIN || x > PSI_MAX)) return null;
  if (values.length === 1) return Array(numWs).fill(values[0]);
  return values.length === numWs ? values : null;
}

/** The view a URL asks for; values that do not fit the model fall back to the defaults. */
export function parseViewState(params: Params, model: { id: string; numWs: number }): ViewState {
  const grid = Number(one(params.grid));
  const noise = one(params.noise);
  const noiseMode: NoiseMode = noise === 'random' || noise === 'none' ? noise : 'const';
  return {
    modelId: model.id,
    page: wholeNumber(one(params.page), MAX_PAGE) ?? 0,
    grid: (GRID_SIZES as readonly number[]).includes(grid) ? (grid as GridSize) : DEFAULT_GRID,
    psiLayers: parsePsi(one(params.psi), model.numWs) ?? Array(model.numWs).fill(DEFAULT_PSI),
    noiseMode,
    noiseSeed: noiseMode === 'random' ? (wholeNumber(one(params.noiseSeed), NOISE_SEED_MAX) ?? 0) : 0,
    focusSeed: wholeNumber(one(params.seed), 0xffffffff),
  };
}

const round = (x: number) => String(Math.round(x * 100) / 100);

/** The query string for a view (defaults left out, so a plain view keeps a short URL). */
export function viewStateQuery(v: ViewState): string {
  const q = new URLSearchParams();
  q.set('model', v.modelId);
  if (v.page) q.set('page', String(v.page));
  if (v.grid !== DEFAULT_GRID) q.set('grid', String(v.grid));
  const uniform = v.psiLayers.every((p) => p === v.psiLayers[0]);
  if (!(uniform && v.psiLayers[0] === DEFAULT_PSI)) q.set('psi', uniform ? round(v.psiLayers[0]) : v.psiLayers.map(round).join(','));
  if (v.noiseMode !== 'const') q.set('noise', v.noiseMode);
  if (v.noiseMode === 'random') q.set('noiseSeed', String(v.noiseSeed));
  if (v.focusSeed !== null) q.set('seed', String(v.focusSeed));
  return q.toString();
}
