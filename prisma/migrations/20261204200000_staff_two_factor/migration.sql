-- AlterTable
ALTER TABLE "InstanceSettings" ADD COLUMN     "requireTwoFactorForStaff" BOOLEAN NOT NULL DEFAULT false;
