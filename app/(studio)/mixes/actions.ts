'use server';

import { redirect } from 'next/navigation';
import { requireUser } from '@/lib/auth/current-user';
import { currentWorkspaceId } from '@/lib/projects/current-workspace';
import { forkMix } from '@/lib/forks/fork';

export async function forkMixAction(form: FormData) {
  const user = await requireUser();
  const fork = await forkMix(user.id, String(form.get('mixId')), await currentWorkspaceId(user.id));
  redirect(`/mixes/${fork.id}`);
}
