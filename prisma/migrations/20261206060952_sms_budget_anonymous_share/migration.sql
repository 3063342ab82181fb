-- AlterTable
ALTER TABLE "sms_budget_periods" ADD COLUMN     "anonymousBudget" INTEGER,
ADD COLUMN     "anonymousReachedAt" TIMESTAMP(3),
ADD COLUMN     "anonymousSent" INTEGER NOT NULL DEFAULT 0;

-- CreateIndex
CREATE INDEX "sms_budget_periods_anonymousReachedAt_idx" ON "sms_budget_periods"("anonymousReachedAt");

-- Hand-written: the anonymous codes are a part of all the codes of the period.
ALTER TABLE "sms_budget_periods" ADD CONSTRAINT "sms_budget_periods_anonymousSent_check" CHECK ("anonymousSent" >= 0 AND "anonymousSent" <= "sent");
