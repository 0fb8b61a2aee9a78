// Usage and provenance rows of finished synthesis jobs, written for several jobs at once.
// Jobs that shared a forward pass finish together; each used to write its own usage event and
// provenance records (reading the model's licence chain every time: about ten round trips to
// Postgres per job). Now writes are group commits: while one write is in flight, the jobs that
// finish meanwhile wait and go in the next write together (an idle worker writes at once, so a
// lone job waits for nothing). The licence chain is read once per model and write, and the rows
// go in as one insert each, usage and provenance in one transaction (all of a write or nothing).
// Every job still waits for its own rows to be committed before it completes; when a shared
// write fails, each of its jobs is written alone, so one bad job fails only itself.
import { db } from '@/lib/db';
import { recordProvenanceMany, type ProvenanceInput } from '@/lib/provenance/record-provenance';

export type JobOutputs = {
  usage: { kind: 'GPU_SECONDS'; amount: number; userId: string | null; teamId: string | null; jobId: string };
  provenance: ProvenanceInput[];
};

type Pending = { outputs: JobOutputs; resolve: (ids: { id: string }[]) => void; reject: (err: unknown) => void };

let pending: Pending[] = [];
/** A write is scheduled or in flight: new jobs join the next one. */
let busy = false;

/** Writes the usage event and provenance records of one job (with those of other jobs finishing now); resolves with its record ids. */
export function recordJobOutputs(outputs: JobOutputs): Promise<{ id: string }[]> {
  return new Promise((resolve, reject) => {
    pending.push({ outputs, resolve, reject });
    if (!busy) {
      busy = true;
      setImmediate(flush);
    }
  });
}

async function write(batch: Pending[]): Promise<void> {
  const ids = await db.$transaction(async (tx) => {
    await tx.usageEvent.createMany({ data: batch.map((p) => p.outputs.usage) });
    return recordProvenanceMany(
      batch.flatMap((p) => p.outputs.provenance),
      tx,
    );
  });
  let at = 0;
  for (const p of batch) {
    p.resolve(ids.slice(at, at + p.outputs.provenance.length));
    at += p.outputs.provenance.length;
  }
}

async function flush() {
  const batch = pending;
  pending = [];
  try {
    await write(batch);
  } catch (err) {
    if (batch.length === 1) batch[0].reject(err);
    // Nothing of a failed write was committed (one transaction): write each job alone.
    else for (const p of batch) await write([p]).catch(p.reject);
  } finally {
    if (pending.length) setImmediate(flush);
    else busy = false;
  }
}

/** For tests: how many jobs wait for the next write. */
export function pendingJobOutputs(): number {
  return pending.length;
}
