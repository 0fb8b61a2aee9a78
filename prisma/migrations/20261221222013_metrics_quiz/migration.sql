-- Model-quality metrics and the Which face is real quiz

CREATE TABLE "MetricRun" (
    "id" TEXT NOT NULL,
    "modelId" TEXT NOT NULL,
    "checkpointId" TEXT NOT NULL,
    "trainingRunId" TEXT,
    "requestedById" TEXT,
    "jobId" TEXT,
    "metrics" TEXT[],
    "num" INTEGER,
    "inputSize" INTEGER NOT NULL DEFAULT 299,
    "state" "JobState" NOT NULL DEFAULT 'QUEUED',
    "results" JSONB NOT NULL DEFAULT '[]',
    "error" TEXT,
    "kimg" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    CONSTRAINT "MetricRun_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "RealFeatureCache" (
    "key" TEXT NOT NULL,
    "storageKey" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "RealFeatureCache_pkey" PRIMARY KEY ("key")
);

CREATE TABLE "QuizRound" (
    "id" TEXT NOT NULL,
    "modelId" TEXT NOT NULL,
    "checkpointId" TEXT NOT NULL,
    "realAssetId" TEXT NOT NULL,
    "fakeAssetId" TEXT NOT NULL,
    "realSlot" TEXT NOT NULL,
    "playerKey" TEXT,
    "userId" TEXT,
    "servedAt" TIMESTAMP(3),
    "answeredAt" TIMESTAMP(3),
    "correct" BOOLEAN,
    "cues" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "QuizRound_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "MetricRun_modelId_createdAt_idx" ON "MetricRun"("modelId", "createdAt");
CREATE INDEX "MetricRun_trainingRunId_createdAt_idx" ON "MetricRun"("trainingRunId", "createdAt");
CREATE INDEX "QuizRound_modelId_servedAt_idx" ON "QuizRound"("modelId", "servedAt");
CREATE INDEX "QuizRound_playerKey_answeredAt_idx" ON "QuizRound"("playerKey", "answeredAt");

ALTER TABLE "MetricRun" ADD CONSTRAINT "MetricRun_modelId_fkey" FOREIGN KEY ("modelId") REFERENCES "Model"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "MetricRun" ADD CONSTRAINT "MetricRun_checkpointId_fkey" FOREIGN KEY ("checkpointId") REFERENCES "Checkpoint"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "QuizRound" ADD CONSTRAINT "QuizRound_modelId_fkey" FOREIGN KEY ("modelId") REFERENCES "Model"("id") ON DELETE CASCADE ON UPDATE CASCADE;
