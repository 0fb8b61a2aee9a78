-- Postgres is the source of truth for jobs: a running job's worker writes a heartbeat (and
-- its compute time so far), so reconciliation and cancellation can tell a job that is still
-- running somewhere from one whose worker or queue entry is gone.
ALTER TABLE "Job" ADD COLUMN "heartbeatAt" TIMESTAMP(3);
ALTER TABLE "Job" ADD COLUMN "workerName" TEXT;
-- The BullMQ queue (prefix included) the job was handed to: a worker reconciles only the jobs
-- of its own deployment, even where several share one database.
ALTER TABLE "Job" ADD COLUMN "queue" TEXT;
-- Unfinished jobs from before: their queue under the default prefix (QUEUE_PREFIX=atelier).
UPDATE "Job" SET "queue" = 'atelier-' || CASE
    WHEN "type" = 'ping' THEN 'default'
    WHEN "type" = 'fine-tune' THEN 'training'
    WHEN "type" = 'render-video' THEN 'video'
    ELSE 'synthesis' END
  WHERE "state" IN ('QUEUED', 'ACTIVE');

CREATE INDEX "Job_state_createdAt_idx" ON "Job"("state", "createdAt");
