// The one call the artifact-creating code paths make: "this artifact was made like so".
// It derives the base-model chain, checkpoint, dataset manifest and licence summary from the
// database itself, so callers pass only what they know first-hand.
import { z } from 'zod';
import { db } from '@/lib/db';
import type { ArtifactType, Prisma } from '@/lib/generated/prisma/client';
import { effectiveLicence, modelChain, sourcesOf } from '@/lib/licensing/effective-licence';
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
  const inputs = provenanceInputs.parse(input.inputs ?? {});
  const chain = input.modelId ? await modelChain(input.modelId) : [];
  const checkpoint = input.checkpointId ? await tx.checkpoint.findUnique({ where: { id: input.checkpointId }, select: { sha256: true } }) : null;
  const licence = effectiveLicence(sourcesOf(chain));
  const record = await tx.provenanceRecord.create({
    data: {
      artifactType: input.artifactType,
      artifactId: input.artifactId,
      assetSha256: input.asset?.sha256 ?? null,
      softwareVersion: softwareVersion(),
      modelId: input.modelId ?? null,
      checkpointSha256: input.checkpointSha256 ?? checkpoint?.sha256 ?? chain[0]?.checkpointSha256 ?? null,
      baseModelChain: chain as unknown as Prisma.InputJsonValue,
      datasetManifestHash: chain.find((l) => l.dataset?.manifestHash)?.dataset?.manifestHash ?? null,
      license: licence as unknown as Prisma.InputJsonValue,
      inputs: inputs as Prisma.InputJsonValue,
      parentIds: [...new Set(input.parents ?? [])],
      userId: input.userId ?? null,
      teamId: input.teamId ?? null,
      jobId: input.jobId ?? null,
    },
    select: { id: true },
  });
  if (input.asset) await addProvenanceFile(record.id, input.asset, 'stored', null, tx);
  return record;
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
