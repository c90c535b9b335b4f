-- AlterTable
ALTER TABLE "Room" ADD COLUMN     "dmName" TEXT;
