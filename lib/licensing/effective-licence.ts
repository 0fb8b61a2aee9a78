// The terms an output inherits from everything that made it: the models of its base-model
// chain and the datasets they were trained on. The most restrictive terms win — commercial use
// only if every link allows it, share-alike if any link demands it, every attribution kept.
import { db } from '@/lib/db';

export type LicenceTerms = {
  spdxId: string | null;
  name: string;
  commercialUse: boolean;
  shareAlike: boolean;
  attribution: string | null;
  custom: boolean;
};

/** Where a licence applies in the chain, e.g. `model "FFHQ 256"` or `dataset "My faces"`. */
export type LicenceSource = { kind: 'model' | 'dataset'; id: string; name: string; licence: LicenceTerms | null };

export type EffectiveLicence = {
  commercialUse: boolean;
  shareAlike: boolean;
  attributions: string[];
  /** SPDX ids (or names of custom licences) of every licence in the chain, unique, in chain order. */
  licences: string[];
  /** True when some link has no licence at all: nothing may be assumed, so no commercial use. */
  unlicensed: boolean;
  summary: string;
};

/** Pure: combines the licences of a chain (output's model first, then its bases and datasets). */
export function effectiveLicence(sources: LicenceSource[]): EffectiveLicence {
  const present = sources.filter((s) => s.licence);
  const unlicensed = sources.length === 0 || present.length < sources.length;
  const commercialUse = !unlicensed && present.every((s) => s.licence!.commercialUse);
  const shareAlike = present.some((s) => s.licence!.shareAlike);
  const attributions = unique(present.map((s) => s.licence!.attribution?.trim() ?? '').filter(Boolean));
  const licences = unique(present.map((s) => s.licence!.spdxId ?? s.licence!.name));
  return { commercialUse, shareAlike, attributions, licences, unlicensed, summary: summarise({ commercialUse, shareAlike, attributions, licences, unlicensed }) };
}

function unique(values: string[]) {
  return [...new Set(values)];
}

function summarise(l: Omit<EffectiveLicence, 'summary'>) {
  const parts = [l.licences.length ? `Licences: ${l.licences.join(', ')}` : 'No licence declared'];
  parts.push(l.commercialUse ? 'commercial use allowed' : 'non-commercial use only');
  if (l.shareAlike) parts.push('share alike');
  if (l.attributions.length) parts.push(`credit: ${l.attributions.join('; ')}`);
  return parts.join(' — ');
}

/** The line we put on every download (HTTP header and page): what to credit and the terms. */
export function attributionText(l: EffectiveLicence): string {
  const credit = l.attributions.length ? `Credit: ${l.attributions.join('; ')}. ` : '';
  return `${credit}Synthetic image made with Latent Atelier. ${l.summary}.`;
}

function terms(row: { spdxId: string | null; name: string; commercialUse: boolean; shareAlike: boolean; attribution: string | null; customText: string | null } | null): LicenceTerms | null {
  if (!row) return null;
  return { spdxId: row.spdxId, name: row.name, commercialUse: row.commercialUse, shareAlike: row.shareAlike, attribution: row.attribution, custom: row.customText !== null };
}

export type ChainLink = {
  modelId: string;
  name: string;
  licence: LicenceTerms | null;
  checkpointSha256: string | null;
  dataset: { id: string; name: string; manifestHash: string | null; licence: LicenceTerms | null } | null;
};

const MAX_CHAIN = 32;

type ChainRow = {
  id: string; name: string;
  lSpdxId: string | null; lName: string | null; lCommercialUse: boolean | null; lShareAlike: boolean | null; lAttribution: string | null; lCustomText: string | null;
  checkpointSha256: string | null;
  dId: string | null; dName: string | null; dManifestHash: string | null;
  dlSpdxId: string | null; dlName: string | null; dlCommercialUse: boolean | null; dlShareAlike: boolean | null; dlAttribution: string | null; dlCustomText: string | null;
};

function licenceOf(name: string | null, spdxId: string | null, commercialUse: boolean | null, shareAlike: boolean | null, attribution: string | null, customText: string | null) {
  return name === null ? null : terms({ spdxId, name, commercialUse: !!commercialUse, shareAlike: !!shareAlike, attribution, customText });
}

/**
 * The model, its base model, that one's base … (a cycle or a missing row ends the walk). One
 * statement for the whole chain with each link's licence, newest checkpoint and dataset: it is
 * read for every image a worker records, so this runs often.
 */
export async function modelChain(modelId: string): Promise<ChainLink[]> {
  const rows = await db.$queryRaw<ChainRow[]>`
    WITH RECURSIVE walk AS (
      SELECT m."id", m."baseModelId", 1 AS depth, ARRAY[m."id"] AS seen FROM "Model" m WHERE m."id" = ${modelId}
      UNION ALL
      SELECT m."id", m."baseModelId", w.depth + 1, w.seen || m."id"
      FROM walk w JOIN "Model" m ON m."id" = w."baseModelId"
      WHERE NOT m."id" = ANY(w.seen) AND w.depth < ${MAX_CHAIN}
    )
    SELECT m."id", m."name",
      l."spdxId" AS "lSpdxId", l."name" AS "lName", l."commercialUse" AS "lCommercialUse", l."shareAlike" AS "lShareAlike", l."attribution" AS "lAttribution", l."customText" AS "lCustomText",
      (SELECT c."sha256" FROM "Checkpoint" c WHERE c."modelId" = m."id" ORDER BY c."createdAt" DESC LIMIT 1) AS "checkpointSha256",
      d."id" AS "dId", d."name" AS "dName", d."manifestHash" AS "dManifestHash",
      dl."spdxId" AS "dlSpdxId", dl."name" AS "dlName", dl."commercialUse" AS "dlCommercialUse", dl."shareAlike" AS "dlShareAlike", dl."attribution" AS "dlAttribution", dl."customText" AS "dlCustomText"
    FROM walk w
    JOIN "Model" m ON m."id" = w."id"
    LEFT JOIN "License" l ON l."id" = m."licenseId"
    LEFT JOIN "Dataset" d ON d."id" = m."datasetId"
    LEFT JOIN "License" dl ON dl."id" = d."licenseId"
    ORDER BY w.depth`;
  return rows.map((r) => ({
    modelId: r.id,
    name: r.name,
    licence: licenceOf(r.lName, r.lSpdxId, r.lCommercialUse, r.lShareAlike, r.lAttribution, r.lCustomText),
    checkpointSha256: r.checkpointSha256,
    dataset: r.dId === null ? null : { id: r.dId, name: r.dName!, manifestHash: r.dManifestHash, licence: licenceOf(r.dlName, r.dlSpdxId, r.dlCommercialUse, r.dlShareAlike, r.dlAttribution, r.dlCustomText) },
  }));
}

export function sourcesOf(chain: ChainLink[]): LicenceSource[] {
  return chain.flatMap((link) => [
    { kind: 'model' as const, id: link.modelId, name: link.name, licence: link.licence },
    ...(link.dataset ? [{ kind: 'dataset' as const, id: link.dataset.id, name: link.dataset.name, licence: link.dataset.licence }] : []),
  ]);
}

/** DB wrapper: the effective licence of anything made with `modelId`. */
export async function effectiveLicenceForModel(modelId: string) {
  const chain = await modelChain(modelId);
  return { chain, licence: effectiveLicence(sourcesOf(chain)) };
}
