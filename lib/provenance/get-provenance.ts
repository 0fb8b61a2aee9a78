// Reading provenance: the full record for those who may see the artifact (GET
// /api/v1/provenance/:id, the "How was this made?" panel), and a public summary for /verify.
import { db } from '@/lib/db';
import { notFound } from '@/lib/api/errors';
import { attributionText, type EffectiveLicence, type ChainLink } from '@/lib/licensing/effective-licence';
import { canSeeArtifact, viewerOf } from '@/lib/provenance/artifact-access';
import { DIGITAL_SOURCE_TYPE } from '@/lib/provenance/xmp';
import { nameLinks } from '@/lib/provenance/name-links';
import { env } from '@/lib/env';

const recordSelect = {
  id: true, artifactType: true, artifactId: true, assetSha256: true, softwareVersion: true, modelId: true,
  checkpointSha256: true, baseModelChain: true, datasetManifestHash: true, license: true, inputs: true,
  parentIds: true, userId: true, teamId: true, jobId: true, createdAt: true,
  user: { select: { id: true, name: true } },
  team: { select: { id: true, name: true } },
  files: { select: { assetId: true, variant: true, sha256: true, mime: true, createdAt: true }, orderBy: { createdAt: 'asc' as const } },
};

export function verifyUrl() {
  return `${env().APP_URL.replace(/\/$/, '')}/verify`;
}

function present(row: NonNullable<Awaited<ReturnType<typeof loadRecord>>>) {
  const licence = row.license as unknown as EffectiveLicence | null;
  return {
    id: row.id,
    artifact: { type: row.artifactType, id: row.artifactId },
    digitalSourceType: DIGITAL_SOURCE_TYPE,
    softwareVersion: row.softwareVersion,
    model: { id: row.modelId, checkpointSha256: row.checkpointSha256 },
    baseModelChain: row.baseModelChain as unknown as ChainLink[],
    datasetManifestHash: row.datasetManifestHash,
    licence,
    attribution: licence ? attributionText(licence) : null,
    inputs: row.inputs as Record<string, unknown>,
    parents: row.parentIds,
    user: row.user,
    team: row.team,
    jobId: row.jobId,
    files: row.files,
    assetSha256: row.assetSha256,
    createdAt: row.createdAt,
    verifyUrl: verifyUrl(),
  };
}

export type ProvenanceView = ReturnType<typeof present>;

function loadRecord(id: string) {
  return db.provenanceRecord.findUnique({ where: { id }, select: recordSelect });
}

/** The full record, or 404 when it does not exist or its artifact is not visible to the user. */
export async function getProvenanceForUser(user: { id: string; role: string } | null, id: string): Promise<ProvenanceView> {
  const row = await loadRecord(id);
  if (!row || !(await canSeeArtifact(row.artifactType, row.artifactId, await viewerOf(user)))) throw notFound('Provenance record');
  return present(row);
}

/** The newest record of an artifact the user may see, or null (for the provenance panel). */
export async function provenanceOfArtifact(user: { id: string; role: string } | null, type: ProvenanceView['artifact']['type'], artifactId: string) {
  const row = await db.provenanceRecord.findFirst({ where: { artifactType: type, artifactId }, orderBy: { createdAt: 'desc' }, select: { id: true } });
  if (!row) return null;
  try {
    return await getProvenanceForUser(user, row.id);
  } catch {
    return null;
  }
}

/**
 * What /verify tells anyone holding the file: that it is synthetic, when and with which
 * software and model chain it was made, under which terms. Not who made it or the exact
 * inputs — those stay behind the artifact's own permissions.
 */
export async function publicSummary(id: string) {
  const row = await loadRecord(id);
  if (!row) return null;
  const licence = row.license as unknown as EffectiveLicence | null;
  return {
    id: row.id,
    artifactType: row.artifactType,
    digitalSourceType: DIGITAL_SOURCE_TYPE,
    softwareVersion: row.softwareVersion,
    createdAt: row.createdAt,
    models: (row.baseModelChain as unknown as ChainLink[]).map((l) => ({ name: l.name, licence: l.licence?.spdxId ?? l.licence?.name ?? null, dataset: l.dataset?.name ?? null })),
    checkpointSha256: row.checkpointSha256,
    licence,
    attribution: licence ? attributionText(licence) : null,
    detailsUrl: `/api/v1/provenance/${row.id}`,
    pageUrl: `/provenance/${row.id}`,
  };
}

/**
 * The names (with links where the user may open them) of what a record mentions by id: the
 * artifact itself, its model and what it was made from. For pages; the JSON keeps the ids.
 */
export async function provenanceNames(user: { id: string; role: string } | null, record: ProvenanceView) {
  const viewer = await viewerOf(user);
  const [artifact, model, ...parents] = await nameLinks([record.artifact.id, record.model.id ?? '', ...record.parents], viewer);
  return { artifact: artifact!, model: record.model.id ? model! : null, parents };
}
