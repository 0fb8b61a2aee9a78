// What an item page offers about moderation, for whoever is looking (lib/access decides who is
// on the owner's side): a "hidden by moderation" banner for the owner side and administrators,
// Report for other signed-in users while the item is shared, Hide/Restore for administrators.
import { db } from '@/lib/db';
import { can } from '@/lib/access/rules';
import { viewerOf } from '@/lib/access/viewer';
import { findTarget, type ModerationTarget } from '@/lib/moderation/targets';

export type ItemModeration = {
  type: ModerationTarget;
  id: string;
  name: string;
  hidden: boolean;
  /** Shown the banner: the owner side or an administrator, when the item is hidden. */
  showBanner: boolean;
  canReport: boolean;
  /** This user already has an open report on it. */
  reported: boolean;
  canModerate: boolean;
  /** Why it was hidden, from the newest moderation.hide audit entry (for the banner). */
  reason: string | null;
};

export async function itemModeration(user: { id: string; role: string } | null, type: ModerationTarget, id: string): Promise<ItemModeration | null> {
  const target = await findTarget(type, id);
  if (!target) return null;
  const viewer = await viewerOf(user?.id ?? null);
  const ownerSide = !!viewer && can(viewer, 'write', target);
  const admin = user?.role === 'ADMIN';
  const shared = target.visibility !== 'PRIVATE';
  const [open, hideEntry] = await Promise.all([
    user ? db.moderationReport.findFirst({ where: { reporterId: user.id, targetType: type, targetId: id, resolved: false }, select: { id: true } }) : null,
    target.hidden && (ownerSide || admin)
      ? db.auditLog.findFirst({ where: { action: 'moderation.hide', targetType: type, targetId: id }, orderBy: { createdAt: 'desc' }, select: { details: true } })
      : null,
  ]);
  const reason = (hideEntry?.details as { reason?: unknown } | null)?.reason;
  return {
    type,
    id,
    name: target.name,
    hidden: target.hidden,
    showBanner: target.hidden && (ownerSide || admin),
    canReport: !!user && !ownerSide && shared && !target.hidden,
    reported: !!open,
    canModerate: admin,
    reason: typeof reason === 'string' && reason ? reason : null,
  };
}

/**
 * For an item page that found nothing: an administrator still reaches a hidden item (to see
 * why it is hidden and restore it); everyone else gets the 404. Null when there is nothing to show.
 */
export async function hiddenItemForAdmin(user: { id: string; role: string } | null, type: ModerationTarget, id: string) {
  if (user?.role !== 'ADMIN') return null;
  const state = await itemModeration(user, type, id);
  if (!state?.hidden) return null;
  const owner = await ownerOf(type, id);
  return { ...state, owner };
}

async function ownerOf(type: ModerationTarget, id: string) {
  const target = await findTarget(type, id);
  if (!target) return null;
  const [user, team] = await Promise.all([
    target.ownerId ? db.user.findUnique({ where: { id: target.ownerId }, select: { name: true, email: true } }) : null,
    target.teamId ? db.team.findUnique({ where: { id: target.teamId }, select: { name: true } }) : null,
  ]);
  return team ? `${team.name} (team)` : user ? `${user.name} <${user.email}>` : null;
}
