-- Issue 14, red team round 2: the login limits count under an address key (lib/clientAddress.ts limitKeyOf: an
-- IPv4 address as it is, an IPv6 address by its /64); the account-wide delay slot (nextAttemptAt) gives way to a
-- delay per (login name, address); only wrong passwords count against an address (login_attempts.countsAsFailure).

-- AlterTable
ALTER TABLE "login_account_throttles" DROP COLUMN "nextAttemptAt";

-- Hand-written: a throttle row's IPv4 address is already its key. Rows of IPv6 addresses are dropped rather than
-- re-keyed by /64 in SQL; they only hold up to 15 minutes of throttle state, which starts again from zero.
DELETE FROM "login_address_failures" WHERE "ip" LIKE '%:%';
ALTER TABLE "login_address_failures" RENAME COLUMN "ip" TO "addressKey";

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

-- CreateIndex: the SMS limit per address counts an hour of verification.send rows on every send.
CREATE INDEX "audit_logs_action_at_idx" ON "audit_logs"("action", "at");
