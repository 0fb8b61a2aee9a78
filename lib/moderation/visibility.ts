// Hidden items (moderated by an administrator) vanish from public listings and pages. Their
// owners and team still see them; everyone else gets a 404 as if they never existed.
import type { Visibility } from '@/lib/generated/prisma/client';
import { can, readableWhere, type Viewer } from '@/lib/access/rules';

/** Prisma `where` fragment for public listings (gallery, explore): public and not hidden. */
export const publicListingWhere = { visibility: 'PUBLIC' as const, hidden: false };

/** Prisma `where` fragment for items reachable by link (public or unlisted) and not hidden. */
export const linkVisibleWhere = { visibility: { in: ['PUBLIC', 'UNLISTED'] as Visibility[] }, hidden: false };

function asViewer(viewer: { userId: string | null; teamIds: string[] }): Viewer {
  return viewer.userId ? { id: viewer.userId, role: 'USER', teamIds: viewer.teamIds } : null;
}

/** Prisma `where` for rows a viewer may open (lib/access): theirs, their current teams', or link-visible. */
export function viewableWhere(viewer: { userId: string | null; teamIds: string[] }) {
  return readableWhere(asViewer(viewer));
}

/** Pure: may this viewer open the row? (lib/access; admins, in the moderation and provenance views, anything.) */
export function canView(
  row: { ownerId: string | null; teamId: string | null; visibility?: Visibility; hidden?: boolean },
  viewer: { userId: string | null; teamIds: string[]; admin?: boolean },
) {
  if (viewer.admin) return true;
  return can(asViewer(viewer), 'read', row);
}
