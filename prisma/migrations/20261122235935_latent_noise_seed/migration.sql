-- AlterTable
ALTER TABLE "Latent" ADD COLUMN     "noiseSeed" INTEGER;
