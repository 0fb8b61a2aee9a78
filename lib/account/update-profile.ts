import { z } from 'zod';
import { db } from '@/lib/db';
import { badRequest, conflict } from '@/lib/api/errors';
import { emailSchema } from '@/lib/auth/password';
import { recordAudit } from '@/lib/audit/record-audit';
import { confirmCurrentPassword } from '@/lib/account/confirm-password';

export const updateProfileInput = z
  .object({
    name: z.string().trim().min(1, 'Name is required').max(100, 'Name must be at most 100 characters').optional(),
    email: emailSchema.optional(),
    // Needed to change the email (the address password resets go to), not the name.
    currentPassword: z.string().max(200).optional(),
  })
  .refine((v) => v.name !== undefined || v.email !== undefined, { message: 'Send a name or an email to change', path: ['name'] });

export type UpdateProfileInput = z.infer<typeof updateProfileInput>;

const EMAIL_TAKEN = 'Another account already uses this email';

/** Changes the display name and/or email. A new email must be free and needs the current password. */
export async function updateProfile(userId: string, input: UpdateProfileInput, address: string) {
  const current = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true, name: true } });
  const emailChanges = input.email !== undefined && input.email !== current.email;
  if (emailChanges) {
    if (!input.currentPassword) throw badRequest('Enter your current password to change your email', [{ path: 'currentPassword', message: 'Enter your current password to change your email' }]);
    await confirmCurrentPassword(userId, input.currentPassword, address);
    const taken = await db.user.findUnique({ where: { email: input.email }, select: { id: true } });
    if (taken) throw conflict(EMAIL_TAKEN);
  }
  try {
    const user = await db.user.update({
      where: { id: userId },
      data: { ...(input.name !== undefined ? { name: input.name } : {}), ...(emailChanges ? { email: input.email } : {}) },
      select: { id: true, email: true, name: true, role: true },
    });
    if (emailChanges) await recordAudit({ actorId: userId, action: 'account.email.change', target: { type: 'User', id: userId, label: user.email }, details: { from: current.email } });
    return user;
  } catch (err) {
    if ((err as { code?: string }).code === 'P2002') throw conflict(EMAIL_TAKEN);
    throw err;
  }
}
