import { db } from '@/lib/db';
import { storage } from '@/lib/storage';
import { roundImageAsset } from './play-round';
import type { Player } from './player';

export async function readAssetForQuiz(player: Player, roundId: string, slot: 'a' | 'b'): Promise<Buffer> {
  const assetId = await roundImageAsset(player, roundId, slot);
  const asset = await db.asset.findUniqueOrThrow({ where: { id: assetId }, select: { storageKey: true } });
  return storage().get(asset.storageKey);
}
