// The one call the artifact-creating code paths make: "this artifact was made like so".
// It derives the base-model chain, checkpoint, dataset manifest and licence summary from the
// database itself, so callers pass only what they know first-hand.
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { db } from '@/lib/db';
import type { ArtifactType, Prisma } from '@/lib/generated/prisma/client';
import { effectiveLicence, modelChain, sourcesOf, type ChainLink } from '@/lib/licensing/effective-licence';
import { softwareVersion } from '@/lib/provenance/software-version';

/** What the caller knows about the inputs; every field optional, unknown keys kept as given. */
export const provenanceInputs = z
  .object({
    seed: z.number().int().optional(),
    z: z.array(z.number()).optional(),
    wplus: z.array(z.array(z.number())).optional(),
    psi: z.number().optional(),
    psiLayers: z.array(z.number()).optional(),
    truncationCutoff: z.number().int().nullable().optional(),
    noiseMode: z.enum(['CONST', 'RANDOM', 'NONE']).optional(),
    noiseSeed: z.number().int().nullable().optional(),
    mixSpec: z.unknown().optional(),
    videoSettings: z.unknown().optional(),
    trainingOptions: z.unknown().optional(),
  })
  .passthrough();

export type ProvenanceInput = {
  artifactType: ArtifactType;
  artifactId: string;
  /** The stored file this record describes (an image, a video file); more can be added with addProvenanceFile. */
  asset?: { id: string; sha256: string; mime: string } | null;
  modelId?: string | null;
  /** The checkpoint actually used (by id or by hash); defaults to the model's latest. */
  checkpointId?: string | null;
  checkpointSha256?: string | null;
  inputs?: z.input<typeof provenanceInputs>;
  /** Ids of artifacts this one derives from (latents of a mix, keyframes, a forked item, the base model). */
  parents?: string[];
  userId?: string | null;
  teamId?: string | null;
  jobId?: string | null;
};

type Tx = Prisma.TransactionClient | typeof db;

export async function recordProvenance(input: ProvenanceInput, tx: Tx = db) {
  const [data] = await recordData([input], tx);
  const record = await tx.provenanceRecord.create({ data, select: { id: true } });
  if (input.asset) await addProvenanceFile(record.id, input.asset, 'stored', null, tx);
  return record;
}

/**
 * Many records at once (every image of a generate job): the model chain and checkpoints are
 * read once per model, and the records and their files are written in one transaction of two
 * inserts, so a 64-image job costs about what one record does. Returns ids in input order.
 * With `tx`, the inserts run in the caller's transaction instead.
 */
export async function recordProvenanceMany(inputs: ProvenanceInput[], tx?: Prisma.TransactionClient): Promise<{ id: string }[]> {
  if (inputs.length === 0) return [];
  const { records: data, files } = await provenanceRows(inputs, tx ?? db);
  if (tx) {
    // Inside the caller's transaction (which makes the two inserts atomic with its own writes).
    await tx.provenanceRecord.createMany({ data });
    await tx.provenanceFile.createMany({ data: files });
  } else {
    await db.$transaction([db.provenanceRecord.createMany({ data }), db.provenanceFile.createMany({ data: files })]);
  }
  return data.map((d) => ({ id: d.id }));
}

/**
 * The rows recordProvenanceMany inserts (records with their new ids, in input order, and their
 * 'stored' files), for a caller that writes them with other rows in one statement.
 */
export async function provenanceRows(inputs: ProvenanceInput[], tx: Tx = db) {
  const records = (await recordData(inputs, tx)).map((d) => ({ ...d, id: newRowId() }));
  const files = inputs.flatMap((input, i) => (input.asset ? [{ recordId: records[i].id, assetId: input.asset.id, variant: 'stored', sha256: input.asset.sha256, mime: input.asset.mime }] : []));
  return { records, files };
}

/** A collision-free id in the cuid style of the other rows (c + time + counter + randomness). */
let idCounter = 0;
export function newRowId() {
  idCounter = (idCounter + 1) % 1_679_616;
  return `c${Date.now().toString(36)}${idCounter.toString(36).padStart(4, '0')}${randomBytes(8).toString('hex').slice(0, 12)}`;
}

/** Checkpoint id → sha256. A checkpoint's bytes, and so its hash, never change. */
const checkpointShas = new Map<string, string>();

async function checkpointSha256s(ids: string[], tx: Tx): Promise<Map<string, string>> {
  const missing = ids.filter((id) => !checkpointShas.has(id));
  if (missing.length) {
    if (checkpointShas.size > 10_000) checkpointShas.clear();
    const rows = await tx.checkpoint.findMany({ where: { id: { in: missing } }, select: { id: true, sha256: true } });
    for (const r of rows) checkpointShas.set(r.id, r.sha256);
  }
  return checkpointShas;
}

async function recordData(inputs: ProvenanceInput[], tx: Tx): Promise<Prisma.ProvenanceRecordCreateManyInput[]> {
  const chains = new Map<string, ChainLink[]>();
  for (const modelId of new Set(inputs.map((i) => i.modelId).filter((m): m is string => !!m))) chains.set(modelId, await modelChain(modelId));
  const checkpointSha = await checkpointSha256s([...new Set(inputs.map((i) => i.checkpointId).filter((c): c is string => !!c))], tx);
  const software = softwareVersion();
  return inputs.map((input) => {
    const chain = input.modelId ? (chains.get(input.modelId) ?? []) : [];
    const licence = effectiveLicence(sourcesOf(chain));
    return {
      artifactType: input.artifactType,
      artifactId: input.artifactId,
      assetSha256: input.asset?.sha256 ?? null,
      softwareVersion: software,
      modelId: input.modelId ?? null,
      checkpointSha256: input.checkpointSha256 ?? (input.checkpointId ? checkpointSha.get(input.checkpointId) : undefined) ?? chain[0]?.checkpointSha256 ?? null,
      baseModelChain: chain as unknown as Prisma.InputJsonValue,
      datasetManifestHash: chain.find((l) => l.dataset?.manifestHash)?.dataset?.manifestHash ?? null,
      license: licence as unknown as Prisma.InputJsonValue,
      inputs: provenanceInputs.parse(input.inputs ?? {}) as Prisma.InputJsonValue,
      parentIds: [...new Set(input.parents ?? [])],
      userId: input.userId ?? null,
      teamId: input.teamId ?? null,
      jobId: input.jobId ?? null,
    };
  });
}

/** Links one more file to a record ('stored' bytes, or the 'download' copy with metadata). */
export async function addProvenanceFile(
  recordId: string,
  asset: { id: string; sha256: string; mime: string },
  variant: 'stored' | 'download',
  storageKey: string | null = null,
  tx: Tx = db,
) {
  return tx.provenanceFile.upsert({
    where: { recordId_assetId_variant: { recordId, assetId: asset.id, variant } },
    create: { recordId, assetId: asset.id, variant, sha256: asset.sha256, mime: asset.mime, storageKey },
    update: { sha256: asset.sha256, mime: asset.mime, storageKey },
    select: { id: true, sha256: true, storageKey: true },
  });
}

/** The newest record describing a stored asset, if any. */
export async function provenanceForAsset(assetId: string) {
  const file = await db.provenanceFile.findFirst({
    where: { assetId, variant: 'stored' },
    orderBy: { createdAt: 'desc' },
    select: { recordId: true },
  });
  if (file) return file.recordId;
  const record = await db.provenanceRecord.findFirst({ where: { artifactType: 'IMAGE', artifactId: assetId }, orderBy: { createdAt: 'desc' }, select: { id: true } });
  return record?.id ?? null;
}

/** The provenance inputs of a latent row (seed, z, w+, ψ, truncation, noise). */
export function latentProvenanceInputs(l: {
  seed?: number | null; z?: number[]; wplus?: number[]; psi?: number; psiLayers?: number[];
  truncationCutoff?: number | null; noiseMode?: 'CONST' | 'RANDOM' | 'NONE'; noiseSeed?: number | null;
}): z.input<typeof provenanceInputs> {
  return {
    ...(l.seed != null ? { seed: l.seed } : {}),
    ...(l.z?.length ? { z: l.z } : {}),
    // Latent.wplus is stored flat; keep it flat under its own key rather than guess the layer count.
    ...(l.wplus?.length ? { wplusFlat: l.wplus } : {}),
    ...(l.psi !== undefined ? { psi: l.psi } : {}),
    ...(l.psiLayers?.length ? { psiLayers: l.psiLayers } : {}),
    ...(l.truncationCutoff !== undefined ? { truncationCutoff: l.truncationCutoff } : {}),
    ...(l.noiseMode ? { noiseMode: l.noiseMode } : {}),
    ...(l.noiseSeed !== undefined ? { noiseSeed: l.noiseSeed } : {}),
  };
}
