-- AlterTable
ALTER TABLE "dns_record_changes" ADD COLUMN     "reorganisationId" INTEGER;

-- AddForeignKey
ALTER TABLE "dns_record_changes" ADD CONSTRAINT "dns_record_changes_reorganisationId_fkey" FOREIGN KEY ("reorganisationId") REFERENCES "unit_reorganisations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- A badge cancelled by a carried-out 机构改革 removes its Chinese domain's forwards like a badge 注销; the history
-- row names the reorganisation. BADGE_CANCELLED names exactly one of: the badge request, the 域名注销, the 机构改革.
ALTER TABLE "dns_record_changes" DROP CONSTRAINT "dns_record_changes_cause";
ALTER TABLE "dns_record_changes" ADD CONSTRAINT "dns_record_changes_cause" CHECK (
  ("cause" = 'UNIT' AND "badgeId" IS NULL AND "badgeChangeRequestId" IS NULL AND "domainCancellationRequestId" IS NULL
      AND "reorganisationId" IS NULL)
  OR ("cause" = 'BADGE_ISSUED' AND "badgeId" IS NOT NULL AND "badgeChangeRequestId" IS NULL
      AND "domainCancellationRequestId" IS NULL AND "reorganisationId" IS NULL)
  OR ("cause" = 'BADGE_CHANGED' AND "badgeId" IS NOT NULL AND "badgeChangeRequestId" IS NOT NULL
      AND "domainCancellationRequestId" IS NULL AND "reorganisationId" IS NULL)
  OR ("cause" = 'BADGE_CANCELLED' AND "badgeId" IS NOT NULL
      AND (("badgeChangeRequestId" IS NOT NULL)::int + ("domainCancellationRequestId" IS NOT NULL)::int
           + ("reorganisationId" IS NOT NULL)::int) = 1)
  OR ("cause"::text = 'FORWARD_SERVER_MOVED' AND "badgeId" IS NULL AND "badgeChangeRequestId" IS NULL
      AND "domainCancellationRequestId" IS NULL AND "reorganisationId" IS NULL)
);
