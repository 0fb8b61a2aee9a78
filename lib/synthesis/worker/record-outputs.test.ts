// Group-committed usage and provenance rows of synthesis jobs: every job's rows are written once,
// ids go back to the right job, and a job whose rows cannot be written fails alone.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { recordJobOutputs, type JobOutputs } from '@/lib/synthesis/worker/record-outputs';

function job(images: number, inputs: Record<string, unknown> = { seed: 1 }): JobOutputs & { jobId: string } {
  const jobId = `rec-${randomBytes(6).toString('hex')}`;
  return {
    jobId,
    usage: { kind: 'GPU_SECONDS', amount: 0.25, userId: null, teamId: null, jobId },
    provenance: Array.from({ length: images }, (_, i) => ({
      artifactType: 'IMAGE' as const,
      artifactId: `${jobId}-${i}`,
      inputs: inputs as never,
      jobId,
    })),
  };
}

async function rowsOf(jobId: string) {
  const [usage, records] = await Promise.all([
    db.usageEvent.findMany({ where: { jobId }, select: { amount: true } }),
    db.provenanceRecord.findMany({ where: { jobId }, select: { id: true, artifactId: true } }),
  ]);
  return { usage, records };
}

describe('usage and provenance of synthesis jobs, written together', () => {
  it('writes each job once, in one or more shared writes, and hands each job its own record ids', async () => {
    const jobs = [job(1), job(3), job(2), job(1)];
    const ids = await Promise.all(jobs.map((j) => recordJobOutputs(j)));
    for (const [k, j] of jobs.entries()) {
      const rows = await rowsOf(j.jobId);
      expect(rows.usage).toEqual([{ amount: 0.25 }]);
      expect(rows.records.map((r) => r.artifactId).sort()).toEqual(j.provenance.map((p) => p.artifactId).sort());
      expect(ids[k].map((r) => r.id).sort()).toEqual(rows.records.map((r) => r.id).sort());
    }
  });

  it('a job whose provenance is invalid fails alone; the others are written exactly once', async () => {
    const good = [job(2), job(1)];
    const bad = job(1, { seed: 1.5 }); // provenance inputs take integer seeds only
    const results = await Promise.allSettled([recordJobOutputs(good[0]), recordJobOutputs(bad), recordJobOutputs(good[1])]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    for (const j of good) {
      const rows = await rowsOf(j.jobId);
      expect(rows.usage).toHaveLength(1);
      expect(rows.records).toHaveLength(j.provenance.length);
    }
    const none = await rowsOf(bad.jobId);
    expect(none.usage).toHaveLength(0);
    expect(none.records).toHaveLength(0);
  });
});
