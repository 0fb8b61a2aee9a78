'use server';

import { invalidInput } from '@/lib/forms/human-errors';
import { revalidatePath } from 'next/cache';
import { requireUser } from '@/lib/auth/current-user';
import { ApiError } from '@/lib/api/errors';
import { updateVideo } from '@/lib/videos/videos';
import { updateVideoInput } from '@/lib/videos/video-settings';
import type { ActionState } from '../actions';

/** The video page's name and visibility form: the same service as PATCH /api/v1/videos/:id. */
export async function updateVideoAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const user = await requireUser();
  const id = String(form.get('videoId'));
  const parsed = updateVideoInput.safeParse({ name: form.get('name') ?? undefined, visibility: form.get('visibility') ?? undefined });
  if (!parsed.success) return invalidInput(parsed.error.issues);
  try {
    await updateVideo(user.id, id, parsed.data);
  } catch (err) {
    if (err instanceof ApiError) return { error: err.message };
    throw err;
  }
  revalidatePath(`/videos/${id}`);
  return { ok: 'Saved' };
}
