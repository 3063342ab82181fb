-- CreateEnum
CREATE TYPE "UrlForwardRedirect" AS ENUM ('PERMANENT', 'TEMPORARY');

-- AlterEnum
ALTER TYPE "DnsChangeCause" ADD VALUE 'FORWARD_SERVER_MOVED';

-- AlterTable
ALTER TABLE "dns_records" ADD COLUMN     "forwardKeepPath" BOOLEAN,
ADD COLUMN     "forwardRedirect" "UrlForwardRedirect";

-- The forwards that exist (the units' own and the badges' micro-site and site forwards) keep what the forwarding
-- server would have done for them: 302 to the target as written, without the request's path.
UPDATE "dns_records" SET "forwardRedirect" = 'TEMPORARY', "forwardKeepPath" = false WHERE "type" = 'URL_FORWARD';

-- Both options belong to a URL forward, and a URL forward has both.
ALTER TABLE "dns_records" ADD CONSTRAINT "dns_records_forward_options_check" CHECK (
  ("type" = 'URL_FORWARD') = ("forwardRedirect" IS NOT NULL)
  AND ("type" = 'URL_FORWARD') = ("forwardKeepPath" IS NOT NULL)
);

-- A change the system made when the forwarding server's address moved names no badge. (Compared as text: a value
-- added to an enum cannot be used as one in the transaction that added it.)
ALTER TABLE "dns_record_changes" DROP CONSTRAINT "dns_record_changes_cause";
ALTER TABLE "dns_record_changes" ADD CONSTRAINT "dns_record_changes_cause" CHECK (
  ("cause" = 'UNIT' AND "badgeId" IS NULL AND "badgeChangeRequestId" IS NULL)
  OR ("cause" = 'BADGE_ISSUED' AND "badgeId" IS NOT NULL AND "badgeChangeRequestId" IS NULL)
  OR ("cause" IN ('BADGE_CHANGED', 'BADGE_CANCELLED') AND "badgeId" IS NOT NULL AND "badgeChangeRequestId" IS NOT NULL)
  OR ("cause"::text = 'FORWARD_SERVER_MOVED' AND "badgeId" IS NULL AND "badgeChangeRequestId" IS NULL)
);
