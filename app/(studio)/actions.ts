'use server';

import { invalidField, invalidInput } from '@/lib/forms/human-errors';
import { cookies } from 'next/headers';
import { revalidatePath } from 'next/cache';
import { requireUser } from '@/lib/auth/current-user';
import { ApiError } from '@/lib/api/errors';
import { WORKSPACE_COOKIE, currentWorkspaceId } from '@/lib/projects/current-workspace';
import { resolveWorkspace } from '@/lib/projects/workspace';
import { createProject, createProjectInput, updateProject, projectNameSchema } from '@/lib/projects/projects';
import { addMember, addMemberInput, createTeam, createTeamInput } from '@/lib/teams/teams';
import { createToken, revokeToken, tokenNameSchema } from '@/lib/tokens/tokens';

// `fields`: each bad field's problem in words (lib/forms/human-errors), shown next to it by <FieldError>.
export type ActionState = { error?: string; fields?: Record<string, string>; ok?: string; token?: string };

function fail(err: unknown): ActionState {
  if (err instanceof ApiError) return { error: err.message };
  throw err;
}

export async function switchWorkspaceAction(formData: FormData) {
  const user = await requireUser();
  const ws = await resolveWorkspace(user.id, String(formData.get('workspace') ?? 'personal'));
  (await cookies()).set(WORKSPACE_COOKIE, ws.kind === 'team' ? ws.teamId : 'personal', { httpOnly: true, sameSite: 'lax', path: '/' });
  revalidatePath('/studio');
}

export async function createProjectAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const user = await requireUser();
  const parsed = createProjectInput.safeParse({ name: formData.get('name'), workspace: await currentWorkspaceId(user.id) });
  if (!parsed.success) return invalidInput(parsed.error.issues);
  try {
    await createProject(user.id, parsed.data);
  } catch (err) {
    return fail(err);
  }
  revalidatePath('/studio');
  return { ok: 'Project created' };
}

export async function renameProjectAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const user = await requireUser();
  const name = projectNameSchema.safeParse(formData.get('name'));
  if (!name.success) return invalidField('name', name.error.issues);
  try {
    await updateProject(user.id, String(formData.get('projectId')), { name: name.data });
  } catch (err) {
    return fail(err);
  }
  revalidatePath('/studio');
  return { ok: 'Renamed' };
}

export async function setArchivedAction(formData: FormData) {
  const user = await requireUser();
  await updateProject(user.id, String(formData.get('projectId')), { archived: formData.get('archived') === 'true' });
  revalidatePath('/studio');
}

export async function createTeamAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const user = await requireUser();
  const parsed = createTeamInput.safeParse({ name: formData.get('name') });
  if (!parsed.success) return invalidInput(parsed.error.issues);
  await createTeam(user.id, parsed.data);
  revalidatePath('/teams');
  return { ok: 'Team created' };
}

export async function addMemberAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const user = await requireUser();
  const teamId = String(formData.get('teamId'));
  const parsed = addMemberInput.safeParse({ email: formData.get('email'), role: formData.get('role') || 'MEMBER' });
  if (!parsed.success) return invalidInput(parsed.error.issues);
  try {
    const member = await addMember(user.id, teamId, parsed.data);
    revalidatePath(`/teams/${teamId}`);
    return { ok: `${member.email} added` };
  } catch (err) {
    // No such account, already a member: said next to the email field.
    if (err instanceof ApiError && (err.code === 'validation_error' || err.code === 'conflict')) return { error: err.message, fields: { email: err.message } };
    return fail(err);
  }
}

export async function createTokenAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const user = await requireUser();
  const name = tokenNameSchema.safeParse(formData.get('name'));
  if (!name.success) return invalidField('name', name.error.issues);
  const created = await createToken(user.id, name.data);
  revalidatePath('/settings');
  return { ok: 'Token created. Copy it now: it is shown only once.', token: created.token };
}

export async function revokeTokenAction(formData: FormData) {
  const user = await requireUser();
  await revokeToken(user.id, String(formData.get('tokenId')));
  revalidatePath('/settings');
}
