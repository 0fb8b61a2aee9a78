// Password-reset tokens: 32 random bytes, sent once in a link. Only their HMAC under the
// server's AUTH_SECRET is stored, so neither a database leak nor a guess yields a working link.
import { createHmac, randomBytes } from 'node:crypto';
import { env } from '@/lib/env';

export function newResetToken(): string {
  return randomBytes(32).toString('base64url');
}

export function resetTokenHash(token: string): string {
  return createHmac('sha256', env().AUTH_SECRET).update(`password-reset:${token}`).digest('hex');
}

export function resetLink(token: string): string {
  return `${env().APP_URL.replace(/\/$/, '')}/reset-password?token=${encodeURIComponent(token)}`;
}
