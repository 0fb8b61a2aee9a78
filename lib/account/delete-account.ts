// Deleting an account. What happens to what the user made (also stated on /settings and in
// docs/api.md):
// - Personal work is deleted, public and unlisted items included: latents, mixes, videos,
//   collections (they leave the gallery), datasets, training runs, projects, API tokens.
// - Team work stays with the team: it passes to another member (an owner first), who also
//   becomes an owner of a team that would otherwise have none.
// - Models the user shared (public or unlisted) stay, anonymised (no owner): other people's
//   latents, mixes and videos were made with them. Private personal models are deleted unless
//   something of someone else's still uses them; then they stay, ownerless, readable by nobody.
// Stored files are content-addressed and may be shared, so they are not removed here.
import { z } from 'zod';
import { db } from '@/lib/db';
import { badRequest, conflict } from '@/lib/api/errors';
import { recordAudit } from '@/lib/audit/record-audit';
import { confirmCurrentPassword } from '@/lib/account/confirm-password';

export const deleteAccountInput = z.object({
  confirm: z.string().trim().toLowerCase().max(254),
  password: z.string().min(1, 'Enter your password').max(200),
});

export async function deleteAccount(userId: string, input: z.infer<typeof deleteAccountInput>, address: string) {
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { id: true, email: true, role: true } });
  if (input.confirm !== user.email) {
    const message = 'Type your email address exactly to confirm';
    throw badRequest(message, [{ path: 'confirm', message }]);
  }
  await confirmCurrentPassword(userId, input.password, address, 'password');
  if (user.role === 'ADMIN') {
    const otherAdmins = await db.user.count({ where: { role: 'ADMIN', disabled: false, id: { not: userId } } });
    if (otherAdmins === 0) throw conflict('You are the only administrator: make someone else an administrator first');
  }

  const privateModels = await db.model.findMany({ where: { ownerId: userId, teamId: null, visibility: 'PRIVATE' }, select: { id: true } });
  const memberships = await db.membership.findMany({ where: { userId }, select: { teamId: true, role: true } });

  await db.$transaction(async (tx) => {
    for (const m of memberships) {
      const heir = await tx.membership.findFirst({
        where: { teamId: m.teamId, userId: { not: userId } },
        orderBy: [{ role: 'asc' }, { createdAt: 'asc' }], // OWNER sorts before MEMBER
        select: { id: true, userId: true, role: true },
      });
      if (!heir) continue; // a team of one: its work goes with the account's
      const where = { ownerId: userId, teamId: m.teamId };
      const data = { ownerId: heir.userId };
      await tx.project.updateMany({ where, data });
      await tx.latent.updateMany({ where, data });
      await tx.mix.updateMany({ where, data });
      await tx.video.updateMany({ where, data });
      await tx.collection.updateMany({ where, data });
      await tx.dataset.updateMany({ where, data });
      await tx.trainingRun.updateMany({ where, data });
      await tx.model.updateMany({ where, data });
      if (m.role === 'OWNER' && heir.role !== 'OWNER') {
        const owners = await tx.membership.count({ where: { teamId: m.teamId, role: 'OWNER', userId: { not: userId } } });
        if (owners === 0) await tx.membership.update({ where: { id: heir.id }, data: { role: 'OWNER' } });
      }
    }
    await tx.user.delete({ where: { id: userId } });
  });

  // Now ownerless; delete those no one else's work uses (the user's own went with the account).
  let deletedModels = 0;
  for (const { id } of privateModels) {
    const [latents, mixes, videos, runs, derived] = await Promise.all([
      db.latent.count({ where: { modelId: id } }),
      db.mix.count({ where: { modelId: id } }),
      db.video.count({ where: { modelId: id } }),
      db.trainingRun.count({ where: { OR: [{ baseModelId: id }, { resultModelId: id }] } }),
      db.model.count({ where: { baseModelId: id } }),
    ]);
    if (latents + mixes + videos + runs + derived > 0) continue;
    try {
      await db.model.delete({ where: { id } });
      deletedModels++;
    } catch (err) {
      console.error('[account] could not delete private model', id, err);
    }
  }
  await recordAudit({ actorId: null, action: 'account.delete', target: { type: 'User', id: userId, label: user.email }, details: { address, teams: memberships.length, deletedModels } });
}
