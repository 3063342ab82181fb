-- CreateEnum
CREATE TYPE "DomainCancellationStatus" AS ENUM ('PENDING', 'APPROVED', 'REJECTED', 'WITHDRAWN');

-- AlterTable
ALTER TABLE "dns_record_changes" ADD COLUMN     "domainCancellationRequestId" INTEGER;

-- AlterTable
ALTER TABLE "domains" ADD COLUMN     "deletedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "domain_cancellation_requests" (
    "id" SERIAL NOT NULL,
    "domainId" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,
    "status" "DomainCancellationStatus" NOT NULL DEFAULT 'PENDING',
    "reason" VARCHAR(500) NOT NULL,
    "cancelDependents" BOOLEAN NOT NULL DEFAULT false,
    "dependents" JSONB NOT NULL,
    "requestedById" INTEGER NOT NULL,
    "reviewOfficeId" INTEGER NOT NULL,
    "reviewedById" INTEGER,
    "reviewedAt" TIMESTAMP(3),
    "reviewNote" VARCHAR(500),
    "version" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "domain_cancellation_requests_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "domain_cancellation_requests_reviewOfficeId_status_createdA_idx" ON "domain_cancellation_requests"("reviewOfficeId", "status", "createdAt");

-- CreateIndex
CREATE INDEX "domain_cancellation_requests_domainId_createdAt_idx" ON "domain_cancellation_requests"("domainId", "createdAt");

-- CreateIndex
CREATE INDEX "domain_cancellation_requests_unitId_createdAt_idx" ON "domain_cancellation_requests"("unitId", "createdAt");

-- AddForeignKey
ALTER TABLE "domain_cancellation_requests" ADD CONSTRAINT "domain_cancellation_requests_domainId_fkey" FOREIGN KEY ("domainId") REFERENCES "domains"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "domain_cancellation_requests" ADD CONSTRAINT "domain_cancellation_requests_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "units"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "domain_cancellation_requests" ADD CONSTRAINT "domain_cancellation_requests_requestedById_fkey" FOREIGN KEY ("requestedById") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "domain_cancellation_requests" ADD CONSTRAINT "domain_cancellation_requests_reviewOfficeId_fkey" FOREIGN KEY ("reviewOfficeId") REFERENCES "offices"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "domain_cancellation_requests" ADD CONSTRAINT "domain_cancellation_requests_reviewedById_fkey" FOREIGN KEY ("reviewedById") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "dns_record_changes" ADD CONSTRAINT "dns_record_changes_domainCancellationRequestId_fkey" FOREIGN KEY ("domainCancellationRequestId") REFERENCES "domain_cancellation_requests"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Hand-written (issue 19, 注销). One waiting request per domain: of two filed at once, the second hits this index
-- and answers CONFLICT (domains/openRequests.ts also refuses it under the domain's row lock).
CREATE UNIQUE INDEX "domain_cancellation_requests_one_pending" ON "domain_cancellation_requests" ("domainId")
  WHERE "status" = 'PENDING';
ALTER TABLE "domain_cancellation_requests" ADD CONSTRAINT "domain_cancellation_requests_reason_length"
  CHECK (char_length("reason") >= 2);
-- Domains that were deleted before this column: their deletion date as the lifecycle dated it cannot be told apart
-- from expiresAt here, so they stay null and their release counts from expiresAt as before.
-- A badge cancelled with its domain's 注销 records the 注销 instead of a badge request.
ALTER TABLE "dns_record_changes" DROP CONSTRAINT "dns_record_changes_cause";
ALTER TABLE "dns_record_changes" ADD CONSTRAINT "dns_record_changes_cause" CHECK (
  ("cause" = 'UNIT' AND "badgeId" IS NULL AND "badgeChangeRequestId" IS NULL AND "domainCancellationRequestId" IS NULL)
  OR ("cause" = 'BADGE_ISSUED' AND "badgeId" IS NOT NULL AND "badgeChangeRequestId" IS NULL
      AND "domainCancellationRequestId" IS NULL)
  OR ("cause" = 'BADGE_CHANGED' AND "badgeId" IS NOT NULL AND "badgeChangeRequestId" IS NOT NULL
      AND "domainCancellationRequestId" IS NULL)
  OR ("cause" = 'BADGE_CANCELLED' AND "badgeId" IS NOT NULL
      AND (("badgeChangeRequestId" IS NOT NULL) <> ("domainCancellationRequestId" IS NOT NULL)))
  OR ("cause"::text = 'FORWARD_SERVER_MOVED' AND "badgeId" IS NULL AND "badgeChangeRequestId" IS NULL
      AND "domainCancellationRequestId" IS NULL)
);
