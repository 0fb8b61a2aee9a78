import { z } from 'zod';
import { db } from '@/lib/db';
import { env } from '@/lib/env';
import { emailSchema } from '@/lib/auth/password';
import { consumePasswordResetRequest } from '@/lib/auth/throttle';
import { recordAudit } from '@/lib/audit/record-audit';
import { sendMail } from '@/lib/mail/send-mail';
import { newResetToken, resetLink, resetTokenHash } from '@/lib/account/reset-token';

export const requestPasswordResetInput = z.object({ email: emailSchema });

/**
 * Mails a single-use, expiring reset link to the account with this email, if there is one and
 * it is enabled. The caller answers the same either way (the answer must not tell which
 * accounts exist). Throttled per email and per client address (429).
 */
export async function requestPasswordReset(email: string, address: string): Promise<void> {
  await consumePasswordResetRequest(email, address);
  const user = await db.user.findUnique({ where: { email }, select: { id: true, email: true, name: true, disabled: true } });
  if (!user || user.disabled) return;
  const token = newResetToken();
  const ttl = env().PASSWORD_RESET_TTL_MINUTES;
  await db.passwordReset.create({ data: { userId: user.id, tokenHash: resetTokenHash(token), expiresAt: new Date(Date.now() + ttl * 60_000) } });
  await recordAudit({ actorId: user.id, action: 'auth.password.reset_requested', target: { type: 'User', id: user.id, label: user.email }, details: { address } });
  await sendMail({
    to: user.email,
    subject: 'Reset your Latent Atelier password',
    text: [
      `Hello ${user.name},`,
      '',
      'Someone (hopefully you) asked to reset the password of your Latent Atelier account.',
      `Open this link within ${ttl} minutes to choose a new password (it works once):`,
      '',
      resetLink(token),
      '',
      'If you did not ask for this, ignore this email: your password stays as it is.',
    ].join('\n'),
  });
}
