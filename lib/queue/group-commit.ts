// Group commit: the writes that arrive while one is in flight wait and go to Postgres together
// in the next one (an idle writer writes at once, so a lone item waits for nothing). Jobs that
// shared a forward pass start and finish together; one statement for all of them costs about
// what one costs for each. When a shared write fails, each of its items is written alone, so one
// bad item fails only itself. The write must be all or nothing (one statement or transaction).

type Pending<T, R> = { item: T; resolve: (r: R) => void; reject: (err: unknown) => void };

/** `writeMany` writes items and resolves with one result per item, in order. */
export function groupCommit<T, R>(writeMany: (items: T[]) => Promise<R[]>) {
  let pending: Pending<T, R>[] = [];
  /** A write is scheduled or in flight: new items join the next one. */
  let busy = false;

  async function write(batch: Pending<T, R>[]) {
    const results = await writeMany(batch.map((p) => p.item));
    batch.forEach((p, i) => p.resolve(results[i]));
  }

  async function flush() {
    const batch = pending;
    pending = [];
    try {
      await write(batch);
    } catch (err) {
      if (batch.length === 1) batch[0].reject(err);
      // Nothing of a failed write was committed: write each item alone.
      else for (const p of batch) await write([p]).catch(p.reject);
    } finally {
      if (pending.length) setImmediate(flush);
      else busy = false;
    }
  }

  const submit = (item: T): Promise<R> =>
    new Promise((resolve, reject) => {
      pending.push({ item, resolve, reject });
      if (!busy) {
        busy = true;
        setImmediate(flush);
      }
    });
  /** How many items wait for the next write (tests). */
  submit.waiting = () => pending.length;
  return submit;
}
