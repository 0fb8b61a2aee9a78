// Create (from a vector or taught by example), rename and delete a model's directions, and ask
// for discovery again. Only the model's owner or team (lib/access/directions).
import { z } from 'zod';
import { assertManagesDirections } from '@/lib/access/directions';
import { badRequest, notFound } from '@/lib/api/errors';
import { db } from '@/lib/db';
import { directionSelect, presentDirection } from '@/lib/directions/direction-view';
import { DISCOVER_DEFAULTS, discoverDirectionsJob } from '@/lib/directions/jobs/discover-directions';
import { enqueueJob } from '@/lib/jobs/enqueue-job';
import { parseModelConfig } from '@/lib/models/architecture';
import { numWsFor } from '@/lib/stylegan/config';
import { TEACH_MIN_PER_CLASS, teachDirection } from '@/lib/stylegan/directions/classifier';
import { vector } from '@/lib/synthesis/latent-input';
import { namedRanges } from '@/lib/directions/layer-ranges';

const name = z.string().trim().min(1, 'Name is required').max(60, 'Names have at most 60 characters');
const layersField = z.union([z.enum(['coarse', 'middle', 'fine', 'all']), z.object({ start: z.number().int(), end: z.number().int() })]);

export const createDirectionInput = z.object({
  name,
  checkpointId: z.string().min(1).optional(),
  layers: layersField.optional(),
  /** a direction given directly ([w_dim] numbers) … */
  vector: z.unknown().optional(),
  /** … or taught by example: w vectors of faces with and without the trait */
  teach: z
    .object({
      positives: z.array(z.unknown()).max(500),
      negatives: z.array(z.unknown()).max(500),
      /** directions whose component is removed from the result */
      conditionOn: z.array(z.string().min(1)).max(20).default([]),
    })
    .optional(),
});

export const renameDirectionInput = z.object({ name });

export const discoverInput = z.object({
  methods: z.array(z.enum(['sefa', 'ganspace'])).min(1).optional(),
  k: z.number().int().min(1).max(64).optional(),
  samples: z.number().int().min(100).max(100_000).optional(),
});

async function modelShape(modelId: string, checkpointId?: string) {
  const row = await db.model.findUniqueOrThrow({
    where: { id: modelId },
    select: {
      config: true,
      checkpoints: { select: { id: true }, orderBy: { createdAt: 'desc' }, ...(checkpointId ? { where: { id: checkpointId } } : { where: { hidden: false }, take: 1 }) },
    },
  });
  const cp = row.checkpoints[0];
  if (!cp) throw checkpointId ? badRequest('checkpointId: no such checkpoint of this model') : notFound('Checkpoint of this model');
  const config = parseModelConfig(row.config);
  return { checkpointId: cp.id, config, numWs: numWsFor(config.generator_kwargs) };
}

function resolveLayers(layers: z.infer<typeof layersField> | undefined, numWs: number, resolution: number) {
  if (layers === undefined) return { start: 0, end: numWs };
  if (typeof layers === 'string') {
    const named = namedRanges(resolution).find((r) => r.name === layers);
    if (!named) throw badRequest(`layers: this model has no ${layers} layers`);
    return named.range;
  }
  if (layers.start < 0 || layers.end > numWs || layers.start >= layers.end) {
    throw badRequest(`layers must be a non-empty range within [0, ${numWs}) (start inclusive, end exclusive), got [${layers.start}, ${layers.end})`);
  }
  return layers;
}

export async function createDirection(userId: string, modelId: string, input: z.infer<typeof createDirectionInput>) {
  await assertManagesDirections(userId, modelId);
  const model = await modelShape(modelId, input.checkpointId);
  const g = model.config.generator_kwargs;
  const layers = resolveLayers(input.layers, model.numWs, g.img_resolution);
  if ((input.vector === undefined) === (input.teach === undefined)) throw badRequest('Send either vector or teach');
  let vec: number[];
  let value: number;
  let taught: { heldOutAccuracy: number; trainAccuracy: number; folds: number; positives: number; negatives: number } | null = null;
  if (input.vector !== undefined) {
    vec = vector(input.vector, 'vector', g.w_dim, 'w_dim');
    const length = Math.hypot(...vec);
    if (!(length > 0)) throw badRequest('vector must not be all zeros');
    vec = vec.map((v) => Math.fround(v / length));
    value = 0;
  } else {
    const t = input.teach!;
    if (t.positives.length < TEACH_MIN_PER_CLASS || t.negatives.length < TEACH_MIN_PER_CLASS) {
      throw badRequest(`teach: mark at least ${TEACH_MIN_PER_CLASS} faces with and ${TEACH_MIN_PER_CLASS} without the trait (got ${t.positives.length} and ${t.negatives.length})`);
    }
    const positives = t.positives.map((v, i) => vector(v, `teach.positives[${i}]`, g.w_dim, 'w_dim'));
    const negatives = t.negatives.map((v, i) => vector(v, `teach.negatives[${i}]`, g.w_dim, 'w_dim'));
    const others = t.conditionOn.length
      ? await db.direction.findMany({ where: { id: { in: t.conditionOn }, modelId, checkpointId: model.checkpointId }, select: { id: true, vector: true } })
      : [];
    const missing = t.conditionOn.filter((id) => !others.some((o) => o.id === id));
    if (missing.length) throw badRequest(`teach.conditionOn: no direction "${missing[0]}" on this model's checkpoint`);
    let result;
    try {
      result = teachDirection({ positives, negatives, conditionOn: others.map((o) => o.vector) });
    } catch (err) {
      if (err instanceof RangeError) throw badRequest(`teach: ${err.message}`);
      throw err;
    }
    vec = Array.from(result.direction);
    value = result.heldOutAccuracy;
    taught = { heldOutAccuracy: result.heldOutAccuracy, trainAccuracy: result.trainAccuracy, folds: result.folds, positives: positives.length, negatives: negatives.length };
  }
  const row = await db.direction.create({
    data: {
      modelId,
      checkpointId: model.checkpointId,
      name: input.name,
      method: 'TAUGHT',
      layerStart: layers.start,
      layerEnd: layers.end,
      vector: vec,
      value,
      named: true,
      createdById: userId,
    },
    select: directionSelect,
  });
  return { direction: presentDirection(row, g.img_resolution), taught };
}

async function ownDirection(userId: string, modelId: string, directionId: string) {
  await assertManagesDirections(userId, modelId);
  const row = await db.direction.findFirst({ where: { id: directionId, modelId }, select: { id: true, model: { select: { config: true } } } });
  if (!row) throw notFound('Direction');
  return { id: row.id, resolution: parseModelConfig(row.model.config).generator_kwargs.img_resolution };
}

export async function renameDirection(userId: string, modelId: string, directionId: string, input: z.infer<typeof renameDirectionInput>) {
  const { id, resolution } = await ownDirection(userId, modelId, directionId);
  const row = await db.direction.update({ where: { id }, data: { name: input.name, named: true }, select: directionSelect });
  return presentDirection(row, resolution);
}

export async function deleteDirection(userId: string, modelId: string, directionId: string) {
  const { id } = await ownDirection(userId, modelId, directionId);
  await db.direction.delete({ where: { id } });
}

/** Discovery as a job: after import, after a promotion, and on demand. */
export async function startDiscovery(
  modelId: string,
  checkpointId: string,
  owner: { userId: string | null; teamId: string | null },
  opts: z.infer<typeof discoverInput> & { requestedById?: string | null } = {},
) {
  return enqueueJob(
    discoverDirectionsJob,
    {
      modelId,
      checkpointId,
      methods: opts.methods ?? ['sefa', 'ganspace'],
      k: opts.k ?? DISCOVER_DEFAULTS.k,
      samples: opts.samples ?? DISCOVER_DEFAULTS.samples,
      requestedById: opts.requestedById ?? null,
    },
    owner,
  );
}

export async function requestDiscovery(userId: string, modelId: string, input: z.infer<typeof discoverInput> & { checkpointId?: string }) {
  const owner = await assertManagesDirections(userId, modelId);
  const model = await modelShape(modelId, input.checkpointId);
  return startDiscovery(modelId, model.checkpointId, { userId, teamId: owner.teamId }, { ...input, requestedById: userId });
}
