-- CreateTable
CREATE TABLE "ProvenanceFile" (
    "id" TEXT NOT NULL,
    "recordId" TEXT NOT NULL,
    "assetId" TEXT NOT NULL,
    "variant" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "mime" TEXT NOT NULL,
    "storageKey" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProvenanceFile_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ProvenanceFile_sha256_idx" ON "ProvenanceFile"("sha256");

-- CreateIndex
CREATE UNIQUE INDEX "ProvenanceFile_recordId_assetId_variant_key" ON "ProvenanceFile"("recordId", "assetId", "variant");

-- AddForeignKey
ALTER TABLE "ProvenanceFile" ADD CONSTRAINT "ProvenanceFile_recordId_fkey" FOREIGN KEY ("recordId") REFERENCES "ProvenanceRecord"("id") ON DELETE CASCADE ON UPDATE CASCADE;

