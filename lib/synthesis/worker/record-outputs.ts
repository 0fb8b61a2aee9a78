// The rows of finished synthesis jobs — asset rows of their images, usage event, provenance
// records and files — written for several jobs at once, in one statement (all or nothing).
// Jobs that shared a forward pass finish together; each used to write its own rows (about ten
// round trips to Postgres per job). Now writes are group commits (lib/queue/group-commit.ts):
// while one write is in flight, the jobs that finish meanwhile go in the next one together. The
// licence chain is read once per model and write. Every job still waits for its own rows to be
// committed before it completes; when a shared write fails, each of its jobs is written alone,
// so one bad job fails only itself.
import { db, dbJson } from '@/lib/db';
import { groupCommit } from '@/lib/queue/group-commit';
import { newRowId, provenanceRows, type ProvenanceInput } from '@/lib/provenance/record-provenance';
import type { StoredFile } from '@/lib/synthesis/worker/store-images';

export type JobOutputs = {
  /** Files already in storage whose asset rows this write adds (owned by the usage's user and team). */
  assets?: StoredFile[];
  usage: { kind: 'GPU_SECONDS'; amount: number; userId: string | null; teamId: string | null; jobId: string };
  provenance: ProvenanceInput[];
};

const write = groupCommit(async (batch: JobOutputs[]): Promise<{ id: string }[][]> => {
  const { records, files } = await provenanceRows(batch.flatMap((j) => j.provenance));
  const assets = batch.flatMap((j) => (j.assets ?? []).map((a) => ({ ...a, ownerId: j.usage.userId, teamId: j.usage.teamId })));
  const usage = batch.map((j) => ({ id: newRowId(), ...j.usage }));
  const now = new Date();
  // One statement: its inserts commit together, and the foreign keys are checked at its end.
  await db.$executeRaw`
    WITH
      a AS (
        INSERT INTO "Asset" ("id", "storageKey", "sha256", "bytes", "mime", "ownerId", "teamId", "createdAt")
        SELECT x.*, ${now} FROM jsonb_to_recordset(${dbJson(assets)}::jsonb)
          AS x("id" text, "storageKey" text, "sha256" text, "bytes" int, "mime" text, "ownerId" text, "teamId" text)
      ),
      u AS (
        INSERT INTO "UsageEvent" ("id", "kind", "amount", "userId", "teamId", "jobId", "createdAt")
        SELECT x.*, ${now} FROM jsonb_to_recordset(${dbJson(usage)}::jsonb)
          AS x("id" text, "kind" "UsageKind", "amount" float8, "userId" text, "teamId" text, "jobId" text)
      ),
      r AS (
        INSERT INTO "ProvenanceRecord" ("id", "artifactType", "artifactId", "assetSha256", "softwareVersion", "modelId", "checkpointSha256",
          "baseModelChain", "datasetManifestHash", "license", "inputs", "parentIds", "userId", "teamId", "jobId", "createdAt")
        SELECT x.*, ${now} FROM jsonb_to_recordset(${dbJson(records)}::jsonb)
          AS x("id" text, "artifactType" "ArtifactType", "artifactId" text, "assetSha256" text, "softwareVersion" text, "modelId" text, "checkpointSha256" text,
            "baseModelChain" jsonb, "datasetManifestHash" text, "license" jsonb, "inputs" jsonb, "parentIds" text[], "userId" text, "teamId" text, "jobId" text)
      )
    INSERT INTO "ProvenanceFile" ("id", "recordId", "assetId", "variant", "sha256", "mime", "createdAt")
    SELECT x.*, ${now} FROM jsonb_to_recordset(${dbJson(files.map((f) => ({ id: newRowId(), ...f })))}::jsonb)
      AS x("id" text, "recordId" text, "assetId" text, "variant" text, "sha256" text, "mime" text)`;
  let at = 0;
  return batch.map((j) => {
    const ids = records.slice(at, at + j.provenance.length).map((r) => ({ id: r.id }));
    at += j.provenance.length;
    return ids;
  });
});

/** Writes one job's asset rows, usage event and provenance records (with those of other jobs finishing now); resolves with its record ids. */
export function recordJobOutputs(outputs: JobOutputs): Promise<{ id: string }[]> {
  return write(outputs);
}

/** For tests: how many jobs wait for the next write. */
export function pendingJobOutputs(): number {
  return write.waiting();
}
