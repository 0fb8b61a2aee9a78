-- Semantic directions per checkpoint (SeFa, GANSpace, taught by example) and edited latents.
CREATE TYPE "DirectionMethod" AS ENUM ('SEFA', 'GANSPACE', 'TAUGHT');

CREATE TABLE "Direction" (
    "id" TEXT NOT NULL,
    "modelId" TEXT NOT NULL,
    "checkpointId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "method" "DirectionMethod" NOT NULL,
    "layerStart" INTEGER NOT NULL,
    "layerEnd" INTEGER NOT NULL,
    "rank" INTEGER NOT NULL DEFAULT 0,
    "vector" DOUBLE PRECISION[],
    "value" DOUBLE PRECISION NOT NULL,
    "named" BOOLEAN NOT NULL DEFAULT false,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "Direction_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "Direction_checkpointId_method_rank_idx" ON "Direction"("checkpointId", "method", "rank");
CREATE INDEX "Direction_modelId_idx" ON "Direction"("modelId");

ALTER TABLE "Direction" ADD CONSTRAINT "Direction_modelId_fkey" FOREIGN KEY ("modelId") REFERENCES "Model"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Direction" ADD CONSTRAINT "Direction_checkpointId_fkey" FOREIGN KEY ("checkpointId") REFERENCES "Checkpoint"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Direction" ADD CONSTRAINT "Direction_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Edited latents keep their base w+ and the edits (vectors, amounts, layer ranges).
ALTER TABLE "Latent" ADD COLUMN "editBase" DOUBLE PRECISION[];
ALTER TABLE "Latent" ADD COLUMN "edits" JSONB;
