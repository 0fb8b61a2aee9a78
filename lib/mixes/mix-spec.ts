// A style mix in plain data: two or more sources (saved latents or seeds), each taking some
// layers of w+ — coarse (4–8 px), middle (16–32 px), fine (64 px and up) or a custom
// [start, end) range — checked with the core's validateMixRanges so every layer comes from
// exactly one source. Pure: the web process validates with it, the worker mixes with it.
import { z } from 'zod';
import { badRequest } from '@/lib/api/errors';
import { layerGroups, type LayerGroup } from '@/lib/models/layer-groups';
import { numWsFor } from '@/lib/stylegan/config';
import { validateMixRanges, type MixRange } from '@/lib/stylegan/mixing';

export const layerPickSchema = z.union([
  z.enum(['coarse', 'middle', 'fine']),
  z.object({ start: z.number().int().min(0), end: z.number().int().min(1) }),
]);
export type LayerPick = z.infer<typeof layerPickSchema>;

const sourceFields = {
  latentId: z.string().min(1).optional(),
  seed: z.number().int().min(0).max(0xffffffff, 'seeds are integers in [0, 2^32)').optional(),
  /** truncation ψ for a seed source (a saved latent keeps its own) */
  psi: z.number().min(-2).max(2).optional(),
};
const oneOf = (s: { latentId?: string; seed?: number }) => (s.latentId === undefined) !== (s.seed === undefined);
const oneOfMessage = 'each source is either a saved latent (latentId) or a seed';

/** A source without layers (grid rows and columns). */
export const mixSourceRefSchema = z.object(sourceFields).refine(oneOf, oneOfMessage);
export const mixSourceSchema = z
  .object({ ...sourceFields, layers: z.array(layerPickSchema).min(1, 'each source takes at least one layer range') })
  .refine(oneOf, oneOfMessage);
export type MixSourceRef = z.infer<typeof mixSourceRefSchema>;
export type MixSourceInput = z.infer<typeof mixSourceSchema>;

/** Contiguous ws indices of a layer group for a model of this resolution. */
export function groupRange(group: LayerGroup, imgResolution: number): { start: number; end: number } | null {
  const groups = layerGroups(imgResolution);
  const start = groups.indexOf(group);
  if (start < 0) return null;
  return { start, end: groups.lastIndexOf(group) + 1 };
}

/** Layer picks of one source → ws index ranges (400 when a group does not exist at this size). */
export function pickRanges(picks: LayerPick[], imgResolution: number, where: string): { start: number; end: number }[] {
  return picks.map((p) => {
    if (typeof p !== 'string') return p;
    const r = groupRange(p, imgResolution);
    if (!r) throw badRequest(`${where}: a ${imgResolution} px model has no ${p} layers`);
    return r;
  });
}

/**
 * Every source's picks → MixRange[], validated: no overlaps, no uncovered layers. Problems are
 * said the way the composer counts (Source 1, 2, …) with the field they belong to in `details`.
 */
export function resolveMixRanges(sources: { layers: LayerPick[] }[], imgResolution: number): MixRange[] {
  const numWs = numWsFor({ img_resolution: imgResolution });
  const problem = (path: string, message: string) => badRequest(message, [{ path, field: path, message }]);
  const ranges = sources.flatMap((s, i) => {
    const label = `Source ${i + 1} layers`;
    return s.layers.map((p) => {
      if (typeof p === 'string') {
        const r = groupRange(p, imgResolution);
        if (!r) throw problem(`sources.${i}.layers`, `${label}: a ${imgResolution} px model has no ${p} layers`);
        return { source: i, ...r };
      }
      if (p.end <= p.start || p.end > numWs) throw problem(`sources.${i}.layers`, `${label}: ${p.start}–${p.end - 1} is not within this model's layers 0–${numWs - 1}`);
      return { source: i, ...p };
    });
  });
  const owner = new Array<number>(numWs).fill(-1);
  for (const r of ranges) {
    for (let l = r.start; l < r.end; l++) {
      if (owner[l] !== -1) {
        const a = owner[l] + 1;
        const b = r.source + 1;
        throw problem(`sources.${r.source}.layers`, a === b ? `Source ${b} layers: layer ${l} is picked twice` : `Source ${b} layers: layer ${l} is already taken by Source ${a} (each layer comes from one source)`);
      }
      owner[l] = r.source;
    }
  }
  const missing = owner.flatMap((o, l) => (o === -1 ? [l] : []));
  if (missing.length) {
    throw problem('sources', `${missing.length === 1 ? `Layer ${missing[0]} comes` : `Layers ${missing.join(', ')} come`} from no source: pick ${missing.length === 1 ? 'it' : 'them'} in one of the sources (this model has layers 0–${numWs - 1})`);
  }
  checkRanges(ranges, imgResolution, sources.length);
  return ranges.sort((a, b) => a.start - b.start);
}

/**
 * The mixing grid of the StyleGAN paper (its figure 3): each cell takes `layers` from its
 * row's source and every other layer from its column's source. Source 0 is the column,
 * source 1 the row.
 */
export function gridCellRanges(layers: LayerPick[], imgResolution: number): MixRange[] {
  const numWs = numWsFor({ img_resolution: imgResolution });
  const fromRow = pickRanges(layers, imgResolution, 'layers').map((r) => ({ source: 1, ...r }));
  const owner = new Array<boolean>(numWs).fill(false);
  for (const r of fromRow) for (let i = r.start; i < Math.min(r.end, numWs); i++) {
    if (owner[i]) throw badRequest(`layers: layer ${i} is picked twice`);
    owner[i] = true;
  }
  const fromColumn: MixRange[] = [];
  for (let i = 0; i < numWs; i++) {
    if (owner[i]) continue;
    const last = fromColumn.at(-1);
    if (last && last.end === i) last.end = i + 1;
    else fromColumn.push({ source: 0, start: i, end: i + 1 });
  }
  const ranges = [...fromColumn, ...fromRow].sort((a, b) => a.start - b.start);
  checkRanges(ranges, imgResolution, 2);
  return ranges;
}

function checkRanges(ranges: MixRange[], imgResolution: number, numSources: number) {
  try {
    validateMixRanges(ranges, numWsFor({ img_resolution: imgResolution }), numSources);
  } catch (err) {
    throw badRequest(`Layer ranges: ${(err as Error).message} (this model has ${numWsFor({ img_resolution: imgResolution })} layers, 0–${numWsFor({ img_resolution: imgResolution }) - 1})`);
  }
}
