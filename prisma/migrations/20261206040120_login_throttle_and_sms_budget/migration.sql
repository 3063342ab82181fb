-- Issue 14: the account-wide login lock (users.failedLogins/lockedUntil) let anyone lock out a known login; it is
-- replaced by a lock per (login name, address) and a delay per (login name, address) that grows with the name's
-- failures from every address (modules/auth/throttle.ts). Limits count under an address key (the IPv6 /64), and
-- only wrong passwords count against an address.
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
    "addressKey" VARCHAR(64) NOT NULL,
    "failures" INTEGER NOT NULL,
    "lastFailureAt" TIMESTAMP(3) NOT NULL,
    "lockedUntil" TIMESTAMP(3),

    CONSTRAINT "login_address_failures_pkey" PRIMARY KEY ("username","addressKey")
);

-- CreateTable
CREATE TABLE "login_account_throttles" (
    "username" VARCHAR(64) NOT NULL,
    "failures" INTEGER NOT NULL,
    "lastFailureAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "login_account_throttles_pkey" PRIMARY KEY ("username")
);

-- AlterTable
ALTER TABLE "login_attempts" ADD COLUMN     "addressKey" VARCHAR(64),
ADD COLUMN     "countsAsFailure" BOOLEAN NOT NULL DEFAULT false;

-- Hand-written: earlier attempts get their key (IPv4: the address; an IPv6 row stays without one, which only
-- means its address is not "known" to the name) and count when they were wrong passwords. No default afterwards:
-- every attempt states whether it counts.
UPDATE "login_attempts" SET "addressKey" = "ip" WHERE "ip" NOT LIKE '%:%';
UPDATE "login_attempts" SET "countsAsFailure" = true WHERE NOT "succeeded" AND "failureCode" = 'INVALID_CREDENTIALS';
ALTER TABLE "login_attempts" ALTER COLUMN "countsAsFailure" DROP DEFAULT;

-- DropIndex
DROP INDEX "login_attempts_ip_at_idx";

-- CreateIndex
CREATE INDEX "login_attempts_addressKey_at_idx" ON "login_attempts"("addressKey", "at");

-- CreateIndex
CREATE INDEX "sms_budget_periods_reachedAt_idx" ON "sms_budget_periods"("reachedAt");

-- Hand-written: counters never go negative (an undo decrements them).
ALTER TABLE "sms_budget_periods" ADD CONSTRAINT "sms_budget_periods_sent_check" CHECK ("sent" >= 0);
ALTER TABLE "login_address_failures" ADD CONSTRAINT "login_address_failures_failures_check" CHECK ("failures" >= 0);
ALTER TABLE "login_account_throttles" ADD CONSTRAINT "login_account_throttles_failures_check" CHECK ("failures" >= 0);
