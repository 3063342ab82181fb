-- CreateEnum
CREATE TYPE "MigrationSource" AS ENUM ('CLI', 'PORTAL');

-- CreateEnum
CREATE TYPE "MigrationRunStatus" AS ENUM ('UPLOADED', 'VALIDATING', 'VALIDATED', 'COMMITTING', 'COMMITTED', 'FAILED');

-- AlterEnum
ALTER TYPE "AccountKind" ADD VALUE 'MIGRATION_OPENING';

-- AlterEnum
ALTER TYPE "InvoiceStockReason" ADD VALUE 'OPENING';

-- AlterEnum
ALTER TYPE "LedgerTransactionKind" ADD VALUE 'OPENING_BALANCE';

-- AlterTable
ALTER TABLE "badges" ADD COLUMN     "importedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "domains" ADD COLUMN     "importedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "invoice_stock_movements" ALTER COLUMN "createdById" DROP NOT NULL;

-- AlterTable
ALTER TABLE "site_applications" ADD COLUMN     "importedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "units" ADD COLUMN     "importedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "users" ADD COLUMN     "claimInvitedAt" TIMESTAMP(3),
ADD COLUMN     "importedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "migration_runs" (
    "id" SERIAL NOT NULL,
    "source" "MigrationSource" NOT NULL,
    "status" "MigrationRunStatus" NOT NULL DEFAULT 'UPLOADED',
    "dryRun" BOOLEAN NOT NULL DEFAULT true,
    "createdById" INTEGER,
    "files" JSONB NOT NULL DEFAULT '[]',
    "rowsTotal" INTEGER NOT NULL DEFAULT 0,
    "rowsDone" INTEGER NOT NULL DEFAULT 0,
    "phase" VARCHAR(32),
    "problemCount" INTEGER NOT NULL DEFAULT 0,
    "counts" JSONB NOT NULL DEFAULT '{}',
    "error" VARCHAR(2000),
    "startedAt" TIMESTAMP(3),
    "heartbeatAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "migration_runs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "migration_uploads" (
    "id" SERIAL NOT NULL,
    "runId" INTEGER NOT NULL,
    "fileName" VARCHAR(255) NOT NULL,
    "kind" VARCHAR(32) NOT NULL,
    "size" INTEGER NOT NULL,
    "content" BYTEA NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "migration_uploads_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "migration_problems" (
    "id" BIGSERIAL NOT NULL,
    "runId" INTEGER NOT NULL,
    "fileName" VARCHAR(255) NOT NULL,
    "row" INTEGER NOT NULL,
    "column" VARCHAR(64) NOT NULL,
    "message" VARCHAR(500) NOT NULL,

    CONSTRAINT "migration_problems_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "migration_batches" (
    "runId" INTEGER NOT NULL,
    "fileName" VARCHAR(255) NOT NULL,
    "batchIndex" INTEGER NOT NULL,
    "firstRow" INTEGER NOT NULL,
    "lastRow" INTEGER NOT NULL,
    "inserted" INTEGER NOT NULL,
    "updated" INTEGER NOT NULL,
    "unchanged" INTEGER NOT NULL,
    "committedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "migration_batches_pkey" PRIMARY KEY ("runId","fileName","batchIndex")
);

-- CreateIndex
CREATE INDEX "migration_uploads_runId_idx" ON "migration_uploads"("runId");

-- CreateIndex
CREATE INDEX "migration_problems_runId_id_idx" ON "migration_problems"("runId", "id");

-- CreateIndex
CREATE INDEX "users_importedAt_claimInvitedAt_idx" ON "users"("importedAt", "claimInvitedAt");

-- AddForeignKey
ALTER TABLE "migration_uploads" ADD CONSTRAINT "migration_uploads_runId_fkey" FOREIGN KEY ("runId") REFERENCES "migration_runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "migration_problems" ADD CONSTRAINT "migration_problems_runId_fkey" FOREIGN KEY ("runId") REFERENCES "migration_runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "migration_batches" ADD CONSTRAINT "migration_batches_runId_fkey" FOREIGN KEY ("runId") REFERENCES "migration_runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- 期初余额: the contra account of imported opening balances holds minus what came in, like UNIT_PAYMENTS (compared as
-- text: an enum value added in this migration cannot be used as one until it is committed).
ALTER TABLE "accounts" DROP CONSTRAINT "accounts_balance_sign";
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_balance_sign" CHECK (
  CASE
    WHEN "kind"::text IN ('UNIT_PAYMENTS', 'MIGRATION_OPENING') THEN "balanceFen" <= 0
    ELSE "balanceFen" >= 0
  END);
-- Only an imported opening stock may lack the person who recorded it.
ALTER TABLE "invoice_stock_movements" ADD CONSTRAINT "invoice_stock_movements_recorded_by" CHECK (
  "createdById" IS NOT NULL OR "reason"::text = 'OPENING');
-- A run's counters never go backwards past zero.
ALTER TABLE "migration_runs" ADD CONSTRAINT "migration_runs_progress" CHECK (
  "rowsDone" >= 0 AND "rowsTotal" >= 0 AND "problemCount" >= 0);
