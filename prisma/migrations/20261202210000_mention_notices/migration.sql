-- CreateTable
CREATE TABLE "MentionNotice" (
    "messageId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MentionNotice_pkey" PRIMARY KEY ("messageId","userId")
);

-- CreateIndex
CREATE INDEX "MentionNotice_userId_idx" ON "MentionNotice"("userId");

-- Who was already told about a mention (before this table): everyone mentioned now.
INSERT INTO "MentionNotice" ("messageId", "userId") SELECT "messageId", "userId" FROM "Mention" ON CONFLICT DO NOTHING;

-- AddForeignKey
ALTER TABLE "MentionNotice" ADD CONSTRAINT "MentionNotice_messageId_fkey" FOREIGN KEY ("messageId") REFERENCES "Message"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MentionNotice" ADD CONSTRAINT "MentionNotice_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
