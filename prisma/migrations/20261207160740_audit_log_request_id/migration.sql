-- AlterTable
ALTER TABLE "audit_logs" ADD COLUMN     "requestId" VARCHAR(64);
