-- AlterTable
ALTER TABLE "User" ADD COLUMN "avatarUpdatedAt" TIMESTAMP(3);
