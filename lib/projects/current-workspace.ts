import { cookies } from 'next/headers';
import { db } from '@/lib/db';
import { PERSONAL } from '@/lib/projects/workspace';

export const WORKSPACE_COOKIE = 'atelier-workspace';

/** The workspace the studio shows: the cookie's team if the user still belongs to it, else personal. */
export async function currentWorkspaceId(userId: string): Promise<string> {
  const value = (await cookies()).get(WORKSPACE_COOKIE)?.value;
  if (!value || value === PERSONAL) return PERSONAL;
  const member = await db.membership.findUnique({ where: { userId_teamId: { userId, teamId: value } }, select: { id: true } });
  return member ? value : PERSONAL;
}
