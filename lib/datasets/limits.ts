// Upload limits for datasets, from the environment (lib/env.ts); services take them as a
// parameter so tests can exercise every limit with small numbers.
import { env } from '@/lib/env';

export type UploadLimits = {
  /** Bytes received in one request (413 when exceeded). */
  maxBytes: number;
  /** Files in one upload, zip entries included. */
  maxFiles: number;
  /** Bytes after unzipping, checked on declared sizes first and on actual bytes while streaming. */
  maxExpandedBytes: number;
  /** Bytes of one image file. */
  maxImageBytes: number;
};

export function uploadLimits(): UploadLimits {
  const e = env();
  return {
    maxBytes: e.DATASET_UPLOAD_MAX_BYTES,
    maxFiles: e.DATASET_UPLOAD_MAX_FILES,
    maxExpandedBytes: e.DATASET_UPLOAD_MAX_EXPANDED_BYTES,
    maxImageBytes: e.DATASET_IMAGE_MAX_BYTES,
  };
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}

export const RESOLUTIONS = [32, 64, 128, 256, 512, 1024] as const;
export const IMAGE_FORMATS = ['png', 'jpeg', 'webp'] as const;
/** Archive formats we refuse to unpack inside an archive (zip bombs hide in nesting). */
export const ARCHIVE_EXTENSIONS = ['.zip', '.tar', '.gz', '.tgz', '.bz2', '.xz', '.7z', '.rar', '.zst', '.jar'];
