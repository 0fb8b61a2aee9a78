-- The result model of a fine-tune is usable only once its run completed, or once its owner promoted
-- one of its checkpoints. Owners can hide models and checkpoints.
ALTER TABLE "Model" ADD COLUMN "ready" BOOLEAN NOT NULL DEFAULT true;
ALTER TABLE "Model" ADD COLUMN "archived" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "Checkpoint" ADD COLUMN "hidden" BOOLEAN NOT NULL DEFAULT false;
-- Result models of runs that did not complete are no longer usable until promoted.
UPDATE "Model" SET "ready" = false
  WHERE "id" IN (SELECT "resultModelId" FROM "TrainingRun" WHERE "resultModelId" IS NOT NULL AND "state" <> 'COMPLETED');
