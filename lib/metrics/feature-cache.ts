// Real-image features cached in storage, one file per key (realFeatureCacheKey: feature
// network, input size, data source with its dataset manifest hash, image count).
import { db } from '@/lib/db';
import { storage } from '@/lib/storage';
import type { FeatureCache } from './compute-metrics';

export const storedFeatureCache: FeatureCache = {
  async get(key) {
    const row = await db.realFeatureCache.findUnique({ where: { key }, select: { storageKey: true } });
    if (!row) return null;
    try {
      const bytes = await storage().get(row.storageKey);
      return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    } catch {
      return null;
    }
  },
  async set(key, features) {
    const stored = await storage().put(Buffer.from(features.buffer, features.byteOffset, features.byteLength), 'application/octet-stream');
    await db.realFeatureCache.upsert({ where: { key }, create: { key, storageKey: stored.key, count: features.length }, update: { storageKey: stored.key, count: features.length } });
  },
};
