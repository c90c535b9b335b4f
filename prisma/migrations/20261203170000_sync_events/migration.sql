-- The event journal behind session:resume (docs/delivery.md "Resuming events").
-- CreateTable
CREATE TABLE "SyncEvent" (
    "id" BIGSERIAL NOT NULL,
    "event" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "userId" UUID,
    "roomIds" UUID[],
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SyncEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SyncEvent_userId_id_idx" ON "SyncEvent"("userId", "id");

-- CreateIndex
CREATE INDEX "SyncEvent_roomIds_idx" ON "SyncEvent" USING GIN ("roomIds");

-- CreateIndex
CREATE INDEX "SyncEvent_createdAt_idx" ON "SyncEvent"("createdAt");
