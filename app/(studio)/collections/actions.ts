'use server';

import { invalidInput } from '@/lib/forms/human-errors';
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { requireUser } from '@/lib/auth/current-user';
import { ApiError } from '@/lib/api/errors';
import { currentWorkspaceId } from '@/lib/projects/current-workspace';
import { createCollection, createCollectionInput, deleteCollection, updateCollection, updateCollectionInput } from '@/lib/collections/collections';
import { changeItems } from '@/lib/collections/items';
import { sharedNotice } from '@/lib/collections/share-items';
import { forkCollection } from '@/lib/forks/fork';
import type { ActionState } from '../actions';

function fail(err: unknown): ActionState {
  if (err instanceof ApiError) return { error: err.message };
  throw err;
}

export async function createCollectionAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const user = await requireUser();
  const parsed = createCollectionInput.safeParse({
    name: form.get('name'),
    description: form.get('description') ?? '',
    visibility: form.get('visibility') || 'PRIVATE',
    workspace: await currentWorkspaceId(user.id),
  });
  if (!parsed.success) return invalidInput(parsed.error.issues);
  let id: string;
  try {
    id = (await createCollection(user.id, parsed.data)).id;
  } catch (err) {
    return fail(err);
  }
  redirect(`/collections/${id}`);
}

export async function updateCollectionAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const user = await requireUser();
  const id = String(form.get('collectionId'));
  const parsed = updateCollectionInput.safeParse({
    name: form.get('name') ?? undefined,
    description: form.get('description') ?? undefined,
    visibility: form.get('visibility') ?? undefined,
  });
  if (!parsed.success) return invalidInput(parsed.error.issues);
  let shared: string[];
  try {
    shared = (await updateCollection(user.id, id, parsed.data)).sharedItems;
  } catch (err) {
    return fail(err);
  }
  revalidatePath(`/collections/${id}`);
  const notice = sharedNotice(shared);
  return { ok: notice ? `Saved. ${notice}` : 'Saved' };
}

/** Move an item one place up or down, or remove it. */
export async function itemAction(form: FormData) {
  const user = await requireUser();
  const id = String(form.get('collectionId'));
  const itemId = String(form.get('itemId'));
  const op = String(form.get('op'));
  if (op === 'remove') {
    await changeItems(user.id, id, { action: 'remove', itemId });
  } else {
    const order = String(form.get('order')).split(',');
    const i = order.indexOf(itemId);
    const j = op === 'up' ? i - 1 : i + 1;
    if (i >= 0 && j >= 0 && j < order.length) {
      [order[i], order[j]] = [order[j], order[i]];
      await changeItems(user.id, id, { action: 'reorder', itemIds: order });
    }
  }
  revalidatePath(`/collections/${id}`);
}

export async function forkCollectionAction(form: FormData) {
  const user = await requireUser();
  const fork = await forkCollection(user.id, String(form.get('collectionId')), await currentWorkspaceId(user.id));
  redirect(`/collections/${fork.id}`);
}

export async function deleteCollectionAction(form: FormData) {
  const user = await requireUser();
  await deleteCollection(user.id, String(form.get('collectionId')));
  redirect('/collections');
}

export async function addToCollectionAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const user = await requireUser();
  const collectionId = String(form.get('collectionId'));
  const type = String(form.get('type'));
  if (type !== 'latent' && type !== 'mix' && type !== 'video') return { error: 'Unknown item type' };
  let shared: string[];
  try {
    shared = (await changeItems(user.id, collectionId, { action: 'add', type, id: String(form.get('id')) })).shared;
  } catch (err) {
    return fail(err);
  }
  revalidatePath(`/collections/${collectionId}`);
  const notice = sharedNotice(shared);
  return { ok: notice ? `Added to the collection. ${notice}` : 'Added to the collection' };
}
