'use server';
// Report, hide and restore from an item's own page (the services are lib/moderation's).
import { revalidatePath } from 'next/cache';
import { getCurrentUser } from '@/lib/auth/current-user';
import { ApiError } from '@/lib/api/errors';
import { invalidInput } from '@/lib/forms/human-errors';
import { reportInput, reportItem } from '@/lib/moderation/report-item';
import { moderationTarget, setHidden, setHiddenInput } from '@/lib/moderation/moderate';
import type { ActionState } from '@/app/(studio)/actions';

const pageOf: Record<string, string> = { LATENT: '/latents', MIX: '/mixes', VIDEO: '/videos', COLLECTION: '/collections', MODEL: '/models' };

export async function reportItemAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const user = await getCurrentUser();
  if (!user) return { error: 'Sign in to report an item' };
  const parsed = reportInput.safeParse({ targetType: formData.get('targetType'), targetId: formData.get('targetId'), reason: formData.get('reason') ?? '' });
  if (!parsed.success) return invalidInput(parsed.error.issues);
  try {
    const { duplicate } = await reportItem(user.id, parsed.data);
    return { ok: duplicate ? 'You have already reported this; an administrator will look at it.' : 'Reported. An administrator will look at it.' };
  } catch (err) {
    if (err instanceof ApiError) return { error: err.message };
    throw err;
  }
}

export async function setItemHiddenAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const user = await getCurrentUser();
  if (user?.role !== 'ADMIN') return { error: 'Only administrators can hide or restore items' };
  const type = moderationTarget.safeParse(formData.get('targetType'));
  const input = setHiddenInput.safeParse({ hidden: formData.get('hidden') === 'true', reason: formData.get('reason') ?? '' });
  if (!type.success) return { error: 'Unknown kind of item' };
  if (!input.success) return invalidInput(input.error.issues);
  const id = String(formData.get('targetId') ?? '');
  try {
    await setHidden(user.id, type.data, id, input.data);
  } catch (err) {
    if (err instanceof ApiError) return { error: err.message };
    throw err;
  }
  revalidatePath(`${pageOf[type.data]}/${id}`);
  revalidatePath('/admin/moderation');
  return { ok: input.data.hidden ? 'Hidden: only its owner and administrators can see it now.' : 'Restored: it is visible again.' };
}
