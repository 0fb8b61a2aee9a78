// Who may read, change or share a resource that a user or a team owns: one rule for every such
// resource (latents, mixes, videos, collections, models, datasets, training runs, jobs), as a pure
// function (`can`) and as the Prisma filter that selects the same rows (`readableWhere`,
// `writableWhere`). Services call these; none writes its own.
//
// The rules:
// - A personal resource (teamId null) belongs to its owner: only they may read a private one,
//   change it or share it.
// - A team resource belongs to the team: every current member may read, change and share it.
//   **A former member loses access to the team's resources, including those they created
//   themselves**: what is made in a team stays with the team. (Before this module, latents let
//   their creator keep reading them after leaving, while the video keyframe check did not.)
// - A PUBLIC or UNLISTED resource that no moderator hid may be read by anyone, signed out
//   included. Hidden ones are read only by those who may change them.
// - Administrators get no extra rights here: they act on others' resources through the admin
//   console's own services (moderation, review), which write to the audit log.
// Sharing (making a resource UNLISTED or PUBLIC) is a change, and additionally passes the
// licence-review guard (`assertShareable`) of the models involved.

export type Visibility = 'PRIVATE' | 'UNLISTED' | 'PUBLIC';
export type Action = 'read' | 'write' | 'share';

/** Who is asking: null when signed out. `teamIds`: the teams they are a member of now. */
export type Viewer = { id: string; role: 'USER' | 'ADMIN'; teamIds: readonly string[] } | null;

/** What the rules look at on a resource. `visibility`/`hidden` are absent for never-shared kinds. */
export type Owned = { ownerId: string | null; teamId: string | null; visibility?: Visibility; hidden?: boolean };

function isOwnerSide(viewer: Viewer, row: Owned): boolean {
  if (!viewer) return false;
  if (row.teamId !== null) return viewer.teamIds.includes(row.teamId);
  return row.ownerId !== null && row.ownerId === viewer.id;
}

function isShared(row: Owned): boolean {
  return (row.visibility === 'PUBLIC' || row.visibility === 'UNLISTED') && !row.hidden;
}

/** Whether `viewer` may do `action` on `row`. */
export function can(viewer: Viewer, action: Action, row: Owned): boolean {
  if (action === 'read') return isOwnerSide(viewer, row) || isShared(row);
  return isOwnerSide(viewer, row);
}

type OwnedWhere = { ownerId?: string; teamId?: null | { in: string[] }; visibility?: { in: Visibility[] }; hidden?: boolean };

/** The rows `viewer` may change (and share), as a Prisma filter for any owned model. */
export function writableWhere(viewer: Viewer): { OR: OwnedWhere[] } {
  if (!viewer) return { OR: [] };
  return { OR: [{ ownerId: viewer.id, teamId: null }, { teamId: { in: [...viewer.teamIds] } }] };
}

/** The rows `viewer` may read, as a Prisma filter. `shareable: false` for kinds that are never shared. */
export function readableWhere(viewer: Viewer, opts: { shareable?: boolean } = {}): { OR: OwnedWhere[] } {
  const shared: OwnedWhere[] = opts.shareable === false ? [] : [{ visibility: { in: ['PUBLIC', 'UNLISTED'] }, hidden: false }];
  return { OR: [...writableWhere(viewer).OR, ...shared] };
}
