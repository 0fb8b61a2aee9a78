'use server';

import { redirect } from 'next/navigation';
import { requireUser } from '@/lib/auth/current-user';
import { currentWorkspaceId } from '@/lib/projects/current-workspace';
import { forkLatent } from '@/lib/forks/fork';

export async function forkLatentAction(form: FormData) {
  const user = await requireUser();
  const fork = await forkLatent(user.id, String(form.get('latentId')), await currentWorkspaceId(user.id));
  redirect(`/latents/${fork.id}`);
}
