'use server';

import { invalidInput } from '@/lib/forms/human-errors';
import { revalidatePath } from 'next/cache';
import { requireUser } from '@/lib/auth/current-user';
import { ApiError } from '@/lib/api/errors';
import { commercialUseInput, markCommercialUse } from '@/lib/licensing/mark-commercial-use';
import type { ActionState } from '../actions';

const pageOf = { latent: '/latents', mix: '/mixes', video: '/videos' } as const;

/** The commercial-use control on latent, mix and video pages: the same service as PUT /api/v1/licences/commercial-use. */
export async function setCommercialUseAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const user = await requireUser();
  const parsed = commercialUseInput.safeParse({ type: form.get('type'), id: form.get('id'), commercialUse: form.get('commercialUse') === 'true' });
  if (!parsed.success) return invalidInput(parsed.error.issues);
  try {
    await markCommercialUse(user.id, parsed.data);
  } catch (err) {
    if (err instanceof ApiError) return { error: err.message };
    throw err;
  }
  revalidatePath(`${pageOf[parsed.data.type]}/${parsed.data.id}`);
  return { ok: 'Saved' };
}
