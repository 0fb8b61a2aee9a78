-- AlterTable
ALTER TABLE "Latent" ADD COLUMN     "commercialUse" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "Mix" ADD COLUMN     "commercialUse" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "Video" ADD COLUMN     "commercialUse" BOOLEAN NOT NULL DEFAULT false;
