import { z } from 'zod';
import { db } from '@/lib/db';
import { badRequest } from '@/lib/api/errors';
import { hashPassword, passwordSchema } from '@/lib/auth/password';
import { recordAudit } from '@/lib/audit/record-audit';
import { resetTokenHash } from '@/lib/account/reset-token';

export const resetPasswordInput = z.object({
  token: z.string().min(1, 'The reset link is incomplete').max(200),
  password: passwordSchema,
});

const INVALID = 'This reset link is invalid, expired or already used. Ask for a new one.';

/**
 * Sets a new password with a reset token. The token works once and before it expires; using it
 * also voids the account's other reset links, revokes its API tokens and ends every session.
 */
export async function resetPassword(token: string, password: string): Promise<void> {
  const tokenHash = resetTokenHash(token);
  const passwordHash = await hashPassword(password);
  const userId = await db.$transaction(async (tx) => {
    const row = await tx.passwordReset.findUnique({ where: { tokenHash }, select: { id: true, userId: true } });
    if (!row) return null;
    // Claims the token: only one request can move usedAt from null, and only before expiry.
    const claimed = await tx.passwordReset.updateMany({ where: { id: row.id, usedAt: null, expiresAt: { gt: new Date() } }, data: { usedAt: new Date() } });
    if (claimed.count !== 1) return null;
    const user = await tx.user.findUnique({ where: { id: row.userId }, select: { disabled: true } });
    if (!user || user.disabled) return null;
    await tx.user.update({ where: { id: row.userId }, data: { passwordHash, sessionVersion: { increment: 1 } } });
    await tx.passwordReset.updateMany({ where: { userId: row.userId, usedAt: null }, data: { usedAt: new Date() } });
    await tx.apiToken.updateMany({ where: { userId: row.userId, revokedAt: null }, data: { revokedAt: new Date() } });
    return row.userId;
  });
  if (!userId) throw badRequest(INVALID, [{ path: 'token', message: INVALID }]);
  await recordAudit({ actorId: userId, action: 'auth.password.reset', target: { type: 'User', id: userId } });
}
