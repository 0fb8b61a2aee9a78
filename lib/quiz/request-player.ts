// The player behind a quiz request: the signed-in user, or the anonymous player cookie.
import type { NextRequest } from 'next/server';
import { NextResponse } from 'next/server';
import { notFound } from '@/lib/api/errors';
import { PLAYER_COOKIE } from './constants';
import { playerCookieHeader, playerOf, type Player } from './player';

export function requestPlayer(req: NextRequest, userId: string | null, opts: { create: boolean } = { create: false }): Player {
  const player = playerOf(userId, req.cookies.get(PLAYER_COOKIE)?.value, opts);
  if (!player) throw notFound('Round');
  return player;
}

/** JSON, setting the anonymous player's cookie the first time. */
export function withPlayerCookie(req: NextRequest, player: Player, data: unknown): Response {
  const res = NextResponse.json(data);
  if (player.newCookie) res.headers.append('set-cookie', playerCookieHeader(player.newCookie, req.nextUrl.protocol === 'https:'));
  return res;
}
