-- Issue 14: the account-wide login lock (users.failedLogins/lockedUntil) let anyone lock out a known login; it is
-- replaced by a lock per (login name, address) and an account-wide growing delay (modules/auth/throttle.ts).
-- SMS verification codes get a global budget per hour and per day (modules/verification/budget.ts).
-- CreateEnum
CREATE TYPE "SmsBudgetWindow" AS ENUM ('HOUR', 'DAY');

-- AlterTable
ALTER TABLE "users" DROP COLUMN "failedLogins",
DROP COLUMN "lockedUntil";

-- CreateTable
CREATE TABLE "sms_budget_periods" (
    "period" "SmsBudgetWindow" NOT NULL,
    "periodStart" TIMESTAMP(3) NOT NULL,
    "sent" INTEGER NOT NULL,
    "budget" INTEGER,
    "reachedAt" TIMESTAMP(3),

    CONSTRAINT "sms_budget_periods_pkey" PRIMARY KEY ("period","periodStart")
);

-- CreateTable
CREATE TABLE "login_address_failures" (
    "username" VARCHAR(64) NOT NULL,
    "ip" VARCHAR(64) NOT NULL,
    "failures" INTEGER NOT NULL,
    "lastFailureAt" TIMESTAMP(3) NOT NULL,
    "lockedUntil" TIMESTAMP(3),

    CONSTRAINT "login_address_failures_pkey" PRIMARY KEY ("username","ip")
);

-- CreateTable
CREATE TABLE "login_account_throttles" (
    "username" VARCHAR(64) NOT NULL,
    "failures" INTEGER NOT NULL,
    "lastFailureAt" TIMESTAMP(3) NOT NULL,
    "nextAttemptAt" TIMESTAMP(3),

    CONSTRAINT "login_account_throttles_pkey" PRIMARY KEY ("username")
);

-- CreateIndex
CREATE INDEX "sms_budget_periods_reachedAt_idx" ON "sms_budget_periods"("reachedAt");

-- Hand-written: counters never go negative (an undo decrements them).
ALTER TABLE "sms_budget_periods" ADD CONSTRAINT "sms_budget_periods_sent_check" CHECK ("sent" >= 0);
ALTER TABLE "login_address_failures" ADD CONSTRAINT "login_address_failures_failures_check" CHECK ("failures" >= 0);
ALTER TABLE "login_account_throttles" ADD CONSTRAINT "login_account_throttles_failures_check" CHECK ("failures" >= 0);
