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

const licenceSelect = { spdxId: true, name: true, commercialUse: true, shareAlike: true, attribution: true, customText: true } as const;

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

/** The model, its base model, that one's base … (a cycle or a missing row ends the walk). */
export async function modelChain(modelId: string): Promise<ChainLink[]> {
  const chain: ChainLink[] = [];
  const seen = new Set<string>();
  let next: string | null = modelId;
  while (next && !seen.has(next) && chain.length < MAX_CHAIN) {
    seen.add(next);
    const row: {
      id: string; name: string; baseModelId: string | null;
      license: Parameters<typeof terms>[0];
      checkpoints: { sha256: string }[];
      dataset: { id: string; name: string; manifestHash: string | null; license: Parameters<typeof terms>[0] } | null;
    } | null = await db.model.findUnique({
      where: { id: next },
      select: {
        id: true, name: true, baseModelId: true,
        license: { select: licenceSelect },
        checkpoints: { select: { sha256: true }, orderBy: { createdAt: 'desc' }, take: 1 },
        dataset: { select: { id: true, name: true, manifestHash: true, license: { select: licenceSelect } } },
      },
    });
    if (!row) break;
    chain.push({
      modelId: row.id,
      name: row.name,
      licence: terms(row.license),
      checkpointSha256: row.checkpoints[0]?.sha256 ?? null,
      dataset: row.dataset ? { id: row.dataset.id, name: row.dataset.name, manifestHash: row.dataset.manifestHash, licence: terms(row.dataset.license) } : null,
    });
    next = row.baseModelId;
  }
  return chain;
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
