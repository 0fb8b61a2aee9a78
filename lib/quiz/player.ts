// Who is playing: a signed-in user, or an anonymous player named by a random cookie id.
import { randomBytes } from 'node:crypto';
import { PLAYER_COOKIE } from './constants';

export type Player = { key: string; userId: string | null; newCookie: string | null };

const COOKIE_ID = /^[A-Za-z0-9_-]{22,64}$/;

export function playerOf(userId: string | null, cookieValue: string | undefined, opts: { create: boolean }): Player | null {
  if (userId) return { key: `user:${userId}`, userId, newCookie: null };
  if (cookieValue && COOKIE_ID.test(cookieValue)) return { key: `anon:${cookieValue}`, userId: null, newCookie: null };
  if (!opts.create) return null;
  const id = randomBytes(18).toString('base64url');
  return { key: `anon:${id}`, userId: null, newCookie: id };
}

export function playerCookieHeader(id: string, secure: boolean): string {
  return `${PLAYER_COOKIE}=${id}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${60 * 60 * 24 * 365}${secure ? '; Secure' : ''}`;
}
