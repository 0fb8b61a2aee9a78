'use server';

import { invalidInput } from '@/lib/forms/human-errors';
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { requireUser } from '@/lib/auth/current-user';
import { ApiError } from '@/lib/api/errors';
import { currentWorkspaceId } from '@/lib/projects/current-workspace';
import { forkMix } from '@/lib/forks/fork';
import { updateMix, updateMixInput } from '@/lib/mixes/mixes';
import type { ActionState } from '../actions';

export async function forkMixAction(form: FormData) {
  const user = await requireUser();
  const fork = await forkMix(user.id, String(form.get('mixId')), await currentWorkspaceId(user.id));
  redirect(`/mixes/${fork.id}`);
}

/** The mix page's name and visibility form: the same service as PATCH /api/v1/mixes/:id. */
export async function updateMixAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const user = await requireUser();
  const id = String(form.get('mixId'));
  const parsed = updateMixInput.safeParse({ name: form.get('name') ?? undefined, visibility: form.get('visibility') ?? undefined });
  if (!parsed.success) return invalidInput(parsed.error.issues);
  try {
    await updateMix(user.id, id, parsed.data);
  } catch (err) {
    if (err instanceof ApiError) return { error: err.message };
    throw err;
  }
  revalidatePath(`/mixes/${id}`);
  return { ok: 'Saved' };
}
