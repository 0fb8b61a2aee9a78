-- CreateTable
CREATE TABLE "WorkerNode" (
    "id" TEXT NOT NULL,
    "hostname" TEXT NOT NULL,
    "pid" INTEGER NOT NULL,
    "queues" TEXT[],
    "backend" TEXT NOT NULL,
    "backendForced" BOOLEAN NOT NULL DEFAULT false,
    "simd" BOOLEAN,
    "adapter" JSONB,
    "skipped" JSONB NOT NULL DEFAULT '[]',
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "stoppedAt" TIMESTAMP(3),

    CONSTRAINT "WorkerNode_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "WorkerNode_lastSeenAt_idx" ON "WorkerNode"("lastSeenAt");
