-- Find your face: projections of uploaded photos (issue 21)
CREATE TABLE "Projection" (
    "id" TEXT NOT NULL,
    "ownerId" TEXT NOT NULL,
    "modelId" TEXT NOT NULL,
    "checkpointId" TEXT,
    "jobId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'QUEUED',
    "settings" JSONB NOT NULL,
    "photoSha256" TEXT NOT NULL,
    "photoKey" TEXT,
    "photoDeletedAt" TIMESTAMP(3),
    "targetPng" BYTEA,
    "faceIndex" INTEGER,
    "stepsDone" INTEGER NOT NULL DEFAULT 0,
    "lossCurve" DOUBLE PRECISION[],
    "snapshotPng" BYTEA,
    "resultPng" BYTEA,
    "psnr" DOUBLE PRECISION,
    "distances" JSONB,
    "noiseMaps" DOUBLE PRECISION[],
    "latentId" TEXT,
    "videoMp4AssetId" TEXT,
    "videoWebmAssetId" TEXT,
    "shareConfirmedAt" TIMESTAMP(3),
    "error" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Projection_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "Projection_latentId_key" ON "Projection"("latentId");
CREATE INDEX "Projection_ownerId_createdAt_idx" ON "Projection"("ownerId", "createdAt");
CREATE INDEX "Projection_photoSha256_idx" ON "Projection"("photoSha256");

ALTER TABLE "Projection" ADD CONSTRAINT "Projection_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Projection" ADD CONSTRAINT "Projection_modelId_fkey" FOREIGN KEY ("modelId") REFERENCES "Model"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Projection" ADD CONSTRAINT "Projection_latentId_fkey" FOREIGN KEY ("latentId") REFERENCES "Latent"("id") ON DELETE SET NULL ON UPDATE CASCADE;
