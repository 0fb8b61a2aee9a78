// Moderation on an item's own page: the "hidden by moderation" banner (owner side and
// administrators), Report (other signed-in users), Hide/Restore (administrators). A server
// component; every item page (collection, latent, mix, video, model) renders it the same way.
import { getCurrentUser } from '@/lib/auth/current-user';
import { itemModeration, type ItemModeration } from '@/lib/moderation/item-moderation';
import type { ModerationTarget } from '@/lib/moderation/targets';
import { ActionForm } from '@/app/(studio)/action-form';
import { reportItemAction, setItemHiddenAction } from '@/app/(public)/moderation-actions';
import { Button } from '@/components/ui/button';
import { FieldError } from '@/components/ui/field-error';

const kindWord: Record<ModerationTarget, string> = { LATENT: 'latent', MIX: 'mix', VIDEO: 'video', COLLECTION: 'collection', MODEL: 'model' };

export function HiddenBanner({ state }: { state: Pick<ItemModeration, 'type' | 'reason' | 'canModerate'> }) {
  return (
    <div role="status" data-testid="hidden-banner" className="rounded-lg border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900">
      <p className="font-semibold">Hidden by moderation</p>
      <p>
        An administrator hid this {kindWord[state.type]}: only its owner{state.canModerate ? '' : ' (you)'}, its team and administrators can see it; it is gone from the gallery and its share link shows “not found”.
        {state.reason && <> Reason: “{state.reason}”.</>}
      </p>
    </div>
  );
}

export function ModerationControls({ state }: { state: ItemModeration }) {
  return (
    <div className="flex flex-wrap items-start gap-3" data-testid="moderation-controls">
      {state.canReport && (
        <details className="group text-sm" data-testid="report-item">
          <summary className="cursor-pointer list-none rounded-md border border-stone-300 bg-white px-3 py-1.5 font-medium text-stone-700 hover:bg-stone-100">
            {state.reported ? 'Reported' : 'Report'}
          </summary>
          <ActionForm action={reportItemAction} className="mt-2 grid w-full max-w-md gap-2 rounded-lg border border-stone-200 bg-white p-3">
            <input type="hidden" name="targetType" value={state.type} />
            <input type="hidden" name="targetId" value={state.id} />
            <label htmlFor={`report-reason-${state.id}`} className="text-stone-600">What is wrong with this {kindWord[state.type]}?</label>
            <textarea id={`report-reason-${state.id}`} name="reason" rows={3} aria-describedby={`report-reason-error-${state.id}`} className="w-full rounded-md border border-stone-300 px-3 py-2 text-sm" />
            <FieldError name="reason" id={`report-reason-error-${state.id}`} />
            <div><Button type="submit">Send report</Button></div>
          </ActionForm>
        </details>
      )}
      {state.canModerate && (
        <ActionForm action={setItemHiddenAction} className="flex flex-wrap items-center gap-2 text-sm" resetOnSuccess={false}>
          <input type="hidden" name="targetType" value={state.type} />
          <input type="hidden" name="targetId" value={state.id} />
          <input type="hidden" name="hidden" value={state.hidden ? 'false' : 'true'} />
          {!state.hidden && <input name="reason" placeholder="Reason (optional)" aria-label="Reason for hiding" className="min-w-0 rounded-md border border-stone-300 px-2 py-1.5" />}
          <Button type="submit" variant={state.hidden ? 'secondary' : 'danger'}>{state.hidden ? `Restore ${kindWord[state.type]}` : `Hide ${kindWord[state.type]}`}</Button>
        </ActionForm>
      )}
    </div>
  );
}

/** Banner and controls for one item, for the signed-in (or signed-out) user of this request. */
export async function ItemModerationBar({ type, id }: { type: ModerationTarget; id: string }) {
  const state = await itemModeration(await getCurrentUser(), type, id);
  if (!state) return null;
  return (
    <div className="space-y-3">
      {state.showBanner && <HiddenBanner state={state} />}
      {(state.canReport || state.canModerate) && <ModerationControls state={state} />}
    </div>
  );
}
