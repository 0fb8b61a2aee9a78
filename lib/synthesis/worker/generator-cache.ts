// Loaded generators kept in memory between jobs, least recently used evicted first, bounded
// by a number of models and by their weight size. Weights always come from storage (local
// disk or S3), so a worker on any host can serve any checkpoint.

export type Disposable = { dispose(): void };
type Entry<T> = { value: T; bytes: number };

export class LruCache<T extends Disposable> {
  private entries = new Map<string, Entry<T>>(); // Map order = recency (oldest first)
  private loading = new Map<string, Promise<T>>();

  constructor(
    private readonly maxEntries: number,
    private readonly maxBytes: number,
  ) {}

  get size() {
    return this.entries.size;
  }

  get bytes() {
    let total = 0;
    for (const e of this.entries.values()) total += e.bytes;
    return total;
  }

  keys(): string[] {
    return [...this.entries.keys()];
  }

  /**
   * The cached value for `key`, or the loader's (loaded once even when asked concurrently).
   * Callers must not hold a value across a later get(): evicted values are disposed.
   */
  async get(key: string, load: () => Promise<{ value: T; bytes: number }>): Promise<T> {
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit.value;
    }
    let pending = this.loading.get(key);
    if (!pending) {
      pending = load().then(
        ({ value, bytes }) => {
          this.loading.delete(key);
          this.entries.set(key, { value, bytes });
          this.evict(key);
          return value;
        },
        (err) => {
          this.loading.delete(key);
          throw err;
        },
      );
      this.loading.set(key, pending);
    }
    return pending;
  }

  private evict(keep: string) {
    for (const [key, entry] of this.entries) {
      if (this.entries.size <= this.maxEntries && this.bytes <= this.maxBytes) break;
      if (key === keep) continue; // the newest stays even when it alone exceeds the budget
      this.entries.delete(key);
      entry.value.dispose();
    }
  }

  clear() {
    for (const e of this.entries.values()) e.value.dispose();
    this.entries.clear();
  }
}
