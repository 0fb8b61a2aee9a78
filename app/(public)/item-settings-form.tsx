import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { ActionForm } from '@/app/(studio)/action-form';
import type { ActionState } from '@/app/(studio)/actions';
import { FieldError } from '@/components/ui/field-error';

type Visibility = 'PRIVATE' | 'UNLISTED' | 'PUBLIC';

/** Name and visibility of a mix or video, for those who may change it (its page's server action). */
export function ItemSettingsForm({
  action,
  kind,
  id,
  name,
  visibility,
}: {
  action: (prev: ActionState, data: FormData) => Promise<ActionState>;
  kind: 'mix' | 'video';
  id: string;
  name: string;
  visibility: Visibility;
}) {
  const label = kind === 'mix' ? 'Mix' : 'Video';
  return (
    <ActionForm action={action} className="grid max-w-xl gap-2 rounded-lg border border-stone-200 bg-white p-3" resetOnSuccess={false}>
      <input type="hidden" name={`${kind}Id`} value={id} />
      <Input name="name" defaultValue={name} aria-label={`${label} name`} required />
      <FieldError name="name" />
      <div className="flex flex-wrap items-center gap-2">
        <select name="visibility" aria-label="Visibility" defaultValue={visibility} className="rounded-md border border-stone-300 bg-white px-2 py-1.5 text-sm">
          <option value="PRIVATE">Private</option>
          <option value="UNLISTED">Unlisted (anyone with the link)</option>
          <option value="PUBLIC">Public</option>
        </select>
        <Button type="submit">Save</Button>
      </div>
      <FieldError name="visibility" />
    </ActionForm>
  );
}
