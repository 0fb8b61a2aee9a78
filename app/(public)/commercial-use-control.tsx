import { effectiveLicenceForModel } from '@/lib/licensing/effective-licence';
import { Button } from '@/components/ui/button';
import { ActionForm } from '@/app/(studio)/action-form';
import { setCommercialUseAction } from '@/app/(studio)/licences/actions';

/**
 * Commercial use of a latent, mix or video, for those who may change it: whether it is marked,
 * and a button to toggle. Marking is disabled, with the reason, when the effective licence of the
 * model chain forbids commercial use; removing a mark always works.
 */
export async function CommercialUseControl({ type, id, modelId, marked }: { type: 'latent' | 'mix' | 'video'; id: string; modelId: string; marked: boolean }) {
  const { licence } = await effectiveLicenceForModel(modelId);
  const blocked = !marked && !licence.commercialUse;
  const reason = blocked ? `Cannot be marked: its model chain is non-commercial (${licence.summary})` : null;
  return (
    <ActionForm action={setCommercialUseAction} className="flex flex-wrap items-center gap-2 rounded-lg border border-stone-200 bg-white p-3 text-sm" resetOnSuccess={false}>
      <input type="hidden" name="type" value={type} />
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="commercialUse" value={String(!marked)} />
      <span className="text-stone-500">Commercial use:</span>
      <span data-testid="commercial-use-status" className={marked ? 'font-medium text-emerald-700' : 'font-medium text-stone-700'}>
        {marked ? 'Marked for commercial use' : 'Not marked'}
      </span>
      <Button type="submit" variant="secondary" className="ml-auto" disabled={blocked} title={reason ?? undefined}>
        {marked ? 'Remove commercial-use mark' : 'Mark for commercial use'}
      </Button>
      {reason && <p className="basis-full text-xs text-stone-500" data-testid="commercial-use-reason">{reason}</p>}
    </ActionForm>
  );
}
