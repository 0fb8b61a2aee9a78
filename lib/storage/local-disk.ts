import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { assertKey, keyFor, sha256Hex, type Storage, type StoredObject } from '@/lib/storage/storage';

export class LocalDiskStorage implements Storage {
  readonly driver = 'local' as const;
  constructor(readonly root: string) {}

  private file(key: string) {
    assertKey(key);
    return path.join(this.root, key);
  }

  async put(data: Buffer | Uint8Array, _mime: string): Promise<StoredObject> {
    const sha256 = sha256Hex(data);
    const key = keyFor(sha256);
    const file = this.file(key);
    if (!(await this.has(key))) {
      await mkdir(path.dirname(file), { recursive: true });
      // Write then rename, so a reader never sees half a file.
      const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
      await writeFile(tmp, data);
      await rename(tmp, file);
    }
    return { key, sha256, bytes: data.byteLength };
  }

  async get(key: string): Promise<Buffer> {
    return readFile(this.file(key));
  }

  async has(key: string): Promise<boolean> {
    try {
      await stat(this.file(key));
      return true;
    } catch {
      return false;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.file(key), { force: true });
  }
}
