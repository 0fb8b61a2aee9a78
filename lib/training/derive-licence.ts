// The licence of a fine-tuned model: the most restrictive combination of its base model's
// and its dataset's terms (commercial use only if both allow it, share-alike if either asks,
// both attributions, both custom texts).
export type LicenceTerms = {
  spdxId: string | null;
  name: string;
  customText: string | null;
  commercialUse: boolean;
  shareAlike: boolean;
  attribution: string | null;
};

export function deriveLicence(base: LicenceTerms | null, dataset: LicenceTerms): LicenceTerms {
  if (!base) return { ...dataset };
  const same = base.spdxId && base.spdxId === dataset.spdxId && !base.customText && !dataset.customText;
  const texts = [base.customText && `Base model terms:\n${base.customText}`, dataset.customText && `Dataset terms:\n${dataset.customText}`].filter(Boolean);
  const credits = [...new Set([base.attribution, dataset.attribution].filter((a): a is string => !!a))];
  return {
    spdxId: same ? base.spdxId : null,
    name: same ? base.name : `Derived: ${base.spdxId ?? base.name} (base model) + ${dataset.spdxId ?? dataset.name} (dataset)`,
    customText: same ? null : texts.length ? texts.join('\n\n') : `Most restrictive combination of ${base.spdxId ?? base.name} and ${dataset.spdxId ?? dataset.name}.`,
    commercialUse: base.commercialUse && dataset.commercialUse,
    shareAlike: base.shareAlike || dataset.shareAlike,
    attribution: credits.length ? credits.join('; ') : null,
  };
}
