import { db } from '@/lib/db';
import { storage } from '@/lib/storage';

/** Stores bytes and records an Asset row owned by a user and/or team. */
export async function storeAsset(data: Buffer | Uint8Array, mime: string, owner: { userId?: string | null; teamId?: string | null }) {
  const stored = await storage().put(data, mime);
  return db.asset.create({
    data: { storageKey: stored.key, sha256: stored.sha256, bytes: stored.bytes, mime, ownerId: owner.userId ?? null, teamId: owner.teamId ?? null },
    select: { id: true, sha256: true, bytes: true, mime: true, storageKey: true },
  });
}
