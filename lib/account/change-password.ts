import { z } from 'zod';
import { db } from '@/lib/db';
import { badRequest } from '@/lib/api/errors';
import { hashPassword, passwordSchema } from '@/lib/auth/password';
import { recordAudit } from '@/lib/audit/record-audit';
import { confirmCurrentPassword } from '@/lib/account/confirm-password';

export const changePasswordInput = z.object({
  currentPassword: z.string().min(1, 'Enter your current password').max(200),
  newPassword: passwordSchema,
});

/**
 * Sets a new password after checking the current one (throttled like sign-in). Every session,
 * this one included, ends: the user signs in again with the new password. API tokens stay.
 */
export async function changePassword(userId: string, input: z.infer<typeof changePasswordInput>, address: string) {
  await confirmCurrentPassword(userId, input.currentPassword, address);
  if (input.currentPassword === input.newPassword) {
    throw badRequest('The new password must differ from the current one', [{ path: 'newPassword', message: 'The new password must differ from the current one' }]);
  }
  const passwordHash = await hashPassword(input.newPassword);
  await db.user.update({ where: { id: userId }, data: { passwordHash, sessionVersion: { increment: 1 } } });
  await recordAudit({ actorId: userId, action: 'account.password.change', target: { type: 'User', id: userId } });
}
