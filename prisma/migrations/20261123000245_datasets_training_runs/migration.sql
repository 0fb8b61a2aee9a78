-- AlterTable
ALTER TABLE "Dataset" ADD COLUMN     "fit" TEXT NOT NULL DEFAULT 'crop';

-- AlterTable
ALTER TABLE "TrainingRun" ADD COLUMN     "cancelRequestedAt" TIMESTAMP(3),
ADD COLUMN     "estimate" JSONB,
ADD COLUMN     "log" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "sampleGridAssetId" TEXT,
ADD COLUMN     "ticks" JSONB NOT NULL DEFAULT '[]';
