-- Security events: failed sign-ins for emails without an account have no actor.
-- Every entry keeps its target's name as it was, so the log reads by name after a rename or delete.
ALTER TABLE "AuditLog" ALTER COLUMN "actorId" DROP NOT NULL;
ALTER TABLE "AuditLog" ADD COLUMN "targetLabel" TEXT;
CREATE INDEX "AuditLog_action_createdAt_idx" ON "AuditLog"("action", "createdAt");
