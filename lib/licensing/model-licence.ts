// The effective licence of a model as the user may see it: for pages that show terms next to
// a model, a generate button or a "commercial use" switch.
import { notFound } from '@/lib/api/errors';
import { attributionText, effectiveLicenceForModel } from '@/lib/licensing/effective-licence';
import { canSeeArtifact, viewerOf } from '@/lib/provenance/artifact-access';

export async function effectiveLicenceForUser(user: { id: string; role: string } | null, modelId: string) {
  if (!(await canSeeArtifact('MODEL', modelId, await viewerOf(user)))) throw notFound('Model');
  const { chain, licence } = await effectiveLicenceForModel(modelId);
  return {
    modelId,
    licence,
    attribution: attributionText(licence),
    chain: chain.map((l) => ({ modelId: l.modelId, name: l.name, licence: l.licence, dataset: l.dataset && { id: l.dataset.id, name: l.dataset.name, licence: l.dataset.licence } })),
  };
}
