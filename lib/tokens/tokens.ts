// Personal access tokens: shown once, stored as a sha256 hash.
import { recordAudit } from '@/lib/audit/record-audit';
import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { db } from '@/lib/db';
import { notFound } from '@/lib/api/errors';

const PREFIX = 'lat_';

export const tokenNameSchema = z.string().trim().min(1, 'Token name is required').max(100);

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function createToken(userId: string, name: string) {
  const token = PREFIX + randomBytes(24).toString('base64url');
  const row = await db.apiToken.create({
    data: { userId, name, tokenHash: hashToken(token), prefix: token.slice(0, 10) },
    select: { id: true, name: true, prefix: true, createdAt: true },
  });
  await recordAudit({ actorId: userId, action: 'token.create', target: { type: 'ApiToken', id: row.id, label: row.name }, details: { prefix: row.prefix } });
  return { ...row, token };
}

export function listTokens(userId: string) {
  return db.apiToken.findMany({
    where: { userId, revokedAt: null },
    select: { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true },
    orderBy: { createdAt: 'desc' },
  });
}

export async function revokeToken(userId: string, tokenId: string) {
  const row = await db.apiToken.findFirst({ where: { id: tokenId, userId, revokedAt: null }, select: { name: true, prefix: true } });
  const { count } = await db.apiToken.updateMany({
    where: { id: tokenId, userId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (count === 0 || !row) throw notFound('Token');
  await recordAudit({ actorId: userId, action: 'token.revoke', target: { type: 'ApiToken', id: tokenId, label: row.name }, details: { prefix: row.prefix } });
}

export type TokenPrincipal = { id: string; email: string; name: string; role: 'USER' | 'ADMIN'; teamIds: string[] };

type TokenRow = { tokenId: string; touch: boolean; id: string; email: string; name: string; role: 'USER' | 'ADMIN'; teamIds: string[] | null };

/**
 * The active, enabled user a bearer token belongs to, with the teams they are a member of (what
 * the access rules need), or null. One statement: API requests authenticate on every call.
 */
export async function principalForToken(token: string): Promise<TokenPrincipal | null> {
  if (!token.startsWith(PREFIX)) return null;
  const [row] = await db.$queryRaw<TokenRow[]>`
    SELECT t.id AS "tokenId", (t."lastUsedAt" IS NULL OR t."lastUsedAt" < ${new Date(Date.now() - 60_000)}) AS touch, u.id, u.email, u.name, u.role::text AS role,
      ARRAY(SELECT m."teamId" FROM "Membership" m WHERE m."userId" = u.id) AS "teamIds"
    FROM "ApiToken" t JOIN "User" u ON u.id = t."userId"
    WHERE t."tokenHash" = ${hashToken(token)} AND t."revokedAt" IS NULL AND NOT u.disabled`;
  if (!row) return null;
  // Touch at most once a minute to keep hot paths write-free.
  if (row.touch) await db.apiToken.update({ where: { id: row.tokenId }, data: { lastUsedAt: new Date() }, select: { id: true } });
  return { id: row.id, email: row.email, name: row.name, role: row.role, teamIds: [...(row.teamIds ?? [])] };
}
