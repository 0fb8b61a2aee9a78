// Blob storage, content-addressed by sha256: local disk by default, S3-compatible when
// configured. Identical bytes are stored once.
import { createHash } from 'node:crypto';

export interface StoredObject {
  key: string;
  sha256: string;
  bytes: number;
}

export interface Storage {
  readonly driver: 'local' | 's3';
  put(data: Buffer | Uint8Array, mime: string): Promise<StoredObject>;
  get(key: string): Promise<Buffer>;
  has(key: string): Promise<boolean>;
  delete(key: string): Promise<void>;
}

export function sha256Hex(data: Buffer | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** `sha256/ab/cd/abcd…`: two levels of fan-out keep folders small. */
export function keyFor(sha256: string): string {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`Not a sha256 hex digest: ${sha256}`);
  return `sha256/${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;
}

export function assertKey(key: string) {
  if (!/^sha256\/[0-9a-f]{2}\/[0-9a-f]{2}\/[0-9a-f]{64}$/.test(key)) throw new Error(`Invalid storage key: ${key}`);
}
