// Direction edits as clients send them, checked against the model and its stored directions:
// unknown directions, vectors of the wrong length, NaN, amounts beyond ±10 and layer ranges
// outside the model are 400s naming the offending edit. Resolved edits carry each direction's
// vector as it is applied, so a saved edit renders the same image after a rename or delete.
import { z } from 'zod';
import { badRequest } from '@/lib/api/errors';
import { db } from '@/lib/db';
import { namedRanges } from '@/lib/directions/layer-ranges';
import { applyEditsToWs, MAX_EDIT_AMOUNT } from '@/lib/stylegan/directions/apply-edits';
import { finiteFloat32, vector } from '@/lib/synthesis/latent-input';

const layersField = z.union([
  z.enum(['coarse', 'middle', 'fine', 'all']),
  z.object({ start: z.number().int(), end: z.number().int() }),
]);

export const editInput = z.object({
  directionId: z.string().min(1).optional(),
  vector: z.unknown().optional(),
  amount: z.unknown(),
  layers: layersField.optional(),
});

export const editsField = z.array(editInput).max(32, 'At most 32 edits at once');

export type EditInput = z.infer<typeof editInput>;

export type ResolvedEdit = {
  directionId: string | null;
  name: string | null;
  method: 'sefa' | 'ganspace' | 'taught' | null;
  createdById: string | null;
  vector: number[];
  amount: number;
  layers: { start: number; end: number };
};

export const storedEdits = z.array(
  z.object({
    directionId: z.string().nullable(),
    name: z.string().nullable(),
    method: z.enum(['sefa', 'ganspace', 'taught']).nullable(),
    createdById: z.string().nullable(),
    vector: z.array(z.number()),
    amount: z.number(),
    layers: z.object({ start: z.number().int(), end: z.number().int() }),
  }),
);

type ModelShape = { id: string; checkpointId: string; config: { generator_kwargs: { w_dim: number; img_resolution: number } }; numWs: number };

/** Checks every edit against the model (and its directions of this checkpoint); nothing is written. */
export async function resolveEdits(model: ModelShape, edits: EditInput[]): Promise<ResolvedEdit[]> {
  const wDim = model.config.generator_kwargs.w_dim;
  const ids = [...new Set(edits.flatMap((e) => (e.directionId ? [e.directionId] : [])))];
  const rows = ids.length
    ? await db.direction.findMany({
        where: { id: { in: ids }, modelId: model.id, checkpointId: model.checkpointId },
        select: { id: true, name: true, method: true, vector: true, layerStart: true, layerEnd: true, createdById: true },
      })
    : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  const ranges = namedRanges(model.config.generator_kwargs.img_resolution);
  return edits.map((e, i) => {
    const at = `edits[${i}]`;
    if ((e.directionId === undefined) === (e.vector === undefined)) throw badRequest(`${at}: send either directionId or vector`);
    const amount = finiteFloat32(e.amount, `${at}.amount`);
    if (Math.abs(amount) > MAX_EDIT_AMOUNT) throw badRequest(`${at}.amount must be between -${MAX_EDIT_AMOUNT} and ${MAX_EDIT_AMOUNT}, got ${amount}`);
    const row = e.directionId ? byId.get(e.directionId) : undefined;
    if (e.directionId && !row) throw badRequest(`${at}.directionId: no direction "${e.directionId}" on this model's checkpoint`);
    let layers: { start: number; end: number };
    if (e.layers === undefined) layers = row ? { start: row.layerStart, end: row.layerEnd } : { start: 0, end: model.numWs };
    else if (typeof e.layers === 'string') {
      const named = ranges.find((r) => r.name === e.layers);
      if (!named) throw badRequest(`${at}.layers: this model has no ${e.layers} layers`);
      layers = named.range;
    } else layers = e.layers;
    if (layers.start < 0 || layers.end > model.numWs || layers.start >= layers.end) {
      throw badRequest(`${at}.layers must be a non-empty range within [0, ${model.numWs}) (start inclusive, end exclusive), got [${layers.start}, ${layers.end})`);
    }
    const vec = row ? row.vector : vector(e.vector, `${at}.vector`, wDim, 'w_dim');
    return {
      directionId: row?.id ?? null,
      name: row?.name ?? null,
      method: row ? (row.method.toLowerCase() as ResolvedEdit['method']) : null,
      createdById: row?.createdById ?? null,
      vector: vec,
      amount,
      layers,
    };
  });
}

/** base w+ [num_ws][w_dim] + edits → edited w+ (float32-exact, lib/stylegan/directions/apply-edits). */
export function editedWplus(base: number[][], edits: ResolvedEdit[]): number[][] {
  const numWs = base.length;
  const wDim = base[0].length;
  const out = applyEditsToWs(Float32Array.from(base.flat()), numWs, wDim, edits);
  return Array.from({ length: numWs }, (_, l) => Array.from(out.subarray(l * wDim, (l + 1) * wDim)));
}
