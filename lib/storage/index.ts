import path from 'node:path';
import { env } from '@/lib/env';
import { LocalDiskStorage } from '@/lib/storage/local-disk';
import { S3Storage } from '@/lib/storage/s3';
import type { Storage } from '@/lib/storage/storage';

let instance: Storage | undefined;

/** The configured storage: local disk under DATA_DIR/storage unless STORAGE_DRIVER=s3. */
export function storage(): Storage {
  if (instance) return instance;
  const e = env();
  instance =
    e.STORAGE_DRIVER === 's3'
      ? new S3Storage({
          bucket: e.S3_BUCKET!,
          region: e.S3_REGION,
          endpoint: e.S3_ENDPOINT,
          accessKeyId: e.S3_ACCESS_KEY_ID,
          secretAccessKey: e.S3_SECRET_ACCESS_KEY,
          forcePathStyle: e.S3_FORCE_PATH_STYLE,
        })
      : new LocalDiskStorage(path.join(e.DATA_DIR, 'storage'));
  return instance;
}
