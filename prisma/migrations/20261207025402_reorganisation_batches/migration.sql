-- CreateEnum
CREATE TYPE "ReorganisationBatchStatus" AS ENUM ('PENDING_REVIEW', 'APPROVED', 'RUNNING', 'COMPLETED', 'REJECTED', 'WITHDRAWN');

-- CreateEnum
CREATE TYPE "ReorganisationBatchRowStatus" AS ENUM ('PENDING', 'CARRIED_OUT', 'FAILED');

-- CreateTable
CREATE TABLE "reorganisation_batches" (
    "id" SERIAL NOT NULL,
    "fileName" VARCHAR(255) NOT NULL,
    "officeId" INTEGER NOT NULL,
    "uploadedById" INTEGER NOT NULL,
    "reviewOfficeId" INTEGER NOT NULL,
    "status" "ReorganisationBatchStatus" NOT NULL DEFAULT 'PENDING_REVIEW',
    "rowCount" INTEGER NOT NULL,
    "doneCount" INTEGER NOT NULL DEFAULT 0,
    "failedCount" INTEGER NOT NULL DEFAULT 0,
    "report" JSONB NOT NULL,
    "reviewedById" INTEGER,
    "reviewedAt" TIMESTAMP(3),
    "reviewNote" VARCHAR(500),
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "reorganisation_batches_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "reorganisation_batch_rows" (
    "id" SERIAL NOT NULL,
    "batchId" INTEGER NOT NULL,
    "sequence" INTEGER NOT NULL,
    "sheetRow" INTEGER NOT NULL,
    "kind" VARCHAR(16) NOT NULL,
    "plan" JSONB NOT NULL,
    "status" "ReorganisationBatchRowStatus" NOT NULL DEFAULT 'PENDING',
    "failure" VARCHAR(1000),
    "reorganisationId" INTEGER,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "reorganisation_batch_rows_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "reorganisation_batches_officeId_createdAt_idx" ON "reorganisation_batches"("officeId", "createdAt");

-- CreateIndex
CREATE INDEX "reorganisation_batches_reviewOfficeId_status_idx" ON "reorganisation_batches"("reviewOfficeId", "status");

-- CreateIndex
CREATE INDEX "reorganisation_batch_rows_batchId_status_idx" ON "reorganisation_batch_rows"("batchId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "reorganisation_batch_rows_batchId_sequence_key" ON "reorganisation_batch_rows"("batchId", "sequence");

-- AddForeignKey
ALTER TABLE "reorganisation_batch_rows" ADD CONSTRAINT "reorganisation_batch_rows_batchId_fkey" FOREIGN KEY ("batchId") REFERENCES "reorganisation_batches"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Hand-written: the progress counts never exceed the rows; a batch holds at least one row.
ALTER TABLE "reorganisation_batches" ADD CONSTRAINT "reorganisation_batches_counts_check"
  CHECK ("rowCount" > 0 AND "doneCount" >= 0 AND "failedCount" >= 0 AND "doneCount" + "failedCount" <= "rowCount");
