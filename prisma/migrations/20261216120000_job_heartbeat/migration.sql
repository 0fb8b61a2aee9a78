-- Postgres is the source of truth for jobs: a running job's worker writes a heartbeat (and
-- its compute time so far), so reconciliation and cancellation can tell a job that is still
-- running somewhere from one whose worker or queue entry is gone.
ALTER TABLE "Job" ADD COLUMN "heartbeatAt" TIMESTAMP(3);
ALTER TABLE "Job" ADD COLUMN "workerName" TEXT;

CREATE INDEX "Job_state_createdAt_idx" ON "Job"("state", "createdAt");
