// Items made with a non-commercial model (anywhere in its chain) cannot be marked for
// commercial use. Call this wherever a user can flag an output as commercial.
import { badRequest } from '@/lib/api/errors';
import { effectiveLicenceForModel } from '@/lib/licensing/effective-licence';

export async function assertCommercialUseAllowed(modelId: string) {
  const { licence } = await effectiveLicenceForModel(modelId);
  if (!licence.commercialUse) {
    throw badRequest(`This item cannot be marked for commercial use: its model chain is non-commercial (${licence.summary})`);
  }
  return licence;
}
