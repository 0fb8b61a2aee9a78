import { requireTeamRole } from '@/lib/teams/permissions';

/** A workspace is a user's personal space or a team; every project lives in one. */
export type Workspace = { kind: 'personal'; userId: string } | { kind: 'team'; teamId: string };

export const PERSONAL = 'personal';

/** Parses a workspace id ('personal' or a team id) and checks the user may use it. */
export async function resolveWorkspace(userId: string, workspaceId: string | undefined | null): Promise<Workspace> {
  if (!workspaceId || workspaceId === PERSONAL) return { kind: 'personal', userId };
  await requireTeamRole(userId, workspaceId);
  return { kind: 'team', teamId: workspaceId };
}

/** The Prisma filter selecting rows of a workspace (owner for personal, team for team). */
export function workspaceWhere(ws: Workspace) {
  return ws.kind === 'personal' ? { ownerId: ws.userId, teamId: null } : { teamId: ws.teamId };
}
