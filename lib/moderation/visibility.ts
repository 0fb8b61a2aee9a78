// Hidden items (moderated by an administrator) vanish from public listings and pages. Their
// owners and team still see them; everyone else gets a 404 as if they never existed.
import type { Visibility } from '@/lib/generated/prisma/client';

/** Prisma `where` fragment for public listings (gallery, explore): public and not hidden. */
export const publicListingWhere = { visibility: 'PUBLIC' as const, hidden: false };

/** Prisma `where` fragment for items reachable by link (public or unlisted) and not hidden. */
export const linkVisibleWhere = { visibility: { in: ['PUBLIC', 'UNLISTED'] as Visibility[] }, hidden: false };

/** Prisma `where` for rows a viewer may open: theirs, their teams', or link-visible. */
export function viewableWhere(viewer: { userId: string | null; teamIds: string[] }) {
  return {
    OR: [
      ...(viewer.userId ? [{ ownerId: viewer.userId }] : []),
      ...(viewer.teamIds.length ? [{ teamId: { in: viewer.teamIds } }] : []),
      linkVisibleWhere,
    ],
  };
}

/** Pure: may this viewer open the row? (Admins may open anything.) */
export function canView(
  row: { ownerId: string | null; teamId: string | null; visibility?: Visibility; hidden?: boolean },
  viewer: { userId: string | null; teamIds: string[]; admin?: boolean },
) {
  if (viewer.admin) return true;
  if (viewer.userId && row.ownerId === viewer.userId) return true;
  if (row.teamId && viewer.teamIds.includes(row.teamId)) return true;
  return !!row.visibility && row.visibility !== 'PRIVATE' && !row.hidden;
}
