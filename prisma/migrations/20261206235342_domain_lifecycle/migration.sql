-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "DomainStatus" ADD VALUE 'GRACE';
ALTER TYPE "DomainStatus" ADD VALUE 'REDEMPTION';
ALTER TYPE "DomainStatus" ADD VALUE 'DELETED';
ALTER TYPE "DomainStatus" ADD VALUE 'RELEASED';

-- CreateTable
CREATE TABLE "domain_lifecycle_periods" (
    "id" SERIAL NOT NULL,
    "graceDays" INTEGER NOT NULL,
    "redemptionDays" INTEGER NOT NULL,
    "holdDays" INTEGER NOT NULL,
    "effectiveFrom" DATE NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "domain_lifecycle_periods_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "domain_lifecycle_periods_effectiveFrom_key" ON "domain_lifecycle_periods"("effectiveFrom");

-- Hand-written (issue 19, lifecycle after expiry). The periods of a fresh clone: 30 days of grace, 30 of
-- redemption, then the name stays held 30 days after deletion. A later entry (effectiveFrom) governs the domains
-- that expire from its date on. The new states are used only from the next migration (PostgreSQL refuses an enum
-- value in the transaction that added it).
ALTER TABLE "domain_lifecycle_periods" ADD CONSTRAINT "domain_lifecycle_periods_days_range"
  CHECK ("graceDays" BETWEEN 0 AND 365 AND "redemptionDays" BETWEEN 0 AND 365 AND "holdDays" BETWEEN 0 AND 3650);
INSERT INTO "domain_lifecycle_periods" ("graceDays", "redemptionDays", "holdDays", "effectiveFrom")
  VALUES (30, 30, 30, DATE '2000-01-01');
